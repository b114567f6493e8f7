using System.Text.RegularExpressions;
using Interlink.Core.Model;

namespace Interlink.Core.Validation.Rules;

/// <summary>IL060: <c>name</c> can prefix stack and resource names.</summary>
public sealed partial class DesignNameRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL060";

    /// <inheritdoc />
    public override string Title => "Design name is lowercase letters, digits and hyphens";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var name = context.Config.Name;
        if (name.Length > 0 && !Pattern().IsMatch(name))
            Report(context, "name", $"'{name}' cannot prefix stack and load balancer names",
                $"start with a lowercase letter and use only lowercase letters, digits and single hyphens, e.g. '{Sanitize(name)}'");
    }

    internal static string Sanitize(string name)
    {
        var cleaned = Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
        return cleaned.Length > 0 && char.IsAsciiLetter(cleaned[0]) ? cleaned : "x" + cleaned;
    }

    [GeneratedRegex("^[a-z](?:[a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$")]
    internal static partial Regex Pattern();
}

/// <summary>IL061: names derived from <c>name</c> fit AWS's length limits.</summary>
public sealed class DerivedNameLengthRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL061";

    /// <inheritdoc />
    public override string Title => "Derived NLB, target-group and stack names fit";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var config = context.Config;
        if (config.Name.Length == 0 || !DesignNameRule.Pattern().IsMatch(config.Name))
            return;
        var nlbRegions = config.Mode == DeployMode.Native ? [config.Provider.Region] : config.Relays.Select(r => r.Region).Distinct();
        foreach (var region in nlbRegions.Where(r => r.Length > 0))
        {
            var longest = NameScheme.TargetGroup(config.Name, region);
            if (longest.Length > NameScheme.MaxLoadBalancerName)
            {
                var room = config.Name.Length - (longest.Length - NameScheme.MaxLoadBalancerName);
                Report(context, "name", $"target group name '{longest}' is {longest.Length} characters; AWS allows {NameScheme.MaxLoadBalancerName} for NLB and target-group names",
                    $"shorten 'name' to at most {room} characters");
                return;
            }
        }

        var stacks = config.Consumers.Select(c => NameScheme.ConsumerStack(config.Name, c.Name))
            .Concat(config.Relays.Select(r => NameScheme.RelayStack(config.Name, r.Region)));
        if (stacks.FirstOrDefault(s => s.Length > NameScheme.MaxStackName) is { } tooLong)
            Report(context, "name", $"stack name '{tooLong[..40]}…' is {tooLong.Length} characters; CloudFormation allows {NameScheme.MaxStackName}",
                "shorten 'name' or the consumer names");
    }
}

/// <summary>IL062: consumer names are unique and usable in stack names.</summary>
public sealed class ConsumerNameRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL062";

    /// <inheritdoc />
    public override string Title => "Consumer names are unique and simple";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var consumers = context.Config.Consumers;
        for (var i = 0; i < consumers.Count; i++)
        {
            var name = consumers[i].Name;
            if (name.Length == 0)
                continue;
            if (!DesignNameRule.Pattern().IsMatch(name))
                Report(context, $"consumers[{i}].name", $"'{name}' cannot be part of a stack name",
                    $"use lowercase letters, digits and single hyphens, e.g. '{DesignNameRule.Sanitize(name)}'");
            else if (!seen.TryAdd(name, i))
                Report(context, $"consumers[{i}].name", $"consumer name '{name}' is used twice (first at consumers[{seen[name]}])",
                    "give each consumer its own name");
        }
    }
}

/// <summary>IL070: every suppression names a security rule and says why.</summary>
public sealed partial class SuppressionRule : Rule
{
    /// <summary>Shortest acceptable reason: a word or two is not a reason.</summary>
    public const int MinReasonLength = 10;

    /// <inheritdoc />
    public override string Code => "IL070";

    /// <inheritdoc />
    public override string Title => "Suppressions name a rule and give a reason";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var suppressions = context.Config.Suppressions;
        for (var i = 0; i < suppressions.Count; i++)
        {
            if (!RuleId().IsMatch(suppressions[i].Rule))
                Report(context, $"suppressions[{i}].rule", $"'{suppressions[i].Rule}' is not a security rule ID", "use an ID such as ILS010 (see 'interlink plan' findings)");
            if (suppressions[i].Reason.Trim().Length < MinReasonLength)
                Report(context, $"suppressions[{i}].reason", $"reason '{suppressions[i].Reason}' does not explain the exception",
                    $"say in a sentence (at least {MinReasonLength} characters) why the finding is acceptable");
        }
    }

    [GeneratedRegex("^ILS[0-9]{3}$")]
    private static partial Regex RuleId();
}

/// <summary>IL063: <c>deployment.bootstrapQualifier</c> is one <c>cdk bootstrap</c> accepts.</summary>
public sealed partial class BootstrapQualifierRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL063";

    /// <inheritdoc />
    public override string Title => "Bootstrap qualifier is up to 10 letters, digits, hyphens or underscores";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var qualifier = context.Config.Deployment.BootstrapQualifier;
        if (!Pattern().IsMatch(qualifier))
            Report(context, "deployment.bootstrapQualifier", $"'{qualifier}' cannot be a CDK bootstrap qualifier, so no bootstrap role is named with it",
                $"use the qualifier you gave 'cdk bootstrap --qualifier' (letters, digits, - and _, at most 10), or remove the key for the default '{DeploymentSpec.DefaultQualifier}'");
    }

    // The CDK bootstrap template's Qualifier parameter: AllowedPattern "[A-Za-z0-9_-]{1,10}" (aws-cdk bootstrap-template.yaml).
    [GeneratedRegex("^[A-Za-z0-9_-]{1,10}$")]
    private static partial Regex Pattern();
}
