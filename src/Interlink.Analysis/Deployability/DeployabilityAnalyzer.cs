using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;
using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;

namespace Interlink.Analysis.Deployability;

/// <summary>
/// Proves offline that each deploy-time handshake of a design is allowed: who starts it, which roles it assumes
/// (each trust policy checked), and for each action every resource type AWS's Service Authorization Reference
/// requires (<see cref="IamActionCatalog"/>), evaluated against the policies in the templates with the condition
/// keys AWS would supply for the real resources. Also flags Lambda runtimes past their deprecation or create-block
/// date (<see cref="LambdaRuntimes"/>).
/// </summary>
public static class DeployabilityAnalyzer
{
    /// <summary>
    /// Analyzes <paramref name="assembly"/>. <paramref name="topology"/> (when the config is known) names the deploying
    /// account, the bootstrap qualifier and which relays want peering DNS; <paramref name="today"/> is compared with
    /// the runtime table's dates.
    /// </summary>
    public static DeployabilityReport Analyze(CloudAssembly assembly, Topology? topology, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var run = new Run(assembly, topology);
        run.PeeringAccepts();
        run.EndpointAcceptance();
        run.PeeringDns();
        run.MultiRegion();
        var findings = run.Handshakes.SelectMany(run.FindingsOf).Concat(run.Notes).Concat(Runtimes(assembly, today))
            .OrderBy(f => f.Severity).ThenBy(f => f.Stack, StringComparer.Ordinal).ThenBy(f => f.Code, StringComparer.Ordinal)
            .ToList();
        return new DeployabilityReport(run.Handshakes, findings, IamActionCatalog.Source,
            $"{LambdaRuntimes.Source}; checked {LambdaRuntimes.AsOf:yyyy-MM-dd}", today);
    }

    /// <summary>Lambda functions (including custom-resource providers) on a runtime past its create-block or deprecation date.</summary>
    public static IEnumerable<DeployabilityFinding> Runtimes(CloudAssembly assembly, DateOnly today)
    {
        foreach (var stack in assembly.Stacks.Values)
        {
            foreach (var (logicalId, type, properties) in stack.Resources())
            {
                if (type != "AWS::Lambda::Function" || properties.ValueKind != JsonValueKind.Object
                    || !properties.TryGetProperty("Runtime", out var r) || r.ValueKind != JsonValueKind.String
                    || !LambdaRuntimes.All.TryGetValue(r.GetString()!, out var runtime))
                    continue;
                if (runtime.CreateBlocked is { } blocked && today >= blocked)
                {
                    var rule = DeployabilityRules.RuntimeBlocked;
                    yield return new DeployabilityFinding(rule.Id, rule.Severity, stack.Name, logicalId,
                        $"runtime {runtime.Identifier}: Lambda blocks creating functions on it since {blocked:yyyy-MM-dd}"
                        + (runtime.UpdateBlocked is { } u ? $" and updating them {(today >= u ? "since" : "from")} {u:yyyy-MM-dd}" : ""), rule.Fix);
                }
                else if (runtime.Deprecated is { } deprecated && today >= deprecated)
                {
                    var rule = DeployabilityRules.RuntimeDeprecated;
                    yield return new DeployabilityFinding(rule.Id, rule.Severity, stack.Name, logicalId,
                        $"runtime {runtime.Identifier} is deprecated since {deprecated:yyyy-MM-dd}"
                        + (runtime.CreateBlocked is { } c ? $"; Lambda blocks creating functions on it from {c:yyyy-MM-dd}" : ""), rule.Fix);
                }
            }
        }
    }

    private sealed class Run(CloudAssembly assembly, Topology? topology)
    {
        private readonly IntrinsicResolver resolver = new(assembly);
        private readonly Lazy<IamTemplateReader> reader = new(() => new IamTemplateReader(assembly, new IntrinsicResolver(assembly)));
        private readonly Lazy<JsonDocument?> manifest = new(() => ReadManifest(assembly.Directory));
        private readonly Dictionary<Handshake, List<DeployabilityFinding>> extra = [];

        public List<Handshake> Handshakes { get; } = [];

        public List<DeployabilityFinding> Notes { get; } = [];

        private IamTemplateReader Reader => reader.Value;

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

        public IEnumerable<DeployabilityFinding> FindingsOf(Handshake h)
        {
            if (h.Code is { } code && DeployabilityRules.Find(code) is { } rule)
                yield return new DeployabilityFinding(code, rule.Severity, h.Stack, h.LogicalId, $"{h.Title}: {h.Problem}", h.Fix ?? rule.Fix);
            if (extra.TryGetValue(h, out var more))
            {
                foreach (var f in more)
                    yield return f;
            }
        }

