using Interlink.Templates.Model;

namespace Interlink.Templates.Tests;

/// <summary>
/// Logical IDs as the AWS CDK derives them from construct paths (aws-cdk-lib 2.160.0 makeUniqueId): deployed stacks
/// already carry these IDs, and a changed ID would replace the resource. Expected values are IDs the CDK wrote.
/// </summary>
public sealed class LogicalIdTests
{
    [Theory]
    [InlineData("Network/Vpc", "NetworkVpcFAC8F4A5")]
    [InlineData("LoadBalancer/TargetGroup", "LoadBalancerTargetGroup81D27C85")]
    [InlineData("Network/PrivateSubnet1", "NetworkPrivateSubnet1E8491189")]
    [InlineData("Client/Host/Instance", "ClientHostInstance83462E15")]
    public void A_nested_element_is_its_path_without_separators_and_the_first_eight_hex_digits_of_its_md5(string path, string expected) =>
        Assert.Equal(expected, LogicalIds.For(path.Split('/')));

    [Fact]
    public void A_top_level_element_keeps_its_id() =>
        Assert.Equal("ToUsWest2Table1", LogicalIds.For(["ToUsWest2Table1"]));

    [Fact]
    public void A_component_repeating_the_end_of_the_previous_one_is_named_once_but_hashed_whole() =>
        Assert.Equal("Endpoint8024A810", LogicalIds.For(["Endpoint", "Endpoint"]));

    [Fact]
    public void Default_is_dropped_everywhere_and_Resource_only_from_the_readable_part()
    {
        Assert.Equal(LogicalIds.For(["Network", "Vpc"]), LogicalIds.For(["Network", "Default", "Vpc"]));
        Assert.StartsWith("NetworkVpc", LogicalIds.For(["Network", "Vpc", "Resource"]), StringComparison.Ordinal);
        Assert.NotEqual(LogicalIds.For(["Network", "Vpc"]), LogicalIds.For(["Network", "Vpc", "Resource"]));
    }

    [Fact]
    public void Characters_other_than_ASCII_letters_and_digits_leave_the_readable_part() =>
        Assert.Equal("PeeringAccepterUsWest2", LogicalIds.For(["Peering-Accepter_Us.West2"]));
}
