using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;
using Interlink.Core.Model;
using Interlink.Core.Wiring;

namespace Interlink.Analysis.Deployability;

public static partial class DeployabilityAnalyzer
{
    // Facts read from the assembly and the config: the peering as IAM sees it, whether peering DNS is wanted, the
    // CloudFormation execution role, the deploying account, ARNs, and the resources of a type.
    private sealed partial class Run
    {
        // AWS's example "Accept a VPC peering connection" (Amazon VPC Peering Guide, "Identity and access management for
        // VPC peering", https://docs.aws.amazon.com/vpc/latest/peering/security-iam.html) allows the action on
        // arn:aws:ec2:REGION:ACCEPTER-ACCOUNT:vpc-peering-connection/* with ec2:RequesterVpc = the requester account's
        // vpc/*, and in a second, unconditioned statement on the accepter's vpc/*: the peering connection is authorized
        // in the accepter's account and Region, each resource type with its own condition keys (Service Authorization
        // Reference data).
        private sealed record PeeringFacts(IamText Partition, IamText PeeringId, string AccepterRegion, IamText AccepterAccount, IamText RequesterAccount, bool CrossAccount,
            IamText AccepterVpcId, IamText AccepterVpc, IamText RequesterVpc)
        {
            // The peering connection as authorized in one side's account and Region: both sides' requests carry the
            // accepter and requester VPC ARNs (ec2:AccepterVpc, ec2:RequesterVpc) and the peering ID.
            public IamText ArnIn(string region, IamText account) => "arn:" + Partition + ":ec2:" + region + ":" + account + ":vpc-peering-connection/" + PeeringId;

            public Dictionary<string, IamText> Keys => new()
            {
                ["ec2:AccepterVpc"] = AccepterVpc,
                ["ec2:RequesterVpc"] = RequesterVpc,
                ["ec2:VpcPeeringConnectionID"] = PeeringId,
            };
        }

        private PeeringFacts Peering(StackTemplate stack, string logicalId, JsonElement p)
        {
            var peerRegion = p.TryGetProperty("PeerRegion", out var pr) ? resolver.Resolve(stack.Name, pr).Text ?? stack.Region : stack.Region;
            var owner = p.TryGetProperty("PeerOwnerId", out var po) ? resolver.Resolve(stack.Name, po).Text : null;
            var accepterAccount = owner is not null ? IamText.Of(owner) : AccountOf(stack);
            var cross = owner is not null && owner != stack.Account;
            var peerVpc = p.TryGetProperty("PeerVpcId", out var pv) ? IamText.From(resolver.Resolve(stack.Name, pv)) : IamText.Of("(no PeerVpcId)");
            var ownVpc = p.TryGetProperty("VpcId", out var ov) ? IamText.From(resolver.Resolve(stack.Name, ov)) : IamText.Of("(no VpcId)");
            var peeringId = IamText.From(resolver.Resolve(stack.Name, Ref(logicalId)));
            return new PeeringFacts(IamText.Of(AwsPartition.Of(stack.Region)), peeringId, peerRegion, accepterAccount, AccountOf(stack), cross, peerVpc,
                Arn(peerRegion, accepterAccount, "vpc/", peerVpc), Arn(stack.Region, AccountOf(stack), "vpc/", ownVpc));
        }

        private bool WantsPeeringDns(StackTemplate relay)
        {
            if (topology is not null)
                return topology.Relays.Any(r => r.PeeringDns && r.Network.Region == relay.Region);

            // Without the config: the assembly still says so when it carries the (legacy) custom resource.
            return relay.Resources().Any(r => r.Type.StartsWith("Custom::", StringComparison.Ordinal) && r.Properties.ValueKind == JsonValueKind.Object
                && r.Properties.GetRawText().Contains("modifyVpcPeeringConnectionOptions", StringComparison.Ordinal));
        }

        private string CfnExecRole(StackTemplate stack)
        {
            // The role CloudFormation deploys the stack with, as the CDK recorded it in manifest.json.
            if (manifest.Value is { } m && m.RootElement.TryGetProperty("artifacts", out var artifacts)
                && artifacts.TryGetProperty(stack.Name, out var artifact) && artifact.TryGetProperty("properties", out var props)
                && props.TryGetProperty("cloudFormationExecutionRoleArn", out var arn) && arn.ValueKind == JsonValueKind.String)
                return arn.GetString()!.Replace("${AWS::Partition}", AwsPartition.Of(stack.Region), StringComparison.Ordinal);
            var qualifier = topology?.Deployment.BootstrapQualifier ?? DeploymentSpec.DefaultQualifier;
            var account = stack.Account ?? "${AWS::AccountId}";
            return $"arn:{AwsPartition.Of(stack.Region)}:iam::{account}:role/cdk-{qualifier}-cfn-exec-role-{account}-{stack.Region}";
        }

        private IamText DeployerText(StackTemplate stack)
        {
            var account = topology?.DeployerAccount
                ?? assembly.Stacks.Values.FirstOrDefault(s => s.Role == StackRoles.Provider)?.Account
                ?? stack.Account;
            return account is null ? new IamText([IamText.DeployingAccount]) : IamText.Of(account);
        }

        private static IamText AccountOf(StackTemplate stack) => stack.Account is { } a ? IamText.Of(a) : new IamText([IamText.DeployingAccount]);

        private static IamText Arn(string region, IamText account, string type, IamText id) => "arn:" + AwsPartition.Of(region) + ":ec2:" + region + ":" + account + ":" + type + id;

        private IEnumerable<(StackTemplate Stack, string LogicalId, JsonElement Properties)> Resources(string type) =>
            assembly.Stacks.Values.SelectMany(s => s.Resources().Where(r => r.Type == type && r.Properties.ValueKind == JsonValueKind.Object).Select(r => (s, r.LogicalId, r.Properties)));

        private static JsonElement Ref(string logicalId) => JsonDocument.Parse($"{{\"Ref\":{JsonSerializer.Serialize(logicalId)}}}").RootElement;

        private static JsonDocument? ReadManifest(string directory)
        {
            var path = Path.Combine(directory, "manifest.json");
            try
            {
                return File.Exists(path) ? JsonDocument.Parse(File.ReadAllText(path)) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
