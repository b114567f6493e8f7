using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;
using Interlink.Core.Wiring;

namespace Interlink.Analysis.Deployability;

public static partial class DeployabilityAnalyzer
{
    // The deploy-time handshakes, (a) to (d): who starts each, which role it assumes and which actions on which
    // resources it needs; operator-role handshakes (run by deploy) and bootstrap requirements (run by CloudFormation).
    private sealed partial class Run
    {
        /// <summary>(a) Cross-account peering accepted by CloudFormation through PeerRoleArn.</summary>
        public void PeeringAccepts()
        {
            foreach (var (stack, logicalId, p) in Resources("AWS::EC2::VPCPeeringConnection"))
            {
                var peering = Peering(stack, logicalId, p);
                var execRole = CfnExecRole(stack);
                if (!peering.CrossAccount)
                {
                    Requirement("same-account-peering", $"peering {logicalId} is accepted by CloudFormation in the same account", stack, logicalId, execRole,
                        "ec2:AcceptVpcPeeringConnection", [("vpc-peering-connection", peering.ArnIn(peering.AccepterRegion, peering.AccepterAccount)), ("vpc", peering.AccepterVpc)],
                        $"without PeerRoleArn CloudFormation accepts the peering with the stack's own execution role {execRole}: its execution policy must allow ec2:AcceptVpcPeeringConnection");
                    continue;
                }

                var title = $"peering {logicalId} accepted in account {peering.AccepterAccount} through PeerRoleArn";
                if (!p.TryGetProperty("PeerRoleArn", out var roleArnJson))
                {
                    Add(Blocked(DeployabilityRules.NoRole, "peering-accept", title, stack, logicalId, execRole, "(none)", [], [],
                        $"the peer VPC belongs to account {peering.AccepterAccount}, but the peering names no PeerRoleArn: nobody accepts it"));
                    continue;
                }

                var roleArn = resolver.Resolve(stack.Name, roleArnJson);
                var role = Reader.FindRole(roleArn);
                if (role is null)
                {
                    Add(Blocked(DeployabilityRules.NoRole, "peering-accept", title, stack, logicalId, execRole, roleArn.Display(), [], [],
                        $"PeerRoleArn {roleArn.Display()} names a role no stack of the assembly declares"));
                    continue;
                }

                var principal = IamText.Of(execRole);
                var trust = Trust(role, $"{execRole} (CloudFormation, relay stack {stack.Name})", principal, AccountOf(stack), exact: true);
                var chain = new List<TrustStep>
                {
                    new("CloudFormation (deploying the relay stack)", execRole, HandshakeStatus.Requirement,
                        "the stack's CDK bootstrap execution role; its execution policy must allow sts:AssumeRole on the accepter role"),
                    trust.Step,
                };
                var accept = Check(role, "ec2:AcceptVpcPeeringConnection", peering.AccepterRegion, new()
                {
                    ["vpc-peering-connection"] = (peering.ArnIn(peering.AccepterRegion, peering.AccepterAccount), peering.Keys),
                    ["vpc"] = (peering.AccepterVpc, new() { ["ec2:VpcID"] = peering.AccepterVpcId }),
                });
                var handshake = Verdict("peering-accept", title, stack, logicalId, execRole, role, chain, [accept]);
                Add(handshake);
                if (trust.Broad)
                    Note(handshake, DeployabilityRules.BroadTrust, stack, logicalId,
                        $"{role.Key} trusts every principal of account {peering.RequesterAccount} ({trust.Step.Statement}), not only {execRole}");
                Note(handshake, DeployabilityRules.BootstrapRequirement, stack, logicalId,
                    $"CloudFormation assumes PeerRoleArn {role.Key} with {execRole}: its execution policy must allow sts:AssumeRole on that role (AdministratorAccess does)");
            }
        }

