namespace Interlink.Core.Model;

/// <summary>What the NLB sends traffic to: hosts Interlink runs, or the user's own IPs.</summary>
/// <param name="Instances">Number of sample-service hosts to create; null when <paramref name="Ips"/> is used.</param>
/// <param name="Ips">Private IPs of the user's own service in the provider's private subnets.</param>
/// <param name="InstanceType">EC2 instance type of created hosts; default <c>t4g.micro</c>.</param>
/// <param name="ImageId">
/// AMI of created hosts, pinned in the template; null: a deploy input (<c>ServiceHostImageId</c>) that <c>deploy</c>
/// resolves once from the public Amazon Linux 2023 parameter and then reuses, so no update replaces a fixed-IP host.
/// </param>
public sealed record TargetsSpec(int? Instances, IReadOnlyList<string> Ips, string InstanceType = "t4g.micro", string? ImageId = null);
