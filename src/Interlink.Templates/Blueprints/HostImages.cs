namespace Interlink.Templates.Blueprints;

/// <summary>Which Amazon Linux 2023 image a host of an instance type runs.</summary>
public static class HostImages
{
    /// <summary>Graviton types (a 'g' after the generation digit: t4g, m7g, c7gn) run arm64; the rest x86_64.</summary>
    public static string Architecture(string instanceType)
    {
        var family = instanceType.Split('.')[0];
        var digit = family.AsSpan().IndexOfAnyInRange('0', '9');
        return digit >= 0 && family[(digit + 1)..].StartsWith('g') ? "arm64" : "x86_64";
    }

    /// <summary>The AL2023 image for <paramref name="instanceType"/>, resolved by CloudFormation from the public SSM parameter.</summary>
    public static string ImageFor(string instanceType) => $"{{{{resolve:ssm:{ImageParameterFor(instanceType)}}}}}";

    /// <summary>
    /// The public SSM parameter holding the current Amazon Linux 2023 AMI for <paramref name="instanceType"/>'s
    /// architecture (Amazon Linux 2023 User Guide, "Launching AL2023 using the SSM parameter and AWS CLI").
    /// </summary>
    public static string ImageParameterFor(string instanceType) =>
        $"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{Architecture(instanceType)}";
}
