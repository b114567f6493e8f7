using System.Text.RegularExpressions;
using Interlink.Cdk.Tests.Support;
using Interlink.Core.Model;
using Interlink.Core.Wiring;

namespace Interlink.Cdk.Tests;

/// <summary>interlink.wiring.json: deploy phases, and a source for every template parameter.</summary>
[Collection(CdkCollection.Name)]
public sealed partial class WiringManifestTests(ExampleAssemblies examples)
{
    /// <summary>Parameters the deployer supplies itself (the published sample service), not another stack.</summary>
    private static readonly HashSet<string> DeployInputs =
        [ProviderStack.BundleBucketParameter, ProviderStack.BundleKeyParameter, ProviderStack.BundleSha256Parameter, ProviderStack.ImageIdParameter];

    [Theory]
    [MemberData(nameof(Examples.Relay), MemberType = typeof(Examples))]
    public void Relay_mode_deploys_the_provider_then_the_relays_then_provider_routes_beside_the_consumers(string example)
    {
        var x = examples[example];
        var name = x.Config.Name;

        Assert.Equal("relay", x.Wiring.Mode);
        Assert.Equal([1, 2, 3], x.Wiring.Phases.Select(p => p.Index));
        Assert.Equal([NameScheme.ProviderStack(name)], x.Wiring.Phases[0].Stacks);
        Sets.Equal(x.Config.Relays.Select(r => NameScheme.RelayStack(name, r.Region)), x.Wiring.Phases[1].Stacks, "phase 2");
        Sets.Equal(
            x.Config.Consumers.Select(c => NameScheme.ConsumerStack(name, c.Name)).Prepend(NameScheme.ProviderRoutesStack(name)),
            x.Wiring.Phases[2].Stacks,
            "phase 3");
    }

