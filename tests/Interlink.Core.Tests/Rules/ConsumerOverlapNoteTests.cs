using System.Diagnostics;
using System.Text;

namespace Interlink.Core.Tests.Rules;

/// <summary>
/// IL031 with many consumers sharing one CIDR: each note names a few of the others and counts the rest, so the
/// report grows with the number of consumers, not with its square (a 20 MB config of this shape grew to 19 GB).
/// </summary>
public class ConsumerOverlapNoteTests
{
    private static string ManyConsumers(int count)
    {
        var text = new StringBuilder("""
            name: many
            mode: native
            service: { port: 80 }
            provider:
              region: us-east-1
              vpc: { cidr: 10.10.0.0/16, azs: [use1-az1, use1-az2] }
            consumers:

            """);
        for (var i = 0; i < count; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{ name: c{i}, region: us-west-2, vpc: {{ cidr: 10.20.0.0/16, azs: [usw2-az1] }} }}\n");
        return text.ToString();
    }

    [Fact]
    public void A_note_names_at_most_three_overlapping_VPCs_and_counts_the_rest()
    {
        var report = ManyConsumers(6).Validate();
        var notes = report.Diagnostics.Where(d => d.Code == "IL031").ToList();
        Assert.Equal(6, notes.Count);
        Assert.Contains("and 2 more", notes[0].Message, StringComparison.Ordinal);
        Assert.Contains("c1", notes[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c4", notes[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_thousand_consumers_sharing_a_CIDR_give_a_report_linear_in_size()
    {
        var watch = Stopwatch.StartNew();
        var report = ManyConsumers(2_000).Validate();
        var notes = report.Diagnostics.Where(d => d.Code == "IL031").ToList();
        Assert.Equal(2_000, notes.Count);
        Assert.All(notes, n => Assert.True(n.Message.Length < 400, n.Message));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
