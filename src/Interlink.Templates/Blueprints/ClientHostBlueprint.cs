using Interlink.Templates.Hosts;
using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>
/// A small host in the consumer VPC to probe the service from: reached through Systems Manager, never SSH; no public
/// IP; it may only talk to the service port inside its VPC and to HTTPS (SSM) outside.
/// </summary>
public static class ClientHostBlueprint
{
    /// <summary>The client's instance type: the smallest Graviton host.</summary>
    public const string DefaultInstanceType = "t4g.nano";

    /// <summary>Adds the host in the network's first private subnet; it installs <paramref name="probe"/> when given. Returns the instance.</summary>
    public static ResourceModel Build(ModelScope scope, string name, NetworkRefs network, int port, BundleLocation? probe, string instanceType = DefaultInstanceType)
    {
        var group = SecurityGroups.Create(scope, "SecurityGroup", network.VpcId, $"{name} client: no inbound; service port and HTTPS out",
            [],
            [new TcpRule(network.Spec.Cidr, port, "to the service endpoint"), SecurityGroups.HttpsOut("Systems Manager")]);
        var template = new HardenedHostBlueprint(scope.Scope("Host"), new HostTemplateSpec(
            $"{name}-client", instanceType, [Cfn.GetAtt(group, "GroupId")],
            probe is null ? [] : [new HostPermission(["s3:GetObject"], [probe.ObjectArn])]));
        var userData = probe is null
            ? null
            : Cfn.Sub(ProbeUserData.Render(), ("ProbeBucket", probe.Bucket), ("ProbeKey", probe.Key), ("ProbeSha256", probe.Sha256));
        return template.Launch("Instance", network.PrivateSubnetIds[0], $"{name}-client", userData: userData, route: network.PrivateDefaultRoutes[0]);
    }
}
