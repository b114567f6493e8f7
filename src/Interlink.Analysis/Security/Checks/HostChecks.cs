using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;

namespace Interlink.Analysis.Security.Checks;

/// <summary>
/// ILS005 (IMDSv1), ILS006 (unencrypted volume), ILS007 (public IP), ILS012 (key pair), ILS013 (allow-all egress):
/// the instances, launch templates, volumes and Elastic IPs of each template, and the egress of the groups hosts use.
/// </summary>
internal sealed class HostChecks(SecurityContext context) : SecurityConcern(context)
{
    public override void CheckStack(StackView view)
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
            KeyPairAndEgress(view, lt, template.LogicalId, $"launch template {template.LogicalId}");
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
            KeyPairAndEgress(view, instance, instance.LogicalId, $"instance {instance.LogicalId}");

            var explicitNoPublic = HostTemplates.InterfacesOf(view, instance).Any(ni => ni.Get("AssociatePublicIpAddress") is { } a && view.Bool(a) == false);
            foreach (var subnetValue in HostTemplates.SubnetsOf(view, instance))
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

    // What a launch template and an instance both set: a key pair (ILS012), and the groups whose egress is checked (ILS013).
    private void KeyPairAndEgress(StackView view, TemplateResource holder, string logicalId, string what)
    {
        if (holder.Get("KeyName") is { } key)
            Add(SecurityRules.KeyPair, view, logicalId, $"{what} sets KeyName '{view.Str(key)}'");
        foreach (var sg in HostTemplates.SecurityGroupsOf(view, holder))
            Egress(view, sg, what);
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

    private void PublicInterfaces(StackView view, TemplateResource holder, string logicalId)
    {
        foreach (var ni in HostTemplates.InterfacesOf(view, holder))
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
}
