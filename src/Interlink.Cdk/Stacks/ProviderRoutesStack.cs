using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Constructs;

namespace Interlink.Cdk.Stacks;

/// <summary>
/// Phase 3, provider account and Region: once each relay's peering exists, a route to that relay's CIDR in
/// every provider route table that serves target subnets, so that replies find their way back.
/// </summary>
public sealed class ProviderRoutesStack : InterlinkStack
{
    /// <summary>Builds the stack; <paramref name="routeTableCount"/> is the number of target route tables.</summary>
    public ProviderRoutesStack(Construct scope, string id, Topology topology, int routeTableCount)
        : base(scope, id, topology, topology.Provider, $"Interlink {topology.Name}: provider routes to the relays")
    {
        var tables = new CfnParameter(this, Outputs.PrivateRouteTableIds, new CfnParameterProps
        {
            Type = "CommaDelimitedList",
            Description = "Route tables of the target subnets (from the provider stack)",
            // For a CommaDelimitedList, CloudFormation matches the pattern against each value.
            AllowedPattern = AllowedPatterns.Ec2Id("rtb"),
        }).ValueAsList;
        foreach (var relay in topology.Relays)
        {
            var region = relay.Network.Region;
            var peering = Parameter(Outputs.PeeringParameter(region), $"Peering to the relay in {region} (from its stack)", AllowedPatterns.Ec2Id("pcx"));
            for (var i = 0; i < routeTableCount; i++)
            {
                _ = new CfnRoute(this, $"To{Names.Pascal(region)}Table{i + 1}", new CfnRouteProps
                {
                    RouteTableId = Fn.Select(i, tables),
                    DestinationCidrBlock = relay.Network.Vpc.Cidr.ToString(),
                    VpcPeeringConnectionId = peering,
                });
            }

            if (relay.PeeringDns)
                _ = new Constructs.PeeringDnsResolution(this, $"PeeringDns{Names.Pascal(region)}", new Constructs.PeeringDnsResolutionProps { PeeringConnectionId = peering, Side = Constructs.PeeringSide.Accepter });
        }
    }
}
