using Interlink.Analysis.Deployability;
using Interlink.Analysis.Tests.Support;
using Interlink.Testing;

namespace Interlink.Analysis.Tests.Deployability;

/// <summary>Lambda functions on a runtime past its create-block date fail plan; past its deprecation date they warn.</summary>
[Collection(ExamplesCollection.Name)]
public sealed class LambdaRuntimeTests(Examples examples)
{
    private static MutableAssembly WithFunction(Examples examples, string runtime)
    {
        var assembly = new MutableAssembly(examples["seed"]);
        assembly.Resources("awsmorocco-provider")["Provider"] = JsonNode.Parse($$"""
            { "Type": "AWS::Lambda::Function", "Properties": { "Runtime": "{{runtime}}", "Handler": "index.handler", "Code": { "ZipFile": "x" }, "Role": "arn:aws:iam::111111111111:role/r" } }
            """);
        return assembly;
    }

    [Fact]
    public void The_runtime_table_names_its_aws_source_and_date()
    {
        Assert.Contains("https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html", LambdaRuntimes.Source, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 4, 30), LambdaRuntimes.All["nodejs20.x"].Deprecated);
        Assert.Equal(new DateOnly(2027, 2, 1), LambdaRuntimes.All["nodejs20.x"].CreateBlocked);
    }

    [Fact]
    public void A_runtime_past_its_create_block_date_is_an_error()
    {
        var findings = DeployabilityAnalyzer.Runtimes(WithFunction(examples, "nodejs20.x").Assembly(), new DateOnly(2027, 2, 1)).ToList();

        var f = Assert.Single(findings);
        Assert.Equal(DeployabilityRules.RuntimeBlocked.Id, f.Code);
        Assert.Equal(DeployabilitySeverity.Error, f.Severity);
        Assert.Equal(("awsmorocco-provider", "Provider"), (f.Stack, f.LogicalId));
        Assert.Contains("nodejs20.x", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deprecated_runtime_not_yet_blocked_is_a_warning()
    {
        var f = Assert.Single(DeployabilityAnalyzer.Runtimes(WithFunction(examples, "nodejs20.x").Assembly(), new DateOnly(2026, 11, 30)));

        Assert.Equal(DeployabilityRules.RuntimeDeprecated.Id, f.Code);
        Assert.Contains("from 2027-02-01", f.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_supported_runtime_is_not_reported()
    {
        Assert.Empty(DeployabilityAnalyzer.Runtimes(WithFunction(examples, "nodejs22.x").Assembly(), new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void A_blocked_runtime_makes_the_plan_fail()
    {
        var plan = Interlink.Analysis.Plan.PlanRunner.Run(WithFunction(examples, "nodejs18.x").Assembly(), null, [], 100, new DateOnly(2027, 3, 1));

        Assert.Contains(plan.Deployability.Findings, f => f.Code == DeployabilityRules.RuntimeBlocked.Id && f.Severity == DeployabilitySeverity.Error);
        Assert.True(plan.Deployability.HasErrors);
        Assert.False(plan.Passed);
    }
}
