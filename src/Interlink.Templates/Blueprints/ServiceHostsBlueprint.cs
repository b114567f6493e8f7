using Interlink.Core.Networking;
using Interlink.Templates.Hosts;
using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>Where the published sample service lies and what it must hash to.</summary>
/// <param name="Bucket">S3 bucket.</param>
/// <param name="Key">S3 key.</param>
/// <param name="Sha256">Expected SHA-256 (lowercase hex); the hosts refuse any other bundle.</param>
public sealed record BundleLocation(CfnValue Bucket, CfnValue Key, CfnValue Sha256)
{
    /// <summary>The object's ARN, for the host role's <c>s3:GetObject</c>.</summary>
    public CfnValue ObjectArn => Cfn.Join("", "arn:", Cfn.Partition, ":s3:::", Bucket, "/", Key);
}

/// <summary>What <see cref="ServiceHostsBlueprint"/> builds.</summary>
/// <param name="Name">Name prefix for tags.</param>
/// <param name="Network">The provider network the hosts live in.</param>
/// <param name="TargetIps">The service's targets, each in one of the network's private subnets.</param>
/// <param name="CreateHosts">Launch a hardened host running the sample service at each target IP; false: the IPs are the user's own hosts.</param>
/// <param name="InstanceType">Instance type of created hosts.</param>
/// <param name="TargetPort">Port the service listens on.</param>
/// <param name="HealthCheckPort">Port the NLB health check probes; null means the target port.</param>
/// <param name="HealthCheckPath">Health-check path (for the boot script's log line).</param>
/// <param name="LoadBalancerCidrs">CIDRs the NLBs reach the hosts from (the relay NLB subnets, or the provider's own in native mode).</param>
/// <param name="ExistingSecurityGroupId">Existing security group of the user's hosts: rules are added to it; null creates a group.</param>
/// <param name="Bundle">The published sample service; required when hosts are created.</param>
/// <param name="ImageId">
/// The hosts' AMI; required when hosts are created: a fixed-IP host must never take its image from a value
/// CloudFormation re-reads on every update (the public SSM parameter), because a new image replaces the instance, and
/// CloudFormation creates the replacement while the old one still holds the IP.
/// </param>
public sealed record ServiceHostsSpec(string Name, NetworkRefs Network, IReadOnlyList<string> TargetIps, bool CreateHosts, string InstanceType, int TargetPort, int? HealthCheckPort, string HealthCheckPath,
    IReadOnlyList<string> LoadBalancerCidrs, string? ExistingSecurityGroupId, BundleLocation? Bundle, CfnValue? ImageId);

/// <summary>
/// The provider's service: a security group that admits the service and health-check ports from the NLB subnets only
/// (targets see the NLB's addresses, since client IP preservation is off), and, for <c>targets.instances</c>, hardened
/// hosts at fixed private IPs that install and run the sample service.
/// </summary>
public static class ServiceHostsBlueprint
{
    /// <summary>Adds the group and hosts; returns the hosts' security group.</summary>
    public static CfnValue Build(ModelScope scope, ServiceHostsSpec spec)
    {
        var ports = new[] { spec.TargetPort, spec.HealthCheckPort ?? spec.TargetPort }.Distinct().ToList();
        var ingress = spec.LoadBalancerCidrs
            .SelectMany(cidr => ports.Select(port => new TcpRule(cidr, port, port == spec.TargetPort ? "service traffic from an NLB subnet" : "health checks from an NLB subnet")))
            .ToList();
        // The hosts send at MTU 9001, but the path back to a relay NLB crosses inter-Region peering (MTU 8500, EC2 User
        // Guide, "Network maximum transmission unit (MTU) for your EC2 instance",
        // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/network_mtu.html). A hop that drops a too-big packet
        // answers with ICMP 3/4; without this rule the answer is dropped and large responses are black-holed. The
        // ELB guides recommend admitting ICMP for path MTU discovery; only type 3 code 4, only from the NLB subnets.
        var pathMtu = spec.LoadBalancerCidrs.Select(cidr => new FragmentationNeededRule(cidr, "path MTU discovery: fragmentation needed, from an NLB subnet")).ToList();

        CfnValue groupId;
        if (spec.ExistingSecurityGroupId is { } existing)
        {
            SecurityGroups.AddIngress(scope, "NlbIngress", existing, ingress, pathMtu);
            groupId = existing;
        }
        else
        {
            var group = SecurityGroups.Create(scope, "SecurityGroup", spec.Network.VpcId, $"{spec.Name} service hosts: service port from NLB subnets only",
                ingress, [SecurityGroups.HttpsOut("SSM, S3 and package repositories")], pathMtu);
            groupId = Cfn.GetAtt(group, "GroupId");
        }

        if (!spec.CreateHosts)
            return groupId;
        var bundle = spec.Bundle ?? throw new ArgumentException("the service bundle is required when hosts are created", nameof(spec));
        var image = spec.ImageId ?? throw new ArgumentException("ImageId is required when hosts are created (fixed-IP hosts cannot be replaced)", nameof(spec));

        var template = new HardenedHostBlueprint(scope.Scope("Host"), new HostTemplateSpec(
            $"{spec.Name}-service", spec.InstanceType, [groupId], [new HostPermission(["s3:GetObject"], [bundle.ObjectArn])], ImageId: image));
        var script = ServiceUserData.Render(new ServiceUserDataOptions(spec.Name, spec.TargetPort, spec.HealthCheckPath));
        var userData = Cfn.Sub(script, ("BundleBucket", bundle.Bucket), ("BundleKey", bundle.Key), ("BundleSha256", bundle.Sha256));
        for (var i = 0; i < spec.TargetIps.Count; i++)
        {
            var subnetIndex = SubnetOf(spec.Network.Spec, spec.TargetIps[i]);
            _ = template.Launch($"Host{i + 1}", spec.Network.PrivateSubnetIds[subnetIndex], $"{spec.Name}-service-{i + 1}", spec.TargetIps[i], userData,
                spec.Network.PrivateDefaultRoutes[subnetIndex]);
        }

        return groupId;
    }

    /// <summary>The index of the private subnet of <paramref name="network"/> holding <paramref name="ip"/>.</summary>
    public static int SubnetOf(NetworkSpec network, string ip)
    {
        if (!Ipv4.TryParse(ip, out var address))
            throw new ArgumentException($"target '{ip}' is not an IPv4 address", nameof(ip));
        for (var i = 0; i < network.PrivateSubnets.Count; i++)
        {
            if (Ipv4Cidr.Parse(network.PrivateSubnets[i].Cidr).Contains(address))
                return i;
        }

        throw new ArgumentException($"target {ip} is in none of the private subnets ({string.Join(", ", network.PrivateSubnets.Select(s => s.Cidr))})", nameof(ip));
    }
}
