using Interlink.Core.Model;

namespace Interlink.Core.Validation;

/// <summary>Which part of the design a VPC plays.</summary>
public enum VpcRole
{
    /// <summary>The provider's VPC, where the service runs.</summary>
    Provider,

    /// <summary>A relay VPC fronting the service in a consumer Region.</summary>
    Relay,

    /// <summary>A consumer's VPC.</summary>
    Consumer,
}

/// <summary>A VPC of the config together with where it is written and what it is for.</summary>
/// <param name="Path">YAML path of the <c>vpc</c> mapping, e.g. <c>relays[0].vpc</c>.</param>
/// <param name="Role">Its role.</param>
/// <param name="Region">Region code of its owner.</param>
/// <param name="Vpc">The VPC.</param>
/// <param name="HostsNeedInternet">Hosts Interlink creates here must reach Systems Manager and S3 (service hosts, a client).</param>
public sealed record VpcSite(string Path, VpcRole Role, string Region, VpcSpec Vpc, bool HostsNeedInternet = false)
{
    /// <summary>Every VPC of <paramref name="config"/>, provider first, then relays, then consumers.</summary>
    public static IEnumerable<VpcSite> All(InterlinkConfig config)
    {
        var provider = config.Provider;
        yield return new VpcSite("provider.vpc", VpcRole.Provider, provider.Region, provider.Vpc, HostsNeedInternet: provider.Targets.Ips.Count == 0);
        for (var i = 0; i < config.Relays.Count; i++)
            yield return new VpcSite($"relays[{i}].vpc", VpcRole.Relay, config.Relays[i].Region, config.Relays[i].Vpc);
        for (var i = 0; i < config.Consumers.Count; i++)
            yield return new VpcSite($"consumers[{i}].vpc", VpcRole.Consumer, config.Consumers[i].Region, config.Consumers[i].Vpc, config.Consumers[i].Client);
    }

    /// <summary>
    /// NAT gateways of a new VPC: as configured, else one where created hosts need the internet (to install
    /// the service and reach Systems Manager), else none.
    /// </summary>
    public int NatGateways => Vpc.IsExisting ? 0 : Vpc.NatGateways ?? (HostsNeedInternet ? 1 : 0);

    /// <summary>"the provider VPC", "relay us-west-2's VPC", …: for messages.</summary>
    public string Label(InterlinkConfig config) => Role switch
    {
        VpcRole.Provider => "the provider VPC",
        VpcRole.Relay => $"the relay VPC in {Region}",
        _ => $"consumer '{ConsumerName(config)}' VPC",
    };

    private string ConsumerName(InterlinkConfig config)
    {
        var start = Path.IndexOf('[') + 1;
        var index = int.Parse(Path[start..Path.IndexOf(']')], System.Globalization.CultureInfo.InvariantCulture);
        return config.Consumers[index].Name;
    }
}

/// <summary>A subnet of a VPC site after carving: its CIDR, its AZ and where it came from.</summary>
/// <param name="Path">YAML path that gave it, or the VPC's <c>cidr</c> path when it was carved.</param>
/// <param name="Cidr">Its network.</param>
/// <param name="Az">AZ ID or name.</param>
/// <param name="Carved">True when Interlink chose it.</param>
public sealed record SubnetSite(string Path, Networking.Ipv4Cidr Cidr, string Az, bool Carved);
