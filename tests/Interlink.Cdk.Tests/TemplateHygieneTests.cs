using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests;

/// <summary>Properties every template of every example must have, whatever the stack.</summary>
[Collection(CdkCollection.Name)]
public sealed class TemplateHygieneTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void No_template_writes_the_commercial_partition_into_an_ARN(string example)
    {
        // aws-cn and aws-us-gov accounts reject "arn:aws:…": every ARN takes ${AWS::Partition} (or the AWS::Partition pseudo parameter).
        foreach (var template in examples[example].Templates.Values)
        {
            var literal = Json.Walk(template.Root)
                .Where(e => e.Element.ValueKind == JsonValueKind.String && e.Element.GetString()!.Contains("arn:aws:", StringComparison.Ordinal))
                .Select(e => $"{e.Path} = {e.Element.GetString()}")
                .ToList();
            Assert.True(literal.Count == 0, $"{template.StackName}:\n{string.Join("\n", literal)}");
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void No_template_holds_a_Lambda_function_or_a_custom_resource(string example)
    {
        // AWS blocks creating functions on deprecated runtimes (nodejs20.x, which CDK 2.160's AwsCustomResource picks, since
        // 2026-08-31); deploy does through the SDK what a custom resource would, so no template carries a runtime at all.
        foreach (var template in examples[example].Templates.Values)
        {
            var offending = template.Resources
                .Where(r => r.Type.StartsWith("AWS::Lambda::", StringComparison.Ordinal) || r.Type.StartsWith("Custom::", StringComparison.Ordinal)
                    || r.Type == "AWS::CloudFormation::CustomResource")
                .Select(r => $"{r.LogicalId} ({r.Type})")
                .ToList();
            Assert.True(offending.Count == 0, $"{template.StackName}: {string.Join(", ", offending)}");
        }
    }

    [Fact]
    public void The_examples_include_a_relay_that_asks_for_peering_DNS()
    {
        // Peering DNS is what used to need a custom resource: the theories above must see a design that turns it on.
        Assert.Contains(examples[Examples.FanOut].Topology.Relays, r => r.PeeringDns);
    }
}
