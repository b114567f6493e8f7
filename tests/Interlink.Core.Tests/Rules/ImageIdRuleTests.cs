namespace Interlink.Core.Tests.Rules;

/// <summary>IL056: a pinned host image (<c>provider.targets.imageId</c>) is an AMI ID, for hosts Interlink creates.</summary>
public class ImageIdRuleTests
{
    private static string WithImage(string image) => ConfigText.Relay.Edit("    instances: 2\n", $"    instances: 2\n    imageId: {image}\n");

    [Theory]
    [InlineData("ami-0123456789abcdef0")]
    [InlineData("ami-12345678")]
    public void A_17_or_8_digit_AMI_ID_passes(string image) => Expect.Clean(WithImage(image));

    [Theory]
    [InlineData("ami-0123456789ABCDEF0")]
    [InlineData("ami-123")]
    [InlineData("'$(reboot)'")]
    [InlineData("resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64")]
    public void Anything_else_is_IL056_with_the_format(string image) =>
        Expect.Reported(WithImage(image), "IL056", "provider.targets.imageId", "is not an AMI ID");

    [Fact]
    public void An_image_with_the_users_own_ips_is_IL056() =>
        Expect.Reported(ConfigText.Relay.Edit("    instances: 2\n", "    ips: [10.10.1.20]\n    imageId: ami-0123456789abcdef0\n"), "IL056", "provider.targets.imageId", "'ips'");

    [Fact]
    public void The_loader_reads_imageId_into_the_model()
    {
        var report = Interlink.Core.Validation.ConfigValidator.ValidateText(WithImage("ami-0123456789abcdef0"), "test.yaml");
        Assert.Equal("ami-0123456789abcdef0", report.Config!.Provider.Targets.ImageId);
        Assert.Equal("ami-0123456789abcdef0", Interlink.Core.Normalization.TopologyBuilder.Build(report).Targets.ImageId);
    }
}
