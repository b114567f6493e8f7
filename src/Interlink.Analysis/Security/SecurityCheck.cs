using System.Text.Json;
using System.Text.RegularExpressions;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;
using Interlink.Core.Model;
using Interlink.Core.Networking;

namespace Interlink.Analysis.Security;

/// <summary>
/// Runs the security rule pack (<see cref="SecurityRules"/>) over every template of a cloud assembly. Values are
/// read literally; a value that is only known at deploy time (a parameter, an attribute) never passes a rule that
/// needs it: the finding says "cannot check" instead.
/// </summary>
public static partial class SecurityCheck
{
    /// <summary>Checks <paramref name="assembly"/>; <paramref name="suppressions"/> (from the config) mark matching findings suppressed.</summary>
    public static SecurityReport Run(CloudAssembly assembly, IReadOnlyList<Suppression>? suppressions = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var views = assembly.Stacks.Values.Select(s => new StackView(s)).ToList();
        var run = new Runner(assembly, views);
        run.All();
        return Apply(run.Findings, suppressions ?? []);
    }

    private static SecurityReport Apply(List<SecurityFinding> findings, IReadOnlyList<Suppression> suppressions)
    {
        var result = new List<SecurityFinding>(findings.Count);
        var used = new HashSet<Suppression>();
        foreach (var finding in findings)
        {
            var suppression = suppressions.FirstOrDefault(s =>
                string.Equals(s.Rule, finding.Rule, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(s.Reason));
            if (suppression is null)
            {
                result.Add(finding);
                continue;
            }

            used.Add(suppression);
            result.Add(finding with { Suppressed = true, SuppressionReason = suppression.Reason });
        }

        var rule = SecurityRules.UnusedSuppression;
        foreach (var s in suppressions.Where(s => !used.Contains(s)))
        {
            var message = SecurityRules.Find(s.Rule) is null
                ? $"suppression of {s.Rule} names no rule of the security pack (ILS001…ILS{SecurityRules.All.Count - 1:000})"
                : string.IsNullOrWhiteSpace(s.Reason)
                    ? $"suppression of {s.Rule} has no reason, so it suppresses nothing"
                    : $"suppression of {s.Rule} (\"{s.Reason}\") matches no finding";
            result.Add(new SecurityFinding(rule.Id, rule.Severity, "", "", message, rule.Fix));
        }

        return new SecurityReport(result
            .OrderBy(f => f.Stack.Length == 0 ? 1 : 0)
            .ThenBy(f => f.Stack, StringComparer.Ordinal)
            .ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ThenBy(f => f.LogicalId, StringComparer.Ordinal)
            .ToList());
    }

    private sealed record Ingress(
        StackView View,
        string LogicalId,
        string? GroupLogicalId,
        string? GroupLiteralId,
        IpProtocol Protocol,
        int? FromPort,
        int? ToPort,
        Text? Cidr,
        Text? Cidr6,
        string? SourceGroup,
        bool PrefixList)
    {
        public string Where => GroupLogicalId is { } g && g != LogicalId ? $"{LogicalId}" : LogicalId;

        public bool AllPorts => Protocol.IsAll || (Protocol.HasPorts && (FromPort is -1 || (FromPort is 0 && ToPort is 65535)));

        public bool HasPorts => Protocol.HasPorts;

        /// <summary>ICMP type 3 code 4 only (for ICMP, FromPort is the type and ToPort the code): path MTU discovery.</summary>
        public bool IsFragmentationNeeded => Protocol.IsIcmp && FromPort == 3 && ToPort == 4;

        public bool Covers(int port) => HasPorts && (AllPorts || (FromPort is { } f && ToPort is { } t && f <= port && port <= t));

        public string Source => Cidr?.ToString() ?? Cidr6?.ToString() ?? SourceGroup ?? (PrefixList ? "a prefix list" : "?");

        public string Ports => Protocol.IsAll ? "all traffic" : AllPorts ? $"{Protocol} all ports" : FromPort == ToPort ? $"{Protocol} {FromPort}" : $"{Protocol} {FromPort}-{ToPort}";
    }

    private sealed partial class Runner(CloudAssembly assembly, List<StackView> views)
    {
        public List<SecurityFinding> Findings { get; } = [];

        public void All()
        {
            var ingress = views.SelectMany(ReadIngress).ToList();
            foreach (var view in views)
            {
                EndpointServices(view);
                Hosts(view);
                FlowLogs(view);
                LoadBalancers(view);
                Iam(view);
                Retention(view);
            }

            foreach (var rule in ingress)
            {
                if (IsAnywhere(rule))
                    Add(SecurityRules.IngressFromAnywhere, rule.View, rule.Where, $"security group {rule.GroupLogicalId ?? rule.GroupLiteralId} admits {rule.Ports} from {rule.Source}");
                if (rule.Covers(22) || rule.Covers(3389))
                {
                    var which = rule.Covers(22) && rule.Covers(3389) ? "SSH (22) and RDP (3389)" : rule.Covers(22) ? "SSH (22)" : "RDP (3389)";
                    Add(SecurityRules.SshRdpOpen, rule.View, rule.Where, $"security group {rule.GroupLogicalId ?? rule.GroupLiteralId} admits {which} ({rule.Ports}) from {rule.Source}");
                }
            }

            ProviderIngress(ingress);
            NlbPorts(ingress);
        }

        private void Add(SecurityRule rule, StackView view, string logicalId, string message, bool cannotCheck = false) =>
            Findings.Add(new SecurityFinding(
                rule.Id,
                cannotCheck ? SecuritySeverity.Warning : rule.Severity,
                view.Name,
                logicalId,
                cannotCheck ? $"cannot check: {message}" : message,
                rule.Fix,
                cannotCheck));

        // ---- endpoint services: ILS001, ILS002 ----
        private void EndpointServices(StackView view)
        {
            var permissions = view.OfType("AWS::EC2::VPCEndpointServicePermissions").ToList();
            foreach (var p in permissions)
            {
                if (p.Get("AllowedPrincipals") is not { } principals)
                    continue;
                var list = view.List(principals);
                if (list is null)
                {
                    Add(SecurityRules.WildcardPrincipal, view, p.LogicalId, "AllowedPrincipals is known only at deploy time", cannotCheck: true);
                    continue;
                }

                foreach (var principal in list.Select(view.Str))
                {
                    if (principal.Value.Contains('*', StringComparison.Ordinal))
                        Add(SecurityRules.WildcardPrincipal, view, p.LogicalId, $"AllowedPrincipals includes '{principal}'");
                    else if (principal.IsUnknown)
                        Add(SecurityRules.WildcardPrincipal, view, p.LogicalId, "an allowed principal is known only at deploy time", cannotCheck: true);
                }
            }

            foreach (var service in view.OfType("AWS::EC2::VPCEndpointService"))
            {
                var acceptance = service.Get("AcceptanceRequired") is { } a ? view.Bool(a) : false;
                if (acceptance == true)
                    continue;
                var own = view.Stack.Account ?? StackView.SelfAccount;
                var others = new List<string>();
                var unknown = false;
                foreach (var p in permissions.Where(p => p.Get("ServiceId") is { } id && view.RefTarget(id) == service.LogicalId))
                {
                    var list = p.Get("AllowedPrincipals") is { } ps ? view.List(ps) : [];
                    if (list is null)
                    {
                        unknown = true;
                        continue;
                    }

                    foreach (var principal in list.Select(view.Str))
                    {
                        if (principal.IsUnknown)
                            unknown = true;
                        else if (AccountOf(principal.Value) is not { } account || account != own)
                            others.Add(principal.ToString());
                    }
                }

                var state = service.Get("AcceptanceRequired") is null ? "AcceptanceRequired is not set (treated as off; set it explicitly)" : acceptance is null ? null : "AcceptanceRequired is false";
                if (others.Count > 0 && state is not null)
                    Add(SecurityRules.AcceptanceOff, view, service.LogicalId, $"{state} while principals outside account {Display(own)} may connect: {string.Join(", ", others.Distinct())}");
                else if (others.Count > 0 || unknown)
                    Add(SecurityRules.AcceptanceOff, view, service.LogicalId,
                        state is null ? "AcceptanceRequired is known only at deploy time" : $"{state} and the allowed principals are known only at deploy time", cannotCheck: true);
            }
        }

        private static string Display(string account) => account == StackView.SelfAccount ? "(deploying account)" : account;

        private static string? AccountOf(string principal)
        {
            if (principal == StackView.SelfAccount)
                return principal;
            var m = AccountPattern().Match(principal);
            return m.Success ? m.Groups["a"].Value : null;
        }

        [GeneratedRegex(@"^(?:arn:[^:]+:iam::(?<a>\d{12}|\$\{AWS::AccountId\}):.*|(?<a>\d{12}))$")]
        private static partial Regex AccountPattern();

        // ---- hosts: ILS005, ILS006, ILS007, ILS012, ILS013 ----
        private void Hosts(StackView view)
        {
            foreach (var template in view.OfType("AWS::EC2::LaunchTemplate"))
            {
                var data = template.Get("LaunchTemplateData");
                if (data is not { ValueKind: JsonValueKind.Object } d)
                {
                    Add(SecurityRules.ImdsV1, view, template.LogicalId, "LaunchTemplateData is known only at deploy time", cannotCheck: true);
                    continue;
                }

                var lt = new TemplateResource(template.LogicalId, template.Type, d);
                Metadata(view, lt, $"launch template {template.LogicalId}");
                BlockDevices(view, lt, template.LogicalId, $"launch template {template.LogicalId}", rootDefault: true);
                PublicInterfaces(view, lt, template.LogicalId);
                if (lt.Get("KeyName") is not null)
                    Add(SecurityRules.KeyPair, view, template.LogicalId, $"launch template {template.LogicalId} sets KeyName '{view.Str(lt.Get("KeyName")!.Value)}'");
                foreach (var sg in GroupsOf(view, lt, "SecurityGroupIds").Concat(GroupsOf(view, lt, "SecurityGroups")))
                    Egress(view, sg, $"launch template {template.LogicalId}");
            }

            foreach (var instance in view.OfType("AWS::EC2::Instance"))
            {
                var launch = instance.Get("LaunchTemplate");
                TemplateResource? lt = null;
                if (launch is { ValueKind: JsonValueKind.Object } l)
                {
                    var idValue = l.TryGetProperty("LaunchTemplateId", out var id) ? id : l.TryGetProperty("LaunchTemplateName", out var n) ? n : default;
                    lt = idValue.ValueKind == JsonValueKind.Undefined ? null : view.Target(idValue);
                    if (lt is null)
                        Add(SecurityRules.ImdsV1, view, instance.LogicalId, $"instance {instance.LogicalId} uses a launch template that is not in this stack", cannotCheck: true);
                }
                else
                {
                    Add(SecurityRules.ImdsV1, view, instance.LogicalId, $"instance {instance.LogicalId} has no launch template, so it cannot require IMDSv2 (AWS::EC2::Instance has no MetadataOptions)");
                    if (instance.Get("BlockDeviceMappings") is null)
                        Add(SecurityRules.UnencryptedVolume, view, instance.LogicalId, $"instance {instance.LogicalId} has no block device mappings and no launch template: its root volume is encrypted only if the account encrypts by default");
                }

                BlockDevices(view, instance, instance.LogicalId, $"instance {instance.LogicalId}", rootDefault: false);
                PublicInterfaces(view, instance, instance.LogicalId);
                if (instance.Get("KeyName") is not null)
                    Add(SecurityRules.KeyPair, view, instance.LogicalId, $"instance {instance.LogicalId} sets KeyName '{view.Str(instance.Get("KeyName")!.Value)}'");
                foreach (var sg in GroupsOf(view, instance, "SecurityGroupIds").Concat(GroupsOf(view, instance, "SecurityGroups")))
                    Egress(view, sg, $"instance {instance.LogicalId}");

                var explicitNoPublic = InterfacesOf(view, instance).Any(ni => ni.Get("AssociatePublicIpAddress") is { } a && view.Bool(a) == false);
                foreach (var subnetValue in SubnetsOf(view, instance))
                {
                    if (view.Target(subnetValue) is not { Type: "AWS::EC2::Subnet" } subnet || explicitNoPublic)
                        continue;
                    if (subnet.Get("MapPublicIpOnLaunch") is { } map)
                    {
                        var on = view.Bool(map);
                        if (on == true)
                            Add(SecurityRules.PublicIp, view, subnet.LogicalId, $"subnet {subnet.LogicalId} maps public IPs on launch and holds host {instance.LogicalId}");
                        else if (on is null)
                            Add(SecurityRules.PublicIp, view, subnet.LogicalId, $"MapPublicIpOnLaunch of subnet {subnet.LogicalId} (holding {instance.LogicalId}) is known only at deploy time", cannotCheck: true);
                    }
                }
            }

            foreach (var volume in view.OfType("AWS::EC2::Volume"))
            {
                var encrypted = volume.Get("Encrypted") is { } e ? view.Bool(e) : false;
                if (encrypted == false)
                    Add(SecurityRules.UnencryptedVolume, view, volume.LogicalId, $"volume {volume.LogicalId} is not encrypted");
                else if (encrypted is null)
                    Add(SecurityRules.UnencryptedVolume, view, volume.LogicalId, $"Encrypted of volume {volume.LogicalId} is known only at deploy time", cannotCheck: true);
            }

            foreach (var eip in view.OfType("AWS::EC2::EIP").Where(e => e.Get("InstanceId") is not null))
                Add(SecurityRules.PublicIp, view, eip.LogicalId, $"Elastic IP {eip.LogicalId} is attached to instance {view.RefTarget(eip.Get("InstanceId")!.Value) ?? view.Str(eip.Get("InstanceId")!.Value).ToString()}");
        }

        private void Metadata(StackView view, TemplateResource data, string what)
        {
            if (data.Get("MetadataOptions") is not { ValueKind: JsonValueKind.Object } options)
            {
                Add(SecurityRules.ImdsV1, view, data.LogicalId, $"{what} has no MetadataOptions: HttpTokens defaults to optional (IMDSv1 allowed)");
                return;
            }

            var mo = new TemplateResource(data.LogicalId, "", options);
            if (mo.Get("HttpEndpoint") is { } endpoint && view.Str(endpoint) is { Complete: true, Value: "disabled" })
                return;
            var tokens = mo.Get("HttpTokens") is { } t ? view.Str(t) : new Text("optional (default)", true);
            if (!tokens.Complete)
                Add(SecurityRules.ImdsV1, view, data.LogicalId, $"HttpTokens of {what} is known only at deploy time", cannotCheck: true);
            else if (tokens.Value != "required")
                Add(SecurityRules.ImdsV1, view, data.LogicalId, $"{what} sets MetadataOptions.HttpTokens to {tokens.Value}, so IMDSv1 is allowed");
        }

        private void BlockDevices(StackView view, TemplateResource holder, string logicalId, string what, bool rootDefault)
        {
            if (holder.Get("BlockDeviceMappings") is not { } mappings)
            {
                if (rootDefault)
                    Add(SecurityRules.UnencryptedVolume, view, logicalId, $"{what} has no block device mappings: the root volume is encrypted only if the account encrypts by default");
                return;
            }

            var list = view.List(mappings);
            if (list is null)
            {
                Add(SecurityRules.UnencryptedVolume, view, logicalId, $"block device mappings of {what} are known only at deploy time", cannotCheck: true);
                return;
            }

            foreach (var mapping in list.Where(m => m.ValueKind == JsonValueKind.Object))
            {
                if (!mapping.TryGetProperty("Ebs", out var ebs) || ebs.ValueKind != JsonValueKind.Object)
                    continue;
                var device = mapping.TryGetProperty("DeviceName", out var dn) ? view.Str(dn).ToString() : "?";
                var encrypted = ebs.TryGetProperty("Encrypted", out var e) && !StackView.IsNoValue(e) ? view.Bool(e) : false;
                if (encrypted == false)
                    Add(SecurityRules.UnencryptedVolume, view, logicalId, $"{what}: EBS volume {device} is not encrypted (Encrypted {(ebs.TryGetProperty("Encrypted", out _) ? "false" : "absent")})");
                else if (encrypted is null)
                    Add(SecurityRules.UnencryptedVolume, view, logicalId, $"{what}: encryption of EBS volume {device} is known only at deploy time", cannotCheck: true);
            }
        }

        private static IEnumerable<TemplateResource> InterfacesOf(StackView view, TemplateResource holder) =>
            holder.Get("NetworkInterfaces") is { } nis && view.List(nis) is { } list
                ? list.Where(n => n.ValueKind == JsonValueKind.Object).Select(n => new TemplateResource(holder.LogicalId, "", n))
                : [];

        private void PublicInterfaces(StackView view, TemplateResource holder, string logicalId)
        {
            foreach (var ni in InterfacesOf(view, holder))
            {
                if (ni.Get("AssociatePublicIpAddress") is not { } a)
                    continue;
                var on = view.Bool(a);
                if (on == true)
                    Add(SecurityRules.PublicIp, view, logicalId, $"{logicalId} sets AssociatePublicIpAddress: true on a network interface");
                else if (on is null)
                    Add(SecurityRules.PublicIp, view, logicalId, $"AssociatePublicIpAddress of {logicalId} is known only at deploy time", cannotCheck: true);
            }
        }

        private static IEnumerable<JsonElement> SubnetsOf(StackView view, TemplateResource instance)
        {
            if (instance.Get("SubnetId") is { } s)
                yield return s;
            foreach (var ni in InterfacesOf(view, instance))
            {
                if (ni.Get("SubnetId") is { } ns)
                    yield return ns;
            }
        }

        private static IEnumerable<TemplateResource> GroupsOf(StackView view, TemplateResource holder, string property)
        {
            var values = new List<JsonElement>();
            if (holder.Get(property) is { } v && view.List(v) is { } list)
                values.AddRange(list);
            foreach (var ni in InterfacesOf(view, holder))
            {
                foreach (var name in new[] { "Groups", "GroupSet" })
                {
                    if (ni.Get(name) is { } g && view.List(g) is { } gl)
                        values.AddRange(gl);
                }
            }

            return values.Select(view.Target).OfType<TemplateResource>().Where(r => r.Type == "AWS::EC2::SecurityGroup").DistinctBy(r => r.LogicalId);
        }

        private readonly HashSet<(string, string)> egressChecked = [];

        private void Egress(StackView view, TemplateResource group, string user)
        {
            if (!egressChecked.Add((view.Name, group.LogicalId)))
                return;
            var egress = group.Get("SecurityGroupEgress") is { } e ? view.List(e) : [];
            if (egress is null)
            {
                Add(SecurityRules.AllowAllEgress, view, group.LogicalId, $"egress of security group {group.LogicalId} is known only at deploy time", cannotCheck: true);
                return;
            }

            if (egress.Count == 0)
            {
                Add(SecurityRules.AllowAllEgress, view, group.LogicalId, $"security group {group.LogicalId} (used by {user}) lists no egress, so AWS adds its default allow-all egress rule");
                return;
            }

            foreach (var rule in egress.Where(r => r.ValueKind == JsonValueKind.Object).Select(r => new TemplateResource(group.LogicalId, "", r)))
            {
                var protocol = IpProtocol.Parse(rule.Get("IpProtocol") is { } p ? view.Str(p).Value : "");
                var cidr = rule.Get("CidrIp") is { } c ? view.Str(c).Value : rule.Get("CidrIpv6") is { } c6 ? view.Str(c6).Value : "";
                if (protocol.IsAll && cidr is "0.0.0.0/0" or "::/0")
                    Add(SecurityRules.AllowAllEgress, view, group.LogicalId, $"security group {group.LogicalId} (used by {user}) allows all traffic out to {cidr}");
            }
        }

        // ---- flow logs: ILS008 ----
        private void FlowLogs(StackView view)
        {
            var logged = new HashSet<string>(StringComparer.Ordinal);
            var unknown = false;
            foreach (var flow in view.OfType("AWS::EC2::FlowLog"))
            {
                foreach (var name in new[] { "ResourceId", "ResourceIds" })
                {
                    if (flow.Get(name) is not { } v)
                        continue;
                    var values = v.ValueKind == JsonValueKind.Array ? view.List(v) ?? [] : [v];
                    foreach (var value in values)
                    {
                        if (view.RefTarget(value) is { } id)
                            logged.Add(id);
                        else if (view.Str(value).IsUnknown)
                            unknown = true;
                    }
                }
            }

            foreach (var vpc in view.OfType("AWS::EC2::VPC").Where(v => !logged.Contains(v.LogicalId)))
                Add(SecurityRules.NoFlowLogs, view, vpc.LogicalId, unknown ? $"VPC {vpc.LogicalId}: a flow log's resource is known only at deploy time" : $"VPC {vpc.LogicalId} has no flow log", cannotCheck: unknown);
        }

        // ---- load balancers: ILS009, ILS010, ILS018 ----
        private void LoadBalancers(StackView view)
        {
            foreach (var lb in view.OfType("AWS::ElasticLoadBalancingV2::LoadBalancer"))
            {
                var type = view.Str(lb, "Type") ?? new Text("application", true);
                var scheme = view.Str(lb, "Scheme");
                if (scheme is null)
                    Add(SecurityRules.InternetFacing, view, lb.LogicalId, $"load balancer {lb.LogicalId} sets no Scheme; CloudFormation defaults to internet-facing");
                else if (scheme.Value is { Complete: true, Value: "internet-facing" })
                    Add(SecurityRules.InternetFacing, view, lb.LogicalId, $"load balancer {lb.LogicalId} is internet-facing");
                else if (!scheme.Value.Complete)
                    Add(SecurityRules.InternetFacing, view, lb.LogicalId, $"Scheme of {lb.LogicalId} is known only at deploy time", cannotCheck: true);

                if (type is not { Complete: true, Value: "network" })
                    continue;
                var groups = lb.Get("SecurityGroups") is { } g ? view.List(g) : [];
                if (groups is null)
                {
                    Add(SecurityRules.NlbWithoutSecurityGroup, view, lb.LogicalId, $"security groups of NLB {lb.LogicalId} are known only at deploy time", cannotCheck: true);
                    continue;
                }

                if (groups.Count == 0)
                {
                    Add(SecurityRules.NlbWithoutSecurityGroup, view, lb.LogicalId, $"NLB {lb.LogicalId} has no security group (they can only be attached when it is created)");
                    continue;
                }

                if (view.Str(lb, "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic") is { } enforce)
                {
                    if (enforce is { Complete: true } && enforce.Value.Equals("off", StringComparison.OrdinalIgnoreCase))
                        Add(SecurityRules.EnforcementOff, view, lb.LogicalId, $"NLB {lb.LogicalId} sets EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic: off");
                    else if (!enforce.Complete)
                        Add(SecurityRules.EnforcementOff, view, lb.LogicalId, $"EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic of {lb.LogicalId} is known only at deploy time", cannotCheck: true);
                }
            }
        }

        // ---- IAM: ILS014, ILS015, ILS017 ----
        private void Iam(StackView view)
        {
            foreach (var r in view.Resources)
            {
                switch (r.Type)
                {
                    case "AWS::IAM::Role":
                        Trust(view, r);
                        Inline(view, r);
                        Managed(view, r);
                        break;
                    case "AWS::IAM::User":
                    case "AWS::IAM::Group":
                        Inline(view, r);
                        Managed(view, r);
                        break;
                    case "AWS::IAM::Policy":
                    case "AWS::IAM::ManagedPolicy":
                        if (r.Get("PolicyDocument") is { } doc)
                            Statements(view, r.LogicalId, r.Get("PolicyName") is { } n ? view.Str(n).ToString() : r.LogicalId, doc);
                        break;
                }
            }
        }

        private void Inline(StackView view, TemplateResource r)
        {
            if (r.Get("Policies") is not { } policies || view.List(policies) is not { } list)
                return;
            foreach (var policy in list.Where(p => p.ValueKind == JsonValueKind.Object))
            {
                var name = policy.TryGetProperty("PolicyName", out var n) ? view.Str(n).ToString() : "?";
                if (policy.TryGetProperty("PolicyDocument", out var doc))
                    Statements(view, r.LogicalId, $"{r.LogicalId}/{name}", doc);
            }
        }

        private void Managed(StackView view, TemplateResource r)
        {
            if (r.Get("ManagedPolicyArns") is not { } arns || view.List(arns) is not { } list)
                return;
            foreach (var arn in list.Select(view.Str))
            {
                if (arn.Value.EndsWith(":policy/AdministratorAccess", StringComparison.Ordinal) || arn.Value.EndsWith(":policy/PowerUserAccess", StringComparison.Ordinal))
                    Add(SecurityRules.IamWildcardAction, view, r.LogicalId, $"{r.LogicalId} attaches the managed policy {arn}");
            }
        }

        private static readonly string[] ReadOnlyPrefixes = ["Describe", "List", "Get"];

        private void Statements(StackView view, string logicalId, string policy, JsonElement document)
        {
            if (document.ValueKind != JsonValueKind.Object || !document.TryGetProperty("Statement", out var statements))
                return;
            var list = statements.ValueKind == JsonValueKind.Array ? view.List(statements) ?? [] : [statements];
            foreach (var s in list.Where(s => s.ValueKind == JsonValueKind.Object))
            {
                var effect = s.TryGetProperty("Effect", out var e) ? view.Str(e).Value : "Allow";
                if (effect != "Allow")
                    continue;
                if (s.TryGetProperty("NotAction", out _))
                    Add(SecurityRules.IamWildcardAction, view, logicalId, $"policy {policy} allows NotAction: everything except the listed actions");
                var actions = Strings(view, s, "Action");
                foreach (var action in actions.Where(a => a.Complete && (a.Value == "*" || a.Value.EndsWith(":*", StringComparison.Ordinal))))
                    Add(SecurityRules.IamWildcardAction, view, logicalId, $"policy {policy} allows Action '{action.Value}'");
                if (s.TryGetProperty("NotResource", out _))
                    Add(SecurityRules.IamWildcardResource, view, logicalId, $"policy {policy} allows NotResource: every resource except the listed ones");
                var changing = actions.Where(a => !a.Complete || !IsReadOnly(a.Value)).ToList();
                if (changing.Count == 0)
                    continue;
                var resources = Strings(view, s, "Resource");
                var names = string.Join(", ", changing.Select(a => a.ToString()));
                if (resources.Any(r => r is { Complete: true, Value: "*" }))
                    Add(SecurityRules.IamWildcardResource, view, logicalId, $"policy {policy} allows {names} on Resource '*'");
                else if (resources.Any(r => r.IsUnknown))
                    Add(SecurityRules.IamWildcardResource, view, logicalId, $"policy {policy}: a Resource of {names} is known only at deploy time", cannotCheck: true);
            }
        }

        private static bool IsReadOnly(string action)
        {
            var colon = action.IndexOf(':', StringComparison.Ordinal);
            var verb = colon < 0 ? action : action[(colon + 1)..];
            return verb.Length > 0 && verb != "*" && ReadOnlyPrefixes.Any(p => verb.StartsWith(p, StringComparison.Ordinal));
        }

        private static List<Text> Strings(StackView view, JsonElement statement, string property)
        {
            if (!statement.TryGetProperty(property, out var v))
                return [];
            var values = v.ValueKind == JsonValueKind.Array ? view.List(v) ?? [] : [v];
            return values.Select(x => ValueOf(view, x)).ToList();
        }

        // A Ref or GetAtt to a resource of the template names that one resource (its ARN, its name): specific, never '*'.
        private static Text ValueOf(StackView view, JsonElement value) =>
            view.RefTarget(value) is { } id ? new Text($"<{id}>", true) : view.Str(value);

        private void Trust(StackView view, TemplateResource role)
        {
            if (role.Get("AssumeRolePolicyDocument") is not { ValueKind: JsonValueKind.Object } doc || !doc.TryGetProperty("Statement", out var statements))
                return;
            var list = statements.ValueKind == JsonValueKind.Array ? view.List(statements) ?? [] : [statements];
            foreach (var s in list.Where(s => s.ValueKind == JsonValueKind.Object))
            {
                if ((s.TryGetProperty("Effect", out var e) ? view.Str(e).Value : "Allow") != "Allow" || s.TryGetProperty("Condition", out _))
                    continue;
                if (!s.TryGetProperty("Principal", out var principal))
                    continue;
                var open = principal.ValueKind == JsonValueKind.String && view.Str(principal).Value == "*";
                if (principal.ValueKind == JsonValueKind.Object && principal.TryGetProperty("AWS", out var aws))
                {
                    var values = aws.ValueKind == JsonValueKind.Array ? view.List(aws) ?? [] : [aws];
                    open |= values.Select(view.Str).Any(p => p.Complete && p.Value == "*");
                }

                if (open)
                    Add(SecurityRules.OpenTrust, view, role.LogicalId, $"role {role.LogicalId} trusts Principal '*' with no condition");
            }
        }

        // ---- retention: ILS016 ----
        private void Retention(StackView view)
        {
            foreach (var group in view.OfType("AWS::Logs::LogGroup").Where(g => g.Get("RetentionInDays") is null))
                Add(SecurityRules.RetentionUnset, view, group.LogicalId, $"log group {group.LogicalId} has no RetentionInDays: logs are kept forever");
            foreach (var bucket in view.OfType("AWS::S3::Bucket").Where(b => b.Get("LifecycleConfiguration") is null))
                Add(SecurityRules.RetentionUnset, view, bucket.LogicalId, $"bucket {bucket.LogicalId} has no lifecycle rule: objects are kept forever");
        }

        // ---- security group rules ----
        private static IEnumerable<Ingress> ReadIngress(StackView view)
        {
            foreach (var group in view.OfType("AWS::EC2::SecurityGroup"))
            {
                if (group.Get("SecurityGroupIngress") is not { } inline || view.List(inline) is not { } list)
                    continue;
                foreach (var rule in list.Where(r => r.ValueKind == JsonValueKind.Object))
                    yield return Read(view, new TemplateResource(group.LogicalId, "", rule), group.LogicalId, group.LogicalId, null);
            }

            foreach (var rule in view.OfType("AWS::EC2::SecurityGroupIngress"))
            {
                var groupValue = rule.Get("GroupId") ?? rule.Get("GroupName");
                var groupId = groupValue is { } g ? view.RefTarget(g) : null;
                var literal = groupId is null && groupValue is { } gv && view.Str(gv) is { Complete: true } t ? t.Value : null;
                yield return Read(view, rule, rule.LogicalId, groupId, literal);
            }
        }

        private static Ingress Read(StackView view, TemplateResource rule, string logicalId, string? group, string? literal)
        {
            var protocol = rule.Get("IpProtocol") is { } p ? IpProtocol.Parse(view.Str(p).Value) : IpProtocol.All;
            var from = rule.Get("FromPort") is { } f ? view.Int(f) : null;
            var to = rule.Get("ToPort") is { } t ? view.Int(t) : null;
            var source = rule.Get("SourceSecurityGroupId") is { } sg ? view.RefTarget(sg) ?? view.Str(sg).ToString() : rule.Get("SourceSecurityGroupName") is { } sgn ? view.Str(sgn).ToString() : null;
            return new Ingress(view, logicalId, group, literal, protocol, from, to,
                rule.Get("CidrIp") is { } c ? view.Str(c) : null,
                rule.Get("CidrIpv6") is { } c6 ? view.Str(c6) : null,
                source,
                rule.Get("SourcePrefixListId") is not null);
        }

        private static bool IsAnywhere(Ingress rule) =>
            rule.Cidr is { Complete: true, Value: "0.0.0.0/0" } || rule.Cidr6 is { Complete: true } c6 && c6.Value.Replace("0", "", StringComparison.Ordinal) == "::/";

        // ---- ILS003: provider host ingress vs NLB subnets ----
        private void ProviderIngress(List<Ingress> ingress)
        {
            var providers = views.Where(v => v.Stack.Role == "provider").ToList();
            if (providers.Count == 0)
                return;
            var relays = views.Where(v => v.Stack.Role == "relay").ToList();
            var nlbStacks = relays.Count > 0 ? relays : providers;
            var cidrs = new List<Ipv4Cidr>();
            var ports = new HashSet<int>();
            var unknownCidrs = new List<string>();
            var anyNlb = false;
            foreach (var view in nlbStacks)
            {
                foreach (var lb in view.OfType("AWS::ElasticLoadBalancingV2::LoadBalancer"))
                {
                    anyNlb = true;
                    foreach (var subnet in NlbSubnets(view, lb))
                    {
                        if (SubnetCidr(view, subnet) is { } cidr)
                            cidrs.Add(cidr);
                        else
                            unknownCidrs.Add($"{view.Name}/{lb.LogicalId}");
                    }
                }

                foreach (var tg in view.OfType("AWS::ElasticLoadBalancingV2::TargetGroup"))
                {
                    var port = tg.Get("Port") is { } p ? view.Int(p) : null;
                    if (port is { } tp)
                        ports.Add(tp);
                    if (tg.Get("HealthCheckPort") is { } hc && view.Str(hc) is { Complete: true } hct)
                    {
                        if (int.TryParse(hct.Value, System.Globalization.CultureInfo.InvariantCulture, out var hp))
                            ports.Add(hp);
                    }
                }
            }

            var hostGroups = new HashSet<(string Stack, string Group)>();
            var literalGroups = new HashSet<string>(StringComparer.Ordinal);
            foreach (var view in providers)
            {
                foreach (var holder in view.OfType("AWS::EC2::Instance").Concat(view.OfType("AWS::EC2::LaunchTemplate")
                             .Select(t => t.Get("LaunchTemplateData") is { ValueKind: JsonValueKind.Object } d ? new TemplateResource(t.LogicalId, t.Type, d) : null)
                             .OfType<TemplateResource>()))
                {
                    foreach (var sg in GroupsOf(view, holder, "SecurityGroupIds").Concat(GroupsOf(view, holder, "SecurityGroups")))
                        hostGroups.Add((view.Name, sg.LogicalId));
                }
            }

            foreach (var existing in assembly.Wiring.ExistingVpcs ?? [])
            {
                if (existing.HostSecurityGroupId is { } id)
                    literalGroups.Add(id);
            }

            var providerNames = providers.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var rule in ingress.Where(r => providerNames.Contains(r.View.Name)))
            {
                var isHost = (rule.GroupLogicalId is { } g && hostGroups.Contains((rule.View.Name, g))) || (rule.GroupLiteralId is { } l && literalGroups.Contains(l));
                if (!isHost)
                    continue;
                var group = rule.GroupLogicalId ?? rule.GroupLiteralId;
                if (rule.Cidr6 is not null)
                {
                    Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits IPv6 {rule.Cidr6}; the NLB reaches targets over IPv4 from its subnets only");
                    continue;
                }

                if (rule.SourceGroup is { } source)
                {
                    var nlbGroup = relays.Count == 0 && rule.View.OfType("AWS::ElasticLoadBalancingV2::LoadBalancer")
                        .Any(lb => lb.Get("SecurityGroups") is { } sgs && (rule.View.List(sgs) ?? []).Any(x => rule.View.RefTarget(x) == source));
                    if (!nlbGroup)
                        Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits security group {source}, which is not the NLB's (security-group references do not work across inter-Region peering)");
                    continue;
                }

                if (rule.PrefixList)
                {
                    Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits a prefix list whose CIDRs are not in the templates", cannotCheck: true);
                    continue;
                }

                if (rule.Cidr is not { } cidrText)
                    continue;
                if (!cidrText.Complete || !Ipv4Cidr.TryParse(cidrText.Value, out var cidr, out _))
                {
                    Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits {cidrText}, known only at deploy time", cannotCheck: true);
                    continue;
                }

                if (!anyNlb)
                {
                    Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"no NLB in the assembly to compare provider host ingress {cidr} with", cannotCheck: true);
                    continue;
                }

                if (!cidrs.Any(n => n.Contains(cidr)))
                {
                    if (unknownCidrs.Count > 0)
                        Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where, $"provider host security group {group} admits {cidr}; the subnets of {string.Join(", ", unknownCidrs.Distinct())} are known only at deploy time", cannotCheck: true);
                    else
                        Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where,
                            $"provider host security group {group} admits {rule.Ports} from {cidr}, which is not inside an NLB subnet ({string.Join(", ", cidrs.Distinct())})");
                    continue;
                }

