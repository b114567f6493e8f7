using Interlink.Analysis.Plan;
using Interlink.Analysis.Quotas;
using Interlink.Analysis.Tests.Support;
using Interlink.Core.Quotas;
using Interlink.Testing;

namespace Interlink.Analysis.Tests;

/// <summary>ILQ001–ILQ005: each synthesized template fits CloudFormation's per-template quotas, or plan fails.</summary>
[Collection(ExamplesCollection.Name)]
public sealed class StackQuotaTests(Examples examples)
{
    private const string Relay = "awsmorocco-relay-us-west-2";

    [Theory]
    [InlineData("seed")]
    [InlineData("fan-out")]
    [InlineData("native")]
    [InlineData("existing-vpcs")]
    [InlineData("single-account")]
    public void Every_example_template_fits_the_per_template_quotas(string example)
    {
        var report = StackQuotaCheck.Run(examples[example]);
        Assert.False(report.HasErrors, string.Join('\n', report.Findings.Select(f => f.Message)));
        Assert.Equal(examples[example].Stacks.Count, report.Checked);
    }

    [Theory]
    [InlineData("Resources", "ILQ001")]
    [InlineData("Parameters", "ILQ002")]
    [InlineData("Outputs", "ILQ003")]
    [InlineData("Mappings", "ILQ004")]
    public void A_section_at_its_quota_fits_and_one_more_entry_is_an_error_that_fails_the_plan(string section, string code)
    {
        var quota = StackQuotaCheck.Codes.Single(c => c.Code == code).Quota;
        var mutable = new MutableAssembly(examples["seed"]);
        FillTo(mutable.Template(Relay), section, quota.Default);
        Assert.False(StackQuotaCheck.Run(mutable.Assembly()).HasErrors);
        Assert.True(PlanRunner.Run(mutable.Assembly(), null, [], 100m).Passed);

        FillTo(mutable.Template(Relay), section, quota.Default + 1);
        var finding = Assert.Single(StackQuotaCheck.Run(mutable.Assembly()).Findings);
        Assert.Equal((code, Relay, quota.Default + 1), (finding.Code, finding.Stack, finding.Used));
        Assert.Contains($"at most {quota.Default}", finding.Message, StringComparison.Ordinal);
        Assert.False(PlanRunner.Run(mutable.Assembly(), null, [], 100m).Passed);
    }

    [Fact]
    public void A_template_over_one_megabyte_is_ILQ005()
    {
        var mutable = new MutableAssembly(examples["seed"]);
        var template = mutable.Template(Relay);
        var size = System.Text.Encoding.UTF8.GetByteCount(template.ToJsonString());
        template["Description"] = template["Description"]!.GetValue<string>() + new string('x', AwsQuotas.TemplateBytesInS3.Default - size + 1);

        var finding = Assert.Single(StackQuotaCheck.Run(mutable.Assembly()).Findings);
        Assert.Equal("ILQ005", finding.Code);
        Assert.Equal(AwsQuotas.TemplateBytesInS3.Default + 1, finding.Used);
    }

    /// <summary>Adds harmless entries to <paramref name="section"/> until it has exactly <paramref name="count"/>.</summary>
    private static void FillTo(JsonObject template, string section, int count)
    {
        if (template[section] is not JsonObject entries)
            template[section] = entries = new JsonObject();
        for (var i = 0; entries.Count < count; i++)
        {
            entries[$"Filler{i}"] = section switch
            {
                "Resources" => new JsonObject { ["Type"] = "AWS::CloudFormation::WaitConditionHandle" },
                "Parameters" => new JsonObject { ["Type"] = "String", ["Default"] = "x" },
                "Outputs" => new JsonObject { ["Value"] = "x" },
                _ => new JsonObject { ["k"] = new JsonObject { ["v"] = "x" } },
            };
        }
    }
}
