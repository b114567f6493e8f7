using Interlink.Core.Normalization;
using Interlink.Core.Wiring;
using Interlink.Templates.Blueprints;
using Interlink.Templates.Model;

namespace Interlink.Templates.Stacks;

/// <summary>
/// Phase 3, provider account and Region: once each relay's peering exists, a route to that relay's CIDR in every
/// provider route table that serves target subnets, so that replies find their way back; with peeringDns, the operator
/// role deploy assumes to set the accepter side's DNS option.
/// </summary>
public static class ProviderRoutesStack
{
    /// <summary>The stack; <paramref name="routeTableCount"/> is the number of target route tables.</summary>
    public static StackModel Build(string id, Topology topology, int routeTableCount)
    {
        var stack = DesignStack.Create(id, topology, topology.Provider, $"Interlink {topology.Name}: provider routes to the relays");
        // For a CommaDelimitedList, CloudFormation matches the pattern against each value.
        var tables = Cfn.Ref(stack.Parameter(Outputs.PrivateRouteTableIds, new ParameterSpec(
            "CommaDelimitedList", "Route tables of the target subnets (from the provider stack)", AllowedPatterns.Ec2Id("rtb"))));
        var dnsPeerings = new List<CfnValue>();
        foreach (var relay in topology.Relays)
        {
            var region = relay.Network.Region;
            var peering = DesignStack.Parameter(stack, Outputs.PeeringParameter(region), $"Peering to the relay in {region} (from its stack)", AllowedPatterns.Ec2Id("pcx"));
            for (var i = 0; i < routeTableCount; i++)
            {
                _ = stack.Resource($"To{DesignStack.Pascal(region)}Table{i + 1}", "AWS::EC2::Route", Cfn.Map(
                    ("DestinationCidrBlock", relay.Network.Vpc.Cidr.ToString()),
                    ("RouteTableId", Cfn.Select(i, tables)),
                    ("VpcPeeringConnectionId", peering)));
            }

            if (relay.PeeringDns)
                dnsPeerings.Add(peering);
        }

        // Peering DNS options cannot be set in CloudFormation: deploy sets the accepter side of each such peering, in
        // the provider's account and Region, through this role.
        if (dnsPeerings.Count > 0)
        {
            var operatorRole = OperatorRoleBlueprint.Build(stack.Scope("Operator"), topology.DeployerAccount, [], dnsPeerings);
            _ = stack.Output(Outputs.OperatorRoleArn, Cfn.GetAtt(operatorRole, "Arn"), "Role interlink deploy assumes to set the accepter side's peering DNS options");
        }

        return stack;
    }
}
