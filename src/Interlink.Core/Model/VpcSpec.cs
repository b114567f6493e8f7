namespace Interlink.Core.Model;

/// <summary>
/// A VPC: either one Interlink creates (<see cref="Id"/> null) or an existing one the user names by ID,
/// described with what cannot be looked up offline.
/// </summary>
/// <param name="Id">ID of an existing VPC (<c>vpc-…</c>); null to create one.</param>
/// <param name="Cidr">The VPC's IPv4 CIDR.</param>
/// <param name="Azs">AZ IDs (or names, with a warning) for a new VPC, one subnet per tier in each.</param>
/// <param name="PrivateSubnets">Private subnet CIDRs, one per AZ in order; empty to carve them from <paramref name="Cidr"/>.</param>
/// <param name="PublicSubnets">Public subnet CIDRs, one per AZ in order; empty to carve them when NAT gateways need them.</param>
/// <param name="NatGateways">NAT gateways of a new VPC; null for the role's default.</param>
/// <param name="Subnets">Private subnets of an existing VPC.</param>
/// <param name="HostSecurityGroupId">Existing provider VPCs: the security group of the service hosts.</param>
public sealed record VpcSpec(
    string? Id,
    string? Cidr,
    IReadOnlyList<string> Azs,
    IReadOnlyList<string> PrivateSubnets,
    IReadOnlyList<string> PublicSubnets,
    int? NatGateways,
    IReadOnlyList<ExistingSubnet> Subnets,
    string? HostSecurityGroupId)
{
    /// <summary>True when the VPC exists already and Interlink only adds to it.</summary>
    public bool IsExisting => Id is not null;
}

/// <summary>A private subnet of an existing VPC.</summary>
/// <param name="Id">Subnet ID (<c>subnet-…</c>).</param>
/// <param name="AzId">Its AZ ID (<c>use1-az1</c>).</param>
/// <param name="Cidr">Its IPv4 CIDR.</param>
/// <param name="RouteTableId">The route table associated with it (<c>rtb-…</c>).</param>
public sealed record ExistingSubnet(string Id, string AzId, string Cidr, string RouteTableId);
