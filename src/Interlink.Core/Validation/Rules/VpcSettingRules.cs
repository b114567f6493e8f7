using System.Text.RegularExpressions;

namespace Interlink.Core.Validation.Rules;

/// <summary>IL021: NAT gateway count fits the VPC.</summary>
public sealed class NatGatewayRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL021";

    /// <inheritdoc />
    public override string Title => "NAT gateways: 0 to one per AZ";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            if (site.Vpc.NatGateways is not { } nat)
                continue;
            var azs = site.Vpc.Azs.Count;
            if (nat < 0 || nat > azs)
                Report(context, $"{site.Path}.natGateways", $"{nat} NAT gateways for {azs} AZ{(azs == 1 ? "" : "s")}; each NAT gateway sits in one AZ's public subnet",
                    $"use 0 to {azs} (1 is cheapest; one per AZ survives an AZ failure)");
        }
    }
}

/// <summary>IL023: IDs of existing resources have the AWS shape.</summary>
public sealed partial class ExistingIdRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL023";

    /// <inheritdoc />
    public override string Title => "Existing resource IDs are well formed";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            var vpc = site.Vpc;
            if (!vpc.IsExisting)
                continue;
            Check(context, $"{site.Path}.id", vpc.Id, "vpc");
            Check(context, $"{site.Path}.hostSecurityGroupId", vpc.HostSecurityGroupId, "sg");
            for (var i = 0; i < vpc.Subnets.Count; i++)
            {
                Check(context, $"{site.Path}.subnets[{i}].id", vpc.Subnets[i].Id, "subnet");
                Check(context, $"{site.Path}.subnets[{i}].routeTableId", vpc.Subnets[i].RouteTableId, "rtb");
            }
        }
    }

    private void Check(ValidationContext context, string path, string? id, string prefix)
    {
        if (id is null || AwsId().Match(id) is { Success: true } m && m.Groups[1].Value == prefix)
            return;
        Report(context, path, $"'{id}' is not a {prefix}- ID", $"write the ID as shown by the AWS console, e.g. {prefix}-0123456789abcdef0");
    }

    [GeneratedRegex("^([a-z]+)-(?:[0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex AwsId();
}

/// <summary>IL022: health-check settings are within the NLB's limits.</summary>
public sealed class HealthCheckRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL022";

    /// <inheritdoc />
    public override string Title => "Health check within NLB limits";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var check = context.Config.Service.HealthCheck;
        const string at = "service.healthCheck";
        if (check.IntervalSeconds is < 5 or > 300)
            Report(context, $"{at}.interval", $"interval {check.IntervalSeconds} s is outside 5–300 s", "use 5 to 300 seconds (10 is Interlink's default)");
        if (check.HealthyThreshold is < 2 or > 10)
            Report(context, $"{at}.healthyThreshold", $"healthy threshold {check.HealthyThreshold} is outside 2–10", "use 2 to 10 checks");
        if (check.UnhealthyThreshold is < 2 or > 10)
            Report(context, $"{at}.unhealthyThreshold", $"unhealthy threshold {check.UnhealthyThreshold} is outside 2–10", "use 2 to 10 checks");
        if (check.Protocol == Model.HealthCheckProtocol.Tcp && check.Path is not null)
            Report(context, $"{at}.path", $"path '{check.Path}' is set but a TCP health check sends no request", "remove 'path', or set 'protocol: http'");
        else if (check.Path is { } path && (!path.StartsWith('/') || path.Length > 1024 || path.Any(char.IsWhiteSpace)))
            Report(context, $"{at}.path", $"path '{path}' is not a URL path", "start the path with '/', e.g. /health");
    }
}

/// <summary>IL026: tags are ones CloudFormation accepts.</summary>
public sealed class TagRule : Rule
{
    /// <summary>Tags Interlink adds itself; user tags share the 50-per-resource limit with them.</summary>
    public const int MaxUserTags = 40;

    /// <inheritdoc />
    public override string Code => "IL026";

    /// <inheritdoc />
    public override string Title => "Tags are valid AWS tags";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var tags = context.Config.Tags;
        if (tags.Count > MaxUserTags)
            Report(context, "tags", $"{tags.Count} tags; AWS allows 50 per resource and Interlink adds its own", $"keep at most {MaxUserTags} tags");
        foreach (var (key, value) in tags)
        {
            var path = $"tags.{key}";
            if (key.Length is 0 or > 128)
                Report(context, path, $"tag key '{key}' is {key.Length} characters", "use a tag key of 1 to 128 characters");
            else if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
                Report(context, path, $"tag key '{key}' uses the reserved 'aws:' prefix", "choose a key without the 'aws:' prefix");
            if (value.Length > 256)
                Report(context, path, $"tag value of '{key}' is {value.Length} characters", "use a tag value of at most 256 characters");
        }
    }
}

/// <summary>IL027: when any account is named, the provider's is too, so every party's account is known.</summary>
public sealed class AccountConsistencyRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL027";

    /// <inheritdoc />
    public override string Title => "Provider account given when others are";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        if (config.Provider.Account is not null)
            return;
        var others = config.Relays.Select(r => r.Account).Concat(config.Consumers.Select(c => c.Account)).OfType<string>().Distinct().ToList();
        if (others.Count > 0)
            Report(context, "provider.account", $"no provider account, but other parties name accounts ({string.Join(", ", others)}); an omitted account means the provider's",
                "add 'account: \"<12 digits>\"' to provider");
    }
}

/// <summary>IL028: a consumer's friendly DNS name is a valid DNS name.</summary>
public sealed partial class HostedZoneRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL028";

    /// <inheritdoc />
    public override string Title => "Hosted-zone names are DNS names";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        for (var i = 0; i < context.Config.Consumers.Count; i++)
        {
            if (context.Config.Consumers[i].HostedZone is { } zone && (zone.Length > 253 || !DnsName().IsMatch(zone.ToLowerInvariant())))
                Report(context, $"consumers[{i}].hostedZone", $"'{zone}' is not a DNS name", "use a name like orders.internal.example.com");
        }
    }

    [GeneratedRegex("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?\\.?$")]
    private static partial Regex DnsName();
}
