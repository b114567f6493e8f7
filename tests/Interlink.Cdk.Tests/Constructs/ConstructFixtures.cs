using Constructs;
using Interlink.Cdk.Constructs;

namespace Interlink.Cdk.Tests.Constructs;

/// <summary>A small network for construct tests on a fresh stack: 10.20.0.0/16, two private subnets by AZ ID.</summary>
internal static class ConstructFixtures
{
    public static Network Network(Construct scope, int natGateways = 0) => new(scope, "Net", new NetworkProps
    {
        Name = "lib",
        Cidr = "10.20.0.0/16",
        PrivateSubnets = [new SubnetSpec("10.20.1.0/24", "use1-az4"), new SubnetSpec("10.20.2.0/24", "us-east-1b")],
        PublicSubnets = natGateways > 0 ? [new SubnetSpec("10.20.101.0/24", "use1-az4")] : [],
        NatGateways = natGateways,
    });
}
