using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;

namespace Interlink.Analysis.Security.Checks;

/// <summary>One security group ingress rule (inline or a SecurityGroupIngress resource) as the security rules read it.</summary>
internal sealed record IngressRule(
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

    public static IEnumerable<IngressRule> ReadAll(StackView view)
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

    private static IngressRule Read(StackView view, TemplateResource rule, string logicalId, string? group, string? literal)
    {
        var protocol = rule.Get("IpProtocol") is { } p ? IpProtocol.Parse(view.Str(p).Value) : IpProtocol.All;
        var from = rule.Get("FromPort") is { } f ? view.Int(f) : null;
        var to = rule.Get("ToPort") is { } t ? view.Int(t) : null;
        var source = rule.Get("SourceSecurityGroupId") is { } sg ? view.RefTarget(sg) ?? view.Str(sg).ToString() : rule.Get("SourceSecurityGroupName") is { } sgn ? view.Str(sgn).ToString() : null;
        return new IngressRule(view, logicalId, group, literal, protocol, from, to,
            rule.Get("CidrIp") is { } c ? view.Str(c) : null,
            rule.Get("CidrIpv6") is { } c6 ? view.Str(c6) : null,
            source,
            rule.Get("SourcePrefixListId") is not null);
    }

    public bool IsFromAnywhere =>
        Cidr is { Complete: true, Value: "0.0.0.0/0" } || Cidr6 is { Complete: true } c6 && c6.Value.Replace("0", "", StringComparison.Ordinal) == "::/";
}