                // ICMP 3/4 from an NLB subnet is what path MTU discovery needs (VPC User Guide, "Path MTU Discovery";
                // the ELB guides recommend admitting it): the hosts' MTU 9001 exceeds inter-Region peering's 8500.
                if (rule.IsFragmentationNeeded)
                    continue;
                // A range that ends before it starts (a hand-edited template) admits nothing.
                if (ports.Count > 0 && (rule.AllPorts || !rule.HasPorts || rule.FromPort is null || rule.ToPort is null
                    || Enumerable.Range(rule.FromPort.Value, Math.Max(0, rule.ToPort.Value - rule.FromPort.Value + 1)).Any(p => !ports.Contains(p))))
                    Add(SecurityRules.ProviderIngressTooWide, rule.View, rule.Where,
                        $"provider host security group {group} admits {rule.Ports} from NLB subnet {cidr}; targets need only {string.Join(", ", ports.Order())}");
            }
        }

        private static IEnumerable<JsonElement> NlbSubnets(StackView view, TemplateResource lb)
        {
            if (lb.Get("Subnets") is { } s && view.List(s) is { } list)
            {
                foreach (var x in list)
                    yield return x;
            }
            else if (lb.Get("Subnets") is { } unknown)
            {
                yield return unknown;
            }

            if (lb.Get("SubnetMappings") is { } m && view.List(m) is { } mappings)
            {
                foreach (var x in mappings.Where(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("SubnetId", out _)))
                    yield return x.GetProperty("SubnetId");
            }
        }

        private Ipv4Cidr? SubnetCidr(StackView view, JsonElement subnet)
        {
            if (view.Target(subnet) is { Type: "AWS::EC2::Subnet" } resource)
                return view.Str(resource, "CidrBlock") is { Complete: true } t && Ipv4Cidr.TryParse(t.Value, out var c, out _) ? c : null;
            var text = view.Str(subnet);
            if (!text.Complete)
                return null;
            var existing = (assembly.Wiring.ExistingVpcs ?? []).SelectMany(v => v.Subnets).FirstOrDefault(x => x.Id == text.Value);
            return existing is not null && Ipv4Cidr.TryParse(existing.Cidr, out var e, out _) ? e : null;
        }

        // ---- ILS019: NLB security group ports vs listeners ----
        private void NlbPorts(List<Ingress> ingress)
        {
            foreach (var view in views)
            {
                var listeners = view.OfType("AWS::ElasticLoadBalancingV2::Listener").ToList();
                foreach (var lb in view.OfType("AWS::ElasticLoadBalancingV2::LoadBalancer"))
                {
                    if (lb.Get("SecurityGroups") is not { } sgs || view.List(sgs) is not { } groups)
                        continue;
                    var mine = listeners.Where(l => l.Get("LoadBalancerArn") is { } a && view.RefTarget(a) == lb.LogicalId).ToList();
                    var ports = mine.Select(l => l.Get("Port") is { } p ? view.Int(p) : null).ToList();
                    if (mine.Count == 0 || ports.Any(p => p is null))
                        continue;
                    var groupIds = groups.Select(view.RefTarget).OfType<string>().ToHashSet(StringComparer.Ordinal);
                    foreach (var rule in ingress.Where(r => r.View == view && r.GroupLogicalId is { } g && groupIds.Contains(g) && r.HasPorts))
                    {
                        var extra = rule.AllPorts || rule.FromPort is null || rule.ToPort is null
                            || Enumerable.Range(rule.FromPort.Value, Math.Max(0, rule.ToPort.Value - rule.FromPort.Value + 1)).Any(p => !ports.Contains(p));
                        if (extra)
                            Add(SecurityRules.NlbExtraPorts, view, rule.Where, $"NLB {lb.LogicalId}'s security group {rule.GroupLogicalId} admits {rule.Ports}; its listeners use {string.Join(", ", ports.Order())}");
                    }
                }
            }
        }
    }
}
