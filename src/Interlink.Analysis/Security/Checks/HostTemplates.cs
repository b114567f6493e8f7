using System.Text.Json;
using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Security.Checks;

/// <summary>How an instance or launch template names its network interfaces, subnets and security groups.</summary>
internal static class HostTemplates
{
    public static IEnumerable<TemplateResource> InterfacesOf(StackView view, TemplateResource holder) =>
        holder.Get("NetworkInterfaces") is { } nis && view.List(nis) is { } list
            ? list.Where(n => n.ValueKind == JsonValueKind.Object).Select(n => new TemplateResource(holder.LogicalId, "", n))
            : [];

    public static IEnumerable<JsonElement> SubnetsOf(StackView view, TemplateResource instance)
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

    /// <summary>The security groups of the template that <paramref name="holder"/> names (SecurityGroupIds, SecurityGroups, its interfaces' groups).</summary>
    public static IEnumerable<TemplateResource> SecurityGroupsOf(StackView view, TemplateResource holder) =>
        GroupsOf(view, holder, "SecurityGroupIds").Concat(GroupsOf(view, holder, "SecurityGroups"));
}
