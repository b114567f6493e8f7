using System.Text.RegularExpressions;
using Interlink.Core.Catalog;
using Interlink.Core.Loading;
using Interlink.Core.Networking;

namespace Interlink.Core.Validation.Rules;

/// <summary>IL010: every CIDR is a valid IPv4 network.</summary>
public sealed class CidrSyntaxRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL010";

    /// <inheritdoc />
    public override string Title => "CIDRs are valid IPv4 networks";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        foreach (var site in context.Vpcs)
        {
            var vpc = site.Vpc;
            Check(context, $"{site.Path}.cidr", vpc.Cidr);
            for (var i = 0; i < vpc.PrivateSubnets.Count; i++)
                Check(context, $"{site.Path}.privateSubnets[{i}]", vpc.PrivateSubnets[i]);
            for (var i = 0; i < vpc.PublicSubnets.Count; i++)
                Check(context, $"{site.Path}.publicSubnets[{i}]", vpc.PublicSubnets[i]);
            for (var i = 0; i < vpc.Subnets.Count; i++)
                Check(context, $"{site.Path}.subnets[{i}].cidr", vpc.Subnets[i].Cidr);
        }
    }

    private void Check(ValidationContext context, string path, string? text)
    {
        if (text is null || Ipv4Cidr.TryParse(text, out _, out var problem))
            return;
        var fix = problem.StartsWith("has host bits", StringComparison.Ordinal)
            ? $"write the network address: {problem[(problem.IndexOf("is ", StringComparison.Ordinal) + 3)..^1]}"
            : "write an IPv4 network as a.b.c.d/nn, e.g. 10.10.0.0/16";
        Report(context, path, $"'{text}' {problem}", fix);
    }
}

/// <summary>IL011: account IDs are 12 digits.</summary>
public sealed partial class AccountIdRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL011";

    /// <inheritdoc />
    public override string Title => "Account IDs are 12 digits";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        Check(context, "provider.account", config.Provider.Account);
        for (var i = 0; i < config.Relays.Count; i++)
            Check(context, $"relays[{i}].account", config.Relays[i].Account);
        for (var i = 0; i < config.Consumers.Count; i++)
            Check(context, $"consumers[{i}].account", config.Consumers[i].Account);
        Check(context, "deployment.account", config.Deployment.Account);
    }

    private void Check(ValidationContext context, string path, string? account)
    {
        if (account is null || TwelveDigits().IsMatch(account))
            return;
        Report(context, path, $"'{account}' is not a 12-digit AWS account ID",
            "write the account ID in quotes with all 12 digits, leading zeros included, e.g. \"012345678901\"");
    }

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex TwelveDigits();
}

/// <summary>IL012: ports are 1–65535.</summary>
public sealed class PortRangeRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL012";

    /// <inheritdoc />
    public override string Title => "Ports are between 1 and 65535";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var service = context.Config.Service;
        Check(context, "service.port", service.Port);
        Check(context, "service.targetPort", service.TargetPort);
        if (service.HealthCheck.Port is { } port)
            Check(context, "service.healthCheck.port", port);
    }

    private void Check(ValidationContext context, string path, int port)
    {
        if (port is < 1 or > 65535)
            Report(context, path, $"port {port} is outside 1–65535", "use a TCP port between 1 and 65535");
    }
}

/// <summary>IL013: Regions are known commercial AWS Regions.</summary>
public sealed class KnownRegionRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL013";

    /// <inheritdoc />
    public override string Title => "Regions are known commercial AWS Regions";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        Check(context, "provider.region", config.Provider.Region);
        for (var i = 0; i < config.Relays.Count; i++)
            Check(context, $"relays[{i}].region", config.Relays[i].Region);
        for (var i = 0; i < config.Consumers.Count; i++)
            Check(context, $"consumers[{i}].region", config.Consumers[i].Region);
    }

    private void Check(ValidationContext context, string path, string region)
    {
        // An empty Region was already reported as missing (IL005).
        if (region.Length == 0 || RegionCatalog.Find(region) is not null)
            return;
        Report(context, path, $"'{region}' is not a commercial AWS Region{Suggest.DidYouMean(region, RegionCatalog.Codes)}",
            $"use a Region code such as us-east-1 (catalog checked {RegionCatalog.CheckedOn}; run 'interlink regions' to list them)");
    }
}
