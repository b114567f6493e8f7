using Interlink.Core.Networking;
using Interlink.Core.Normalization;

namespace Interlink.Core.Validation.Rules;

/// <summary>IL050: target IPs are IPv4 addresses inside the provider's private subnets.</summary>
public sealed class TargetIpInSubnetRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL050";

    /// <inheritdoc />
    public override string Title => "Target IPs lie in provider private subnets";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var subnets = context.PrivateSubnets(context.ProviderVpc);
        var ips = context.Config.Provider.Targets.Ips;
        for (var i = 0; i < ips.Count; i++)
        {
            var path = $"provider.targets.ips[{i}]";
            if (!Ipv4.TryParse(ips[i], out var ip))
                Report(context, path, $"'{ips[i]}' is not an IPv4 address", "write the host's private IPv4 address, e.g. 10.10.1.10");
            else if (subnets.Count > 0 && !subnets.Any(s => s.Cidr.Contains(ip)))
                Report(context, path, $"{ips[i]} is in none of the provider's private subnets ({string.Join(", ", subnets.Select(s => s.Cidr))})",
                    "use the private IP of a host in one of those subnets, or list the subnet it is in");
        }
    }
}

/// <summary>IL051: each target IP is listed once.</summary>
public sealed class TargetIpUniqueRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL051";

    /// <inheritdoc />
    public override string Title => "Target IPs are unique";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ips = context.Config.Provider.Targets.Ips;
        for (var i = 0; i < ips.Count; i++)
        {
            if (!seen.TryAdd(ips[i], i))
                Report(context, $"provider.targets.ips[{i}]", $"{ips[i]} is listed twice (first at ips[{seen[ips[i]]}]); a target group registers an IP and port once",
                    "remove the repeated IP");
        }
    }
}

/// <summary>
/// IL052: created hosts fit the provider's private subnets. (How many targets an NLB and its target group take is an
/// AWS quota, adjustable: IL081 warns about it from the quota catalog.)
/// </summary>
public sealed class TargetCountRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL052";

    /// <inheritdoc />
    public override string Title => "Created hosts fit the private subnets";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        if (context.Config.Provider.Targets.Instances is not { } instances)
            return;

        var subnets = context.PrivateSubnets(context.ProviderVpc);
        if (subnets.Count == 0 || instances < 1)
            return;
        var perSubnet = (instances + subnets.Count - 1) / subnets.Count;
        var tightest = subnets.MinBy(s => TargetLayout.Capacity(s.Cidr))!;
        if (perSubnet > TargetLayout.Capacity(tightest.Cidr))
            Report(context, "provider.targets.instances",
                $"{instances} instances need {perSubnet} addresses in each private subnet, but {tightest.Cidr} has room for {TargetLayout.Capacity(tightest.Cidr)} (hosts start at the subnet's address + {TargetLayout.FirstHostOffset})",
                "use fewer instances, more AZs, or larger private subnets");
    }
}

/// <summary>IL053: <c>targets.instances</c> is at least 1.</summary>
public sealed class InstanceCountRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL053";

    /// <inheritdoc />
    public override string Title => "At least one instance";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        if (context.Config.Provider.Targets.Instances is < 1 and var n)
            Report(context, "provider.targets.instances", $"{n} instances; the service needs at least one host",
                "use 1 or more (one per AZ survives an AZ failure), or list your own service's 'ips'");
    }
}

/// <summary>IL054: target IPs avoid the five addresses AWS reserves in every subnet.</summary>
public sealed class TargetIpReservedRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL054";

    /// <inheritdoc />
    public override string Title => "Target IPs avoid AWS-reserved addresses";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var subnets = context.PrivateSubnets(context.ProviderVpc);
        var ips = context.Config.Provider.Targets.Ips;
        for (var i = 0; i < ips.Count; i++)
        {
            if (!Ipv4.TryParse(ips[i], out var ip) || subnets.FirstOrDefault(s => s.Cidr.Contains(ip)) is not { } subnet)
                continue;
            var offset = ip - subnet.Cidr.Network;
            if (offset < 4 || ip == subnet.Cidr.Broadcast)
                Report(context, $"provider.targets.ips[{i}]",
                    $"{ips[i]} is reserved by AWS in {subnet.Cidr} (the first four addresses and the last one are not assignable)",
                    $"use an address from {Ipv4.Format(subnet.Cidr.Network + 4)} to {Ipv4.Format(subnet.Cidr.Broadcast - 1)}");
        }
    }
}

/// <summary>IL055: an existing provider VPC serving the user's own IPs names the hosts' security group.</summary>
public sealed class ExistingHostsSecurityGroupRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL055";

    /// <inheritdoc />
    public override string Title => "Existing service hosts name their security group";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var provider = context.Config.Provider;
        if (provider.Vpc.IsExisting && provider.Targets.Ips.Count > 0 && provider.Vpc.HostSecurityGroupId is null)
            Report(context, "provider.vpc.hostSecurityGroupId",
                "the service hosts are yours, but their security group is not named, so Interlink cannot let the relay NLBs in",
                "add 'hostSecurityGroupId: sg-…' (the group attached to the hosts at targets.ips)");
    }
}
