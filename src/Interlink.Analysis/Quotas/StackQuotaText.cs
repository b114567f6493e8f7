namespace Interlink.Analysis.Quotas;

/// <summary>The per-template quota section of a text plan.</summary>
public static class StackQuotaText
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="writer"/>.</summary>
    public static void Write(TextWriter writer, StackQuotaReport report)
    {
        if (!report.HasErrors)
        {
            writer.WriteLine($"CloudFormation quotas: {report.Checked} templates within resources, parameters, outputs, mappings and size per template");
            return;
        }

        writer.WriteLine($"CloudFormation quotas: {report.Findings.Count} error(s)");
        foreach (var f in report.Findings)
            writer.WriteLine($"  error {f.Code} {f.Stack}: {f.Message}; fix: {f.Fix}");
    }
}
