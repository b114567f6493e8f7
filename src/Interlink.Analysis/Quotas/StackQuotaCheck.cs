using System.Text.Json;
using Interlink.Analysis.Assembly;
using Interlink.Core.Quotas;

namespace Interlink.Analysis.Quotas;

/// <summary>One synthesized template over a CloudFormation per-template quota (none of them can be raised).</summary>
/// <param name="Code">Stable code: ILQ001 resources, ILQ002 parameters, ILQ003 outputs, ILQ004 mappings, ILQ005 template size.</param>
/// <param name="Stack">The stack whose template is over.</param>
/// <param name="Quota">The quota.</param>
/// <param name="Used">What the template declares (or its size in bytes).</param>
public sealed record StackQuotaFinding(string Code, string Stack, AwsQuota Quota, int Used)
{
    /// <summary>One sentence for reports.</summary>
    public string Message => $"template of {Stack} declares {Used} {Quota.Name.ToLowerInvariant()}; CloudFormation accepts at most {Quota.Default} per template and no request raises it";

    /// <summary>What to change.</summary>
    public string Fix => "split the design so fewer resources land in one stack (e.g. fewer consumers per relay), or move parts into nested stacks";
}

/// <summary>The per-template quota findings of an assembly.</summary>
/// <param name="Findings">Every template over a quota; empty when all fit.</param>
/// <param name="Checked">How many templates were checked.</param>
public sealed record StackQuotaReport(IReadOnlyList<StackQuotaFinding> Findings, int Checked)
{
    /// <summary>No templates checked, nothing found.</summary>
    public static StackQuotaReport Empty { get; } = new([], 0);

    /// <summary>True when a template is over a quota: CloudFormation would reject the stack.</summary>
    public bool HasErrors => Findings.Count > 0;
}

/// <summary>
/// Checks each synthesized template against the CloudFormation quotas that apply per template (from
/// <see cref="AwsQuotas"/>, sourced from "AWS CloudFormation quotas"): what validation cannot count from the config,
/// because the templates hold every resource the constructs add.
/// </summary>
public static class StackQuotaCheck
{
    /// <summary>Codes by quota.</summary>
    public static IReadOnlyList<(string Code, AwsQuota Quota)> Codes { get; } =
    [
        ("ILQ001", AwsQuotas.ResourcesPerTemplate),
        ("ILQ002", AwsQuotas.ParametersPerTemplate),
        ("ILQ003", AwsQuotas.OutputsPerTemplate),
        ("ILQ004", AwsQuotas.MappingsPerTemplate),
        ("ILQ005", AwsQuotas.TemplateBytesInS3),
    ];

    /// <summary>Checks every template of <paramref name="assembly"/>.</summary>
    public static StackQuotaReport Run(CloudAssembly assembly)
    {
        var findings = new List<StackQuotaFinding>();
        foreach (var stack in assembly.Stacks.Values)
        {
            // The template's own text (as written to the assembly, or as edited), which is what the CDK CLI uploads.
            var bytes = stack.Template.ValueKind == JsonValueKind.Undefined ? 0 : System.Text.Encoding.UTF8.GetByteCount(stack.Template.GetRawText());
            var used = new[]
            {
                Count(stack.Template, "Resources"), Count(stack.Template, "Parameters"), Count(stack.Template, "Outputs"),
                Count(stack.Template, "Mappings"), bytes,
            };
            for (var i = 0; i < Codes.Count; i++)
            {
                if (used[i] > Codes[i].Quota.Default)
                    findings.Add(new StackQuotaFinding(Codes[i].Code, stack.Name, Codes[i].Quota, used[i]));
            }
        }

        return new StackQuotaReport(findings, assembly.Stacks.Count);
    }

    private static int Count(JsonElement template, string section) =>
        template.ValueKind == JsonValueKind.Object && template.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object
            ? s.EnumerateObject().Count()
            : 0;
}