        /// <summary>(b) deploy accepts the consumers' endpoint connections through the service stack's operator role.</summary>
        public void EndpointAcceptance()
        {
            foreach (var (stack, logicalId, p) in Resources("AWS::EC2::VPCEndpointService"))
            {
                if (p.TryGetProperty("AcceptanceRequired", out var ar) && resolver.Resolve(stack.Name, ar).AsBool() == false)
                    continue;
                var region = stack.Region;
                var service = Arn(region, AccountOf(stack), "vpc-endpoint-service/", IamText.From(resolver.Resolve(stack.Name, Ref(logicalId))));
                var title = $"deploy accepts endpoint connections to {logicalId}";
                OperatorHandshake("endpoint-acceptance", title, stack, logicalId,
                [
                    ("ec2:DescribeVpcEndpointConnections", region, []),
                    ("ec2:AcceptVpcEndpointConnections", region, new() { ["vpc-endpoint-service"] = (service, []) }),
                    ("ec2:RejectVpcEndpointConnections", region, new() { ["vpc-endpoint-service"] = (service, []) }),
                ]);
            }
        }

        /// <summary>(c) deploy sets the peering DNS options on each side with that side's operator role.</summary>
        public void PeeringDns()
        {
            foreach (var (stack, logicalId, p) in Resources("AWS::EC2::VPCPeeringConnection"))
            {
                if (!WantsPeeringDns(stack))
                    continue;
                var peering = Peering(stack, logicalId, p);
                var requester = peering.ArnIn(stack.Region, AccountOf(stack));
                OperatorHandshake("peering-dns", $"deploy sets requester DNS options on {logicalId}", stack, logicalId,
                [
                    ("ec2:ModifyVpcPeeringConnectionOptions", stack.Region, new() { ["vpc-peering-connection"] = (requester, peering.Keys) }),
                    ("ec2:DescribeVpcPeeringConnections", stack.Region, []),
                ]);
                var routes = assembly.Stacks.Values.FirstOrDefault(s => s.Role == StackRoles.ProviderRoutes);
                if (routes is null)
                    continue;
                var accepter = peering.ArnIn(peering.AccepterRegion, peering.AccepterAccount);
                OperatorHandshake("peering-dns", $"deploy sets accepter DNS options on {stack.Name}/{logicalId}", routes, logicalId,
                [
                    ("ec2:ModifyVpcPeeringConnectionOptions", peering.AccepterRegion, new() { ["vpc-peering-connection"] = (accepter, peering.Keys) }),
                    ("ec2:DescribeVpcPeeringConnections", peering.AccepterRegion, []),
                ]);
            }
        }

        /// <summary>(d) native mode: vpce:AllowMultiRegion for the service with SupportedRegions and each cross-Region endpoint.</summary>
        public void MultiRegion()
        {
            // AWS documents vpce:AllowMultiRegion as the permission-only action that "grants permission to manage
            // multi-region VPC endpoints and VPC endpoint service configurations" (Service Authorization Reference,
            // AWS PrivateLink), on both vpc-endpoint-service and vpc-endpoint: the provider creating a service with
            // SupportedRegions and the consumer creating an endpoint with ServiceRegion both need it.
            foreach (var (stack, logicalId, p) in Resources("AWS::EC2::VPCEndpointService"))
            {
                var regions = p.TryGetProperty("SupportedRegions", out var sr) ? CfnValue.ListOf(resolver.Resolve(stack.Name, sr)).Select(v => v.Text ?? v.Display()).ToList() : [];
                var remote = regions.Where(r => r != stack.Region).ToList();
                if (remote.Count == 0)
                    continue;
                var exec = CfnExecRole(stack);
                Requirement("multi-region", $"CloudFormation creates {logicalId} with SupportedRegions {string.Join(", ", remote)}", stack, logicalId, exec,
                    "vpce:AllowMultiRegion", [("vpc-endpoint-service", Arn(stack.Region, AccountOf(stack), "vpc-endpoint-service/", IamText.From(resolver.Resolve(stack.Name, Ref(logicalId)))))],
                    $"creating or updating an endpoint service with SupportedRegions needs vpce:AllowMultiRegion in the execution policy of {exec}");
            }

            foreach (var (stack, logicalId, p) in Resources("AWS::EC2::VPCEndpoint"))
            {
                var serviceRegion = p.TryGetProperty("ServiceRegion", out var r) ? resolver.Resolve(stack.Name, r).Text : null;
                if (serviceRegion is null || serviceRegion == stack.Region)
                    continue;
                var exec = CfnExecRole(stack);
                Requirement("multi-region", $"CloudFormation creates {logicalId} to a service in {serviceRegion}", stack, logicalId, exec,
                    "vpce:AllowMultiRegion", [("vpc-endpoint", Arn(stack.Region, AccountOf(stack), "vpc-endpoint/", IamText.From(resolver.Resolve(stack.Name, Ref(logicalId)))))],
                    $"creating an interface endpoint with ServiceRegion {serviceRegion} needs vpce:AllowMultiRegion in the execution policy of {exec}");
            }
        }

