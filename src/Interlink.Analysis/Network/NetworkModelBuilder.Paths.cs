using Interlink.Analysis.Intrinsics;

namespace Interlink.Analysis.Network;

public static partial class NetworkModelBuilder
{
    // Where packets can go: peering connections (and whether they are accepted), routes in each route table,
    // and subnets with their route table and network ACL associations.
    private sealed partial class Builder
    {
        private List<PeeringConnection> Peerings()
        {
            var list = new List<PeeringConnection>();
            foreach (var r in Of("AWS::EC2::VPCPeeringConnection"))
            {
                var requester = VpcOf(r);
                var accepter = IdOf(r["PeerVpcId"]);
                if (requester is null || accepter is null)
                {
                    if (accepter is null)
                        unsupported.Add(new Unsupported(r.Location, r.Type, $"PeerVpcId {r["PeerVpcId"]?.Display()} is not known offline"));
                    continue;
                }

                var owner = r["PeerOwnerId"];
                var accepterAccount = owner is null ? r.Stack.Account : owner.Text;
                var sameAccount = owner is null || owner.Text == r.Stack.Account || (owner is CfnUnknown { Name: "AWS::AccountId" } && r.Stack.Account is null);
                var role = r["PeerRoleArn"];
                bool accepted;
                string how;
                if (sameAccount)
                    (accepted, how) = (true, "same account: CloudFormation accepts it");
                else if (role is null)
                    (accepted, how) = (false, $"cross-account (peer owner {accepterAccount ?? owner!.Display()}) without PeerRoleArn: the request stays pending-acceptance");
                else if (role.Display().Split(':') is [_, _, _, _, var roleAccount, ..] && accepterAccount is not null && roleAccount != accepterAccount && role.Text is not null)
                    (accepted, how) = (false, $"PeerRoleArn {role.Display()} is not in the accepter account {accepterAccount}");
                else
                    (accepted, how) = (true, $"cross-account: accepted through PeerRoleArn {role.Display()}");
                var region = r["PeerRegion"]?.Text ?? r.Stack.Region;
                list.Add(new PeeringConnection(r.Key, r.Location, requester, accepter, r.Stack.Region, region, r.Stack.Account, sameAccount ? r.Stack.Account : accepterAccount, accepted, how));
            }

            return list;
        }

        private void Routes()
        {
            foreach (var r in Of("AWS::EC2::Route"))
            {
                var table = IdOf(r["RouteTableId"]);
                if (table is null || !tables.TryGetValue(table, out var t))
                {
                    unsupported.Add(new Unsupported(r.Location, r.Type, $"route table {r["RouteTableId"]?.Display()} is not known"));
                    continue;
                }

                var destination = r["DestinationCidrBlock"]?.Text;
                if (destination is null)
                {
                    unsupported.Add(new Unsupported(r.Location, r.Type, "only IPv4 DestinationCidrBlock routes are modeled"));
                    continue;
                }

                var (target, id) = r["VpcPeeringConnectionId"] is { } p ? (RouteTarget.Peering, IdOf(p))
                    : r["NatGatewayId"] is { } n ? (RouteTarget.NatGateway, IdOf(n))
                    : r["GatewayId"] is { } g ? (IdOf(g) == "local" ? RouteTarget.Local : RouteTarget.InternetGateway, IdOf(g))
                    : (RouteTarget.Other, IdOf(r["TransitGatewayId"] ?? r["NetworkInterfaceId"] ?? r["InstanceId"] ?? r["VpcEndpointId"]));
                t.Routes.Add(new Route(destination, target, id, r.Location));
            }
        }

        private List<Subnet> Subnets()
        {
            var associations = Of("AWS::EC2::SubnetRouteTableAssociation").Select(r => (Subnet: IdOf(r["SubnetId"]), Table: IdOf(r["RouteTableId"]), r.Location))
                .Where(a => a.Subnet is not null && a.Table is not null).GroupBy(a => a.Subnet!).ToDictionary(g => g.Key, g => g.Last());
            var aclAssociations = Of("AWS::EC2::SubnetNetworkAclAssociation").Select(r => (Subnet: IdOf(r["SubnetId"]), Acl: IdOf(r["NetworkAclId"])))
                .Where(a => a.Subnet is not null && a.Acl is not null).GroupBy(a => a.Subnet!).ToDictionary(g => g.Key, g => g.Last().Acl);
            var list = new List<Subnet>();
            foreach (var r in Of("AWS::EC2::Subnet"))
            {
                if (VpcOf(r) is not { } vpc)
                    continue;
                var assoc = associations.GetValueOrDefault(r.Key);
                list.Add(new Subnet(r.Key, r.Location, vpc, r["CidrBlock"]?.Text, r["AvailabilityZoneId"]?.Text, r["AvailabilityZone"]?.Text,
                    assoc.Table ?? vpcs[vpc].MainRouteTableId, assoc.Table is null ? null : assoc.Location, aclAssociations.GetValueOrDefault(r.Key), r.NameTag));
            }

            foreach (var existing in assembly.Wiring.ExistingVpcs ?? [])
            {
                foreach (var s in existing.Subnets)
                {
                    var assoc = associations.GetValueOrDefault(s.Id);
                    list.Add(new Subnet(s.Id, vpcs[existing.Id].Location with { LogicalId = s.Id }, existing.Id, s.Cidr, s.AzId, null,
                        assoc.Table ?? s.RouteTableId, assoc.Location, aclAssociations.GetValueOrDefault(s.Id)));
                }
            }

            return list;
        }
    }
}