    [Fact]
    public void Native_mode_deploys_the_provider_then_the_consumers()
    {
        var x = examples[Examples.Native];

        Assert.Equal("native", x.Wiring.Mode);
        Assert.Equal([1, 2], x.Wiring.Phases.Select(p => p.Index));
        Assert.Equal([NameScheme.ProviderStack(x.Config.Name)], x.Wiring.Phases[0].Stacks);
        Sets.Equal(x.Config.Consumers.Select(c => NameScheme.ConsumerStack(x.Config.Name, c.Name)), x.Wiring.Phases[1].Stacks, "phase 2");
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Every_stack_in_the_manifest_has_its_template_and_every_template_is_in_the_manifest(string example)
    {
        var x = examples[example];
        Sets.Equal(x.Wiring.Stacks.Keys, x.Templates.Keys, "stacks");
        foreach (var (name, stack) in x.Wiring.Stacks)
        {
            Assert.Equal($"{name}.template.json", stack.Template);
            Assert.Contains(name, x.Wiring.Phases.Single(p => p.Index == stack.Phase).Stacks);
        }

        Assert.Equal(x.Wiring.Stacks.Count, x.Wiring.Phases.Sum(p => p.Stacks.Count));
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Every_template_parameter_is_fed_by_a_declared_output_of_an_earlier_phase_or_is_a_deploy_input(string example)
    {
        var x = examples[example];
        foreach (var (name, stack) in x.Wiring.Stacks)
        {
            var template = x.Templates[name];
            // AZ names of existing subnets: deploy reads each from the subnet the template's metadata names.
            var zoneNames = template.Root.TryGetProperty("Metadata", out var metadata) && metadata.TryGetProperty(Core.Wiring.ZoneNameInput.SourcesMetadataKey, out var sources)
                ? sources.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var parameter in template.Parameters.Keys)
            {
                if (DeployInputs.Contains(parameter) || zoneNames.Contains(parameter))
                {
                    Assert.False(stack.Parameters.ContainsKey(parameter), $"{name}: deploy input {parameter} must not be wired");
                    continue;
                }

                Assert.True(stack.Parameters.TryGetValue(parameter, out var source), $"{name}: parameter {parameter} has no source in the wiring manifest");
                var sourceStack = x.Wiring.Stacks[source.Stack];
                Assert.True(sourceStack.Phase < stack.Phase, $"{name} (phase {stack.Phase}) reads {source.Stack} (phase {sourceStack.Phase})");
                Assert.Contains(source.Output, sourceStack.Outputs);
                Assert.True(x.Templates[source.Stack].Outputs.ContainsKey(source.Output), $"{source.Stack} does not declare output {source.Output}");
            }

            foreach (var wired in stack.Parameters.Keys)
                Assert.True(template.Parameters.ContainsKey(wired), $"{name}: the manifest wires {wired}, which the template does not declare");
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Manifest_lists_exactly_the_outputs_each_template_declares(string example)
    {
        var x = examples[example];
        foreach (var (name, stack) in x.Wiring.Stacks)
            Sets.Equal(stack.Outputs, x.Templates[name].Outputs.Keys, $"{name}: outputs");
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void Hosts_created_by_Interlink_take_the_service_bundle_as_deploy_inputs(string example)
    {
        var provider = examples[example].Provider;

        Assert.Subset(provider.Parameters.Keys.ToHashSet(), DeployInputs);
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Stacks_deploy_to_the_account_and_Region_of_their_part_of_the_design(string example)
    {
        var x = examples[example];
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(x.Directory, "manifest.json")));
        var artifacts = manifest.RootElement.GetProperty("artifacts");
        foreach (var (name, stack) in x.Wiring.Stacks)
        {
            var (account, region) = stack.Role switch
            {
                StackRoles.Relay => (x.RelayIn(stack.Region).Network.Account, x.RelayIn(stack.Region).Network.Region),
                StackRoles.Consumer => x.Topology.Consumers.Where(c => NameScheme.ConsumerStack(x.Config.Name, c.Name) == name).Select(c => (c.Network.Account, c.Network.Region)).Single(),
                _ => (x.Topology.Provider.Account, x.Topology.Provider.Region),
            };
            Assert.Equal(account, stack.Account);
            Assert.Equal(region, stack.Region);
            Assert.Equal($"aws://{account ?? "unknown-account"}/{region}", artifacts.GetProperty(name).GetProperty("environment").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void No_template_references_another_stacks_resources(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            var local = template.Resources.Select(r => r.LogicalId).Concat(template.Parameters.Keys).ToHashSet(StringComparer.Ordinal);
            foreach (var (path, element) in Json.Walk(template.Root))
            {
                if (element.ValueKind != JsonValueKind.Object)
                    continue;
                Assert.False(element.TryGetProperty("Fn::ImportValue", out _), $"{template.StackName}{path}: Fn::ImportValue");
                if (Json.RefName(element) is { } reference && !reference.StartsWith("AWS::", StringComparison.Ordinal))
                    Assert.True(local.Contains(reference), $"{template.StackName}{path}: Ref {reference} is not in this template");
                if (Json.GetAttTarget(element) is { } target)
                    Assert.True(template.Resources.Any(r => r.LogicalId == target), $"{template.StackName}{path}: GetAtt {target} is not in this template");
                if (element.TryGetProperty("Fn::Sub", out var sub))
                {
                    var body = sub.ValueKind == JsonValueKind.Array ? sub[0] : sub;
                    var variables = sub.ValueKind == JsonValueKind.Array ? sub[1].EnumerateObject().Select(p => p.Name).ToHashSet() : [];
                    if (body.ValueKind != JsonValueKind.String)
                        continue; // reported by Every_Fn_Sub_template_is_a_literal_string
                    foreach (var name in SubVariables().Matches(body.GetString()!).Select(m => m.Groups[1].Value.Split('.')[0]))
                    {
                        Assert.True(
                            name.StartsWith("AWS::", StringComparison.Ordinal) || variables.Contains(name) || local.Contains(name),
                            $"{template.StackName}{path}: ${{{name}}} is not in this template");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Every_Fn_Sub_template_is_a_literal_string(string example)
    {
        // CloudFormation rejects a function in Fn::Sub's string: "Specify a string as first argument".
        foreach (var template in examples[example].Templates.Values)
        {
            foreach (var (path, sub) in Json.FindProperty(template.Root, "Fn::Sub"))
            {
                var body = sub.ValueKind == JsonValueKind.Array ? sub[0] : sub;
                Assert.True(body.ValueKind == JsonValueKind.String, $"{template.StackName}{path}: {sub.GetRawText()}");
            }
        }
    }

    [GeneratedRegex(@"\$\{([^}!]+)\}")]
    private static partial Regex SubVariables();
}