        private void OperatorHandshake(string kind, string title, StackTemplate stack, string logicalId, IReadOnlyList<(string Action, string Region, Dictionary<string, (IamText Arn, Dictionary<string, IamText> Keys)> Resources)> actions)
        {
            var deployer = DeployerText(stack);
            var principalDisplay = $"arn:{Partition(stack.Region)}:iam::{deployer}:root (the credentials 'interlink deploy' runs with)";
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
            var principal = "arn:" + Partition(stack.Region) + ":iam::" + deployer + ":" + new IamText([new IamSymbol("the deploying principal", false)]);
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

        private void Note(Handshake handshake, DeployabilityRule rule, StackTemplate stack, string logicalId, string message)
        {
            if (!extra.TryGetValue(handshake, out var list))
                extra[handshake] = list = [];
            list.Add(new DeployabilityFinding(rule.Id, rule.Severity, stack.Name, logicalId, message, rule.Fix));
        }

        private void Add(Handshake handshake) => Handshakes.Add(handshake);

        private static Handshake Blocked(DeployabilityRule rule, string kind, string title, StackTemplate stack, string logicalId, string principal, string role,
            IReadOnlyList<TrustStep> chain, IReadOnlyList<ActionCheck> actions, string problem) =>
            new(kind, title, stack.Name, logicalId, principal, role, chain, actions, HandshakeStatus.Blocked, rule.Id, problem, rule.Fix);

        private static Handshake Verdict(string kind, string title, StackTemplate stack, string logicalId, string principal, IamRole role,
            IReadOnlyList<TrustStep> chain, IReadOnlyList<ActionCheck> actions)
        {
            var trust = chain.LastOrDefault(s => s.Status != HandshakeStatus.Requirement);
            if (trust is { Status: HandshakeStatus.Blocked })
                return new(kind, title, stack.Name, logicalId, principal, role.Key, chain, actions, HandshakeStatus.Blocked, DeployabilityRules.NotTrusted.Id,
                    $"the trust policy of {role.Key} does not admit {trust.From}: {trust.Statement}",
                    $"Add to {role.Key}'s trust policy a statement allowing sts:AssumeRole to {trust.From.Split(' ')[0]}.");
            var denied = actions.SelectMany(a => a.Resources.Select(r => (a, r))).FirstOrDefault(x => x.r.Status == HandshakeStatus.Blocked);
            if (denied.a is not null)
            {
                var explicitDeny = denied.r.Statement.StartsWith("denied by ", StringComparison.Ordinal);
                var rule = explicitDeny ? DeployabilityRules.ExplicitDeny : DeployabilityRules.NotAllowed;
                return new(kind, title, stack.Name, logicalId, principal, role.Key, chain, actions, HandshakeStatus.Blocked, rule.Id,
                    $"{role.Key} may not {denied.a.Action} on resource type {denied.r.ResourceType} ({denied.r.Arn}): {denied.r.Statement}",
                    explicitDeny ? rule.Fix : $"Allow {denied.a.Action} on {denied.r.Arn} (resource type {denied.r.ResourceType}, required by the Service Authorization Reference) in {role.Key}'s policy, with conditions that match it.");
            }

            var unknown = actions.SelectMany(a => a.Resources.Select(r => (a, r))).FirstOrDefault(x => x.r.Status == HandshakeStatus.Unproven);
            if (trust is { Status: HandshakeStatus.Unproven } || unknown.a is not null)
                return new(kind, title, stack.Name, logicalId, principal, role.Key, chain, actions, HandshakeStatus.Unproven, DeployabilityRules.Unproven.Id,
                    trust is { Status: HandshakeStatus.Unproven } ? $"trust of {role.Key}: {trust.Statement}" : $"{unknown.a!.Action} on {unknown.r.ResourceType}: {unknown.r.Statement}",
                    DeployabilityRules.Unproven.Fix);
            return new(kind, title, stack.Name, logicalId, principal, role.Key, chain, actions, HandshakeStatus.Allowed, null, null, null);
        }

        private (TrustStep Step, bool Broad) Trust(IamRole role, string from, IamText principal, IamText account, bool exact)
        {
            var request = new IamRequest("sts:AssumeRole", IamText.Of("*"),
                new Dictionary<string, IamText> { ["aws:PrincipalArn"] = principal, ["aws:PrincipalAccount"] = account },
                new HashSet<string> { "aws:", "sts:" }, principal, account);
            var decision = IamPolicyEvaluator.Evaluate(role.Trust, request);
            var to = role.RoleName is { } n ? $"{role.Key} (role {n})" : role.Key;
            return decision.Kind switch
            {
                IamDecisionKind.Allowed => (new TrustStep(from, to, HandshakeStatus.Allowed, decision.Statement!.Source),
                    exact && decision.Statement!.Principal is { } p && !p.Aws.Any(a => IamMatch.Glob(a, principal, wildcards: false) == Tri.Yes)),
                IamDecisionKind.Unknown => (new TrustStep(from, to, HandshakeStatus.Unproven, $"{decision.Statement?.Source}: {decision.Reason}"), false),
                IamDecisionKind.ExplicitDeny => (new TrustStep(from, to, HandshakeStatus.Blocked, $"denied by {decision.Statement!.Source}"), false),
                _ => (new TrustStep(from, to, HandshakeStatus.Blocked, Misses(decision, "sts:AssumeRole", "no trust statement allows sts:AssumeRole")), false),
            };
        }

        private ActionCheck Check(IamRole role, string action, string region, Dictionary<string, (IamText Arn, Dictionary<string, IamText> Keys)> resources)
        {
            var sar = IamActionCatalog.Action(action);
            var types = sar.ResourceTypes.Where(t => t.Required).ToList();
            var checks = new List<ResourceCheck>();
            if (types.Count == 0)
                checks.Add(Resource(role, action, sar, null, IamText.Of("*"), [], region));
            foreach (var type in types)
            {
                if (!resources.TryGetValue(type.Name, out var r))
                    r = (IamText.Of($"(no {type.Name} known for this handshake)"), []);
                checks.Add(Resource(role, action, sar, type, r.Arn, r.Keys, region));
            }

            var status = checks.Any(c => c.Status == HandshakeStatus.Blocked) ? HandshakeStatus.Blocked
                : checks.Any(c => c.Status == HandshakeStatus.Unproven) ? HandshakeStatus.Unproven : HandshakeStatus.Allowed;
            return new ActionCheck(action, checks, status);
        }

        private static ResourceCheck Resource(IamRole role, string action, IamAction sar, IamResourceType? type, IamText arn, Dictionary<string, IamText> facts, string region)
        {
            // The request carries the action's keys and this resource type's keys only (Service Authorization Reference).
            var keys = sar.ConditionKeys.Concat(type?.ConditionKeys ?? []).ToList();
            facts = new Dictionary<string, IamText>(facts) { ["ec2:Region"] = IamText.Of(region) };
            var context = facts.Where(f => keys.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value);
            var unknown = keys.Where(k => !context.ContainsKey(k)).Select(k => k.Contains("${", StringComparison.Ordinal) ? k[..k.IndexOf("${", StringComparison.Ordinal)] : k)
                .Append("aws:").ToHashSet();
            var decision = IamPolicyEvaluator.Evaluate(role.Permissions, new IamRequest(action, arn, context, unknown));
            var name = type?.Name ?? "*";
            var required = type?.Required ?? true;
            var usedKeys = decision.Statement?.Conditions.Select(c => $"{c.Operator} {c.Key}").ToList() ?? [];
            return decision.Kind switch
            {
                IamDecisionKind.Allowed => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Allowed, decision.Statement!.Source, usedKeys),
                IamDecisionKind.ExplicitDeny => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Blocked, $"denied by {decision.Statement!.Source}", usedKeys),
                IamDecisionKind.Unknown => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Unproven, $"{decision.Statement?.Source}: {decision.Reason}", usedKeys),
                _ when role.Unevaluated.Count > 0 => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Unproven,
                    $"no statement in the templates allows it; managed policies {string.Join(", ", role.Unevaluated)} are not in the assembly", []),
                _ => new ResourceCheck(name, required, arn.ToString(), HandshakeStatus.Blocked, Misses(decision, action, $"no statement of {role.Key} allows {action}"), []),
            };
        }

        private static string Misses(IamDecision decision, string action, string none) =>
            decision.NearMisses.Count == 0 ? none : string.Join("; ", decision.NearMisses.Select(m => $"{m.Statement.Source}: {m.Reason}"));

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
            return new PeeringFacts(IamText.Of(Partition(stack.Region)), peeringId, peerRegion, accepterAccount, AccountOf(stack), cross, peerVpc,
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
                return arn.GetString()!.Replace("${AWS::Partition}", Partition(stack.Region), StringComparison.Ordinal);
            var qualifier = topology?.Deployment.BootstrapQualifier ?? DeploymentSpec.DefaultQualifier;
            var account = stack.Account ?? "${AWS::AccountId}";
            return $"arn:{Partition(stack.Region)}:iam::{account}:role/cdk-{qualifier}-cfn-exec-role-{account}-{stack.Region}";
        }

        private IamText DeployerText(StackTemplate stack)
        {
            var account = topology?.DeployerAccount
                ?? assembly.Stacks.Values.FirstOrDefault(s => s.Role == StackRoles.Provider)?.Account
                ?? stack.Account;
            return account is null ? new IamText([IamText.DeployingAccount]) : IamText.Of(account);
        }

        private static IamText AccountOf(StackTemplate stack) => stack.Account is { } a ? IamText.Of(a) : new IamText([IamText.DeployingAccount]);

        private static IamText Arn(string region, IamText account, string type, IamText id) => "arn:" + Partition(region) + ":ec2:" + region + ":" + account + ":" + type + id;

        private IEnumerable<(StackTemplate Stack, string LogicalId, JsonElement Properties)> Resources(string type) =>
            assembly.Stacks.Values.SelectMany(s => s.Resources().Where(r => r.Type == type && r.Properties.ValueKind == JsonValueKind.Object).Select(r => (s, r.LogicalId, r.Properties)));

        private static JsonElement Ref(string logicalId) => JsonDocument.Parse($"{{\"Ref\":{JsonSerializer.Serialize(logicalId)}}}").RootElement;

        private static string Partition(string region) =>
            region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

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