        private void OperatorHandshake(string kind, string title, StackTemplate stack, string logicalId, IReadOnlyList<(string Action, string Region, Dictionary<string, (IamText Arn, Dictionary<string, IamText> Keys)> Resources)> actions)
        {
            var deployer = DeployerText(stack);
            var principalDisplay = $"arn:{AwsPartition.Of(stack.Region)}:iam::{deployer}:root (the credentials 'interlink deploy' runs with)";
            var declared = stack.Template.TryGetProperty("Outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Object
                && outputs.TryGetProperty(Outputs.OperatorRoleArn, out _);
            var output = resolver.Output(stack.Name, Outputs.OperatorRoleArn);
            var role = declared ? Reader.FindRole(output) : null;
            if (role is null)
            {
                Add(Blocked(DeployabilityRules.NoRole, kind, title, stack, logicalId, principalDisplay, "(none)", [], [],
                    declared
                        ? $"{Outputs.OperatorRoleArn} of {stack.Name} ({output.Display()}) names a role no stack of the assembly declares"
                        : $"stack {stack.Name} outputs no {Outputs.OperatorRoleArn}: deploy has no role in account {stack.Account ?? "(deploying account)"} to act with"));
                return;
            }

            // Whoever runs deploy is some principal of the deploying account: its ARN is known up to the name.
            var principal = "arn:" + AwsPartition.Of(stack.Region) + ":iam::" + deployer + ":" + new IamText([new IamSymbol("the deploying principal", false)]);
            var trust = Trust(role, principalDisplay, principal, deployer, exact: false);
            var checks = actions.Select(a => Check(role, a.Action, a.Region, a.Resources)).ToList();
            Add(Verdict(kind, title, stack, logicalId, principalDisplay, role, [trust.Step], checks));
        }

        private void Requirement(string kind, string title, StackTemplate stack, string logicalId, string execRole, string action, IReadOnlyList<(string Type, IamText Arn)> resources, string problem)
        {
            var sar = IamActionCatalog.Action(action);
            var checks = resources.Select(r => new ResourceCheck(r.Type, sar.ResourceTypes.FirstOrDefault(t => t.Name == r.Type)?.Required ?? false, r.Arn.ToString(),
                HandshakeStatus.Requirement, "CDK bootstrap execution policy (outside the templates)", [])).ToList();
            var rule = DeployabilityRules.BootstrapRequirement;
            Add(new Handshake(kind, title, stack.Name, logicalId, execRole, execRole,
                [new TrustStep("CloudFormation", execRole, HandshakeStatus.Requirement, "the stack's CDK bootstrap execution role")],
                [new ActionCheck(action, checks, HandshakeStatus.Requirement)], HandshakeStatus.Requirement, rule.Id, problem, rule.Fix));
        }
    }
}
