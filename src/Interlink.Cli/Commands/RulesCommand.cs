using Interlink.Analysis.Deployability;
using Interlink.Analysis.Diff;
using Interlink.Analysis.Quotas;
using Interlink.Analysis.Reachability;
using Interlink.Analysis.Security;
using Interlink.Core.Quotas;
using Interlink.Core.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Interlink.Cli.Commands;

/// <summary>
/// <c>interlink rules</c>: every code Interlink reports — validation codes (IL…), security rules (ILS…) with their
/// rationale and fix, deployability codes (ILD…), the reachability explanation codes <c>plan</c> uses, and the update
/// consequences <c>diff</c> reports.
/// </summary>
public sealed class RulesCommand(IAnsiConsole console) : Command<EmptyCommandSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken)
    {
        List<Section> sections =
        [
            new("validation (interlink validate)", ["Code", "Severity", "Checks"],
                RuleCatalog.All.Select(r => new[] { r.Code, r.Severity, r.Title }).ToList()),
            new("security rules (interlink plan; suppress with a reason under 'suppressions')", ["ID", "Severity", "Rule", "Why", "Fix"],
                SecurityRules.All.Select(r => new[] { r.Id, r.Severity.ToString().ToLowerInvariant(), r.Title, r.Rationale, r.Fix }).ToList()),
            new("deployability codes (interlink plan: deploy-time handshakes and Lambda runtimes)", ["Code", "Severity", "Finding", "Why", "Fix"],
                DeployabilityRules.All.Select(r => new[] { r.Id, r.Severity.ToString().ToLowerInvariant(), r.Title, r.Rationale, r.Fix }).ToList()),
            new("reachability explanation codes (interlink plan)", ["Code", "Meaning"],
                ExplanationCodes.All.Select(x => new[] { x.Key, x.Value }).ToList()),
            new("update consequences (interlink diff)", ["Code", "Meaning", "What it means"],
                UpdateConsequences.Codes.Select(x => new[] { x.Code, x.Kind.ToString(), x.Title }).ToList()),
            new($"CloudFormation per-template quotas (interlink plan; AWS quotas read {AwsQuotas.Date:yyyy-MM-dd})", ["Code", "Severity", "Quota", "Limit"],
                StackQuotaCheck.Codes.Select(x => new[] { x.Code, "error", x.Quota.Name, x.Quota.Default.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture) }).ToList()),
        ];

        // Tables with a Why and a Fix column are ~380 columns wide: on a terminal they wrap to its width, but piped
        // into a pager, grep or a file they are unreadable, so redirected output is a list, one code per line.
        if (InterlinkApp.IsRedirected(console))
            sections.ForEach(WriteList);
        else
            sections.ForEach(WriteTable);
        return ExitCodes.Ok;
    }

    private void WriteTable(Section section)
    {
        var table = new Table().Title(section.Title).AddColumns(section.Columns);
        foreach (var row in section.Rows)
            table.AddRow(row.Select(Markup.Escape).ToArray());
        console.Write(table);
    }

    /// <summary>Code, severity and title on one line; longer columns (why, fix, limit) indented below it.</summary>
    private void WriteList(Section section)
    {
        var writer = console.Profile.Out.Writer;
        writer.WriteLine(section.Title);
        var onTheLine = Math.Min(3, section.Columns.Length);
        foreach (var row in section.Rows)
        {
            writer.WriteLine("  " + string.Join("  ", row.Take(onTheLine)));
            for (var i = onTheLine; i < row.Length; i++)
                writer.WriteLine($"      {section.Columns[i].ToLowerInvariant()}: {row[i]}");
        }

        writer.WriteLine();
    }

    private sealed record Section(string Title, string[] Columns, List<string[]> Rows);
}
