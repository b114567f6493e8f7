using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Constructs;

namespace Interlink.Cdk.Stacks;

/// <summary>
/// Phase 3, provider account and Region: once each relay's peering exists, a route to that relay's CIDR in
/// every provider route table that serves target subnets, so that replies find their way back; with peeringDns, the
/// operator role deploy assumes to set the accepter side's DNS option.
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
        var dnsPeerings = new List<string>();
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
                dnsPeerings.Add(peering);
        }

        // Peering DNS options cannot be set in CloudFormation: deploy sets the accepter side of each such peering, in
        // the provider's account and Region, through this role.
        if (dnsPeerings.Count > 0)
        {
            var operatorRole = new Constructs.OperatorRole(this, "Operator", new Constructs.OperatorRoleProps
            {
                TrustedAccount = topology.DeployerAccount,
                PeeringConnectionIds = dnsPeerings,
            });
            Output(Outputs.OperatorRoleArn, operatorRole.RoleArn, "Role interlink deploy assumes to set the accepter side's peering DNS options");
        }
    }
}
