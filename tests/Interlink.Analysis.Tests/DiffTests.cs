using Interlink.Analysis.Assembly;
using Interlink.Analysis.Diff;
using Interlink.Analysis.Tests.Support;
using Interlink.Testing;

namespace Interlink.Analysis.Tests;

/// <summary>
/// <c>diff</c>: what deploying one design over another changes, with CloudFormation's update behaviour per
/// property, the replacements that follow from new physical IDs, and what they mean for consumers.
/// </summary>
[Collection(ExamplesCollection.Name)]
public class DiffTests(Examples examples)
{
    private static readonly string Seed = File.ReadAllText(Interlink.Testing.RepoRoot.Example("seed.yaml"));

    private const string SecondConsumer = """
          - name: west-two
            account: "444444444444"
            region: us-west-2
            vpc: { cidr: 10.13.0.0/16, azs: [usw2-az1, usw2-az2] }
        """;

    private CloudAssembly SeedAssembly => examples["seed"];

    private CloudAssembly WithSecondConsumer => examples.FromText("two-consumers", Seed.Replace("tags:", SecondConsumer + "\ntags:", StringComparison.Ordinal));

    [Fact]
    public void The_same_config_synthesized_twice_changes_nothing()
    {
        var diff = DiffEngine.Compare(SeedAssembly, examples.FromText("seed-again", Seed));

        Assert.False(diff.HasChanges);
        Assert.All(diff.Stacks, s => Assert.Equal(StackChange.Unchanged, s.Change));
        Assert.Empty(diff.Consequences);
    }

    [Fact]
    public void Adding_a_consumer_creates_its_stack_updates_its_relay_and_replaces_nothing()
    {
        var diff = DiffEngine.Compare(SeedAssembly, WithSecondConsumer);

        var added = Assert.Single(diff.Stacks, s => s.Change == StackChange.Added);
        Assert.EndsWith("consumer-west-two", added.Name, StringComparison.Ordinal);
        var relay = Assert.Single(diff.Stacks, s => s.Role == "relay");
        Assert.Equal(StackChange.Modified, relay.Change);
        Assert.Equal(StackChange.Unchanged, Assert.Single(diff.Stacks, s => s.Role == "provider").Change);
        Assert.Equal(StackChange.Unchanged, Assert.Single(diff.Stacks, s => s.Name.EndsWith("consumer-west", StringComparison.Ordinal)).Change);
        Assert.DoesNotContain(diff.Stacks.SelectMany(s => s.Resources), r => r.Change is ResourceChange.Replaced or ResourceChange.MayBeReplaced or ResourceChange.Removed);
        Assert.False(diff.FailsOrDisrupts, string.Join("\n", diff.Consequences.Select(c => c.Message)));
    }

    [Fact]
    public void A_new_target_port_replaces_the_relay_target_group_and_interrupts_the_consumer_until_the_relay_is_updated()
    {
        var diff = DiffEngine.Compare(SeedAssembly, examples.FromText("target-port", Seed.Replace("targetPort: 8080", "targetPort: 9090", StringComparison.Ordinal)));

        var relay = Assert.Single(diff.Stacks, s => s.Role == "relay");
        var group = Assert.Single(relay.Resources, r => r.Type == "AWS::ElasticLoadBalancingV2::TargetGroup");
        Assert.Equal(ResourceChange.Replaced, group.Change);
        var port = Assert.Single(group.Properties, p => p.Name == "Port");
        Assert.Equal(("8080", "9090", Replacement.Always), (port.Before, port.After, port.Replacement));
        // The listener forwards to the new group: its reference changes in place.
        var listener = Assert.Single(relay.Resources, r => r.Type == "AWS::ElasticLoadBalancingV2::Listener");
        Assert.Equal(ResourceChange.Modified, listener.Change);
        Assert.Contains(group.LogicalId, Assert.Single(listener.Properties).Because);

        var interruption = Assert.Single(diff.Consequences, c => c.Code == "ILU012");
        Assert.Equal(ConsequenceKind.Disrupts, interruption.Kind);
        Assert.Equal([diff.Stacks.Single(s => s.Role == "consumer").Name], interruption.Consumers);
        Assert.Contains("phase 2", interruption.Message);
    }

    [Fact]
    public void A_new_provider_CIDR_replaces_the_provider_VPC_and_cuts_off_every_consumer_until_the_last_phase()
    {
        var diff = DiffEngine.Compare(SeedAssembly, examples.FromText("provider-cidr", Seed.Replace("10.10.", "10.20.", StringComparison.Ordinal)));

        var provider = Assert.Single(diff.Stacks, s => s.Role == "provider");
        Assert.Equal(ResourceChange.Replaced, Assert.Single(provider.Resources, r => r.Type == "AWS::EC2::VPC").Change);
        Assert.All(provider.Resources.Where(r => r.Type == "AWS::EC2::Subnet"), r => Assert.Equal(ResourceChange.Replaced, r.Change));

        var outage = Assert.Single(diff.Consequences, c => c.Code == "ILU015" && c.Stack == provider.Name && c.LogicalId!.StartsWith("NetworkVpc", StringComparison.Ordinal));
        Assert.Equal([diff.Stacks.Single(s => s.Role == "consumer").Name], outage.Consumers);
        Assert.Contains("until phase 3 completes", outage.Message);
        // The relay's peering points at the provider VPC through a parameter fed by the provider's VpcId output.
        var peering = Assert.Single(diff.Stacks.Single(s => s.Role == "relay").Resources, r => r.Type == "AWS::EC2::VPCPeeringConnection");
        Assert.Equal(ResourceChange.Replaced, peering.Change);
        Assert.Contains("VpcId", Assert.Single(peering.Properties, p => p.Name == "PeerVpcId").Because);
        Assert.Contains(diff.Consequences, c => c.Code == "ILU013");
    }

    [Fact]
    public void A_consumer_taken_out_of_the_config_is_an_orphaned_stack()
    {
        var diff = DiffEngine.Compare(WithSecondConsumer, SeedAssembly);

        var removed = Assert.Single(diff.Stacks, s => s.Change == StackChange.Removed);
        var orphan = Assert.Single(diff.Consequences, c => c.Kind == ConsequenceKind.Orphaned);
        Assert.Equal(("ILU020", removed.Name), (orphan.Code, orphan.Stack));
        Assert.True(diff.FailsOrDisrupts);
    }

    [Fact]
    public void Replacing_a_service_host_that_keeps_its_fixed_IP_will_fail()
    {
        var after = new MutableAssembly(SeedAssembly);
        var stack = after.Stack("provider");
        var host = after.Logical(stack, "AWS::EC2::Instance");
        after.Properties(stack, host)["ImageId"] = "ami-0123456789abcdef0";

        var diff = DiffEngine.Compare(SeedAssembly, after.Assembly());

        var resource = Assert.Single(diff.Stacks.Single(s => s.Name == stack).Resources, r => r.LogicalId == host);
        Assert.Equal(ResourceChange.Replaced, resource.Change);
        var failure = Assert.Single(diff.Consequences, c => c.Code == "ILU002");
        Assert.Equal((ConsequenceKind.WillFail, host), (failure.Kind, failure.LogicalId));
        Assert.Contains("InvalidIPAddress.InUse", failure.Message);
    }

    [Fact]
    public void Replacing_a_resource_that_keeps_its_custom_name_will_fail_and_a_new_name_lets_it_through()
    {
        var after = new MutableAssembly(SeedAssembly);
        var stack = after.Stack("relay");
        var group = after.Logical(stack, "AWS::ElasticLoadBalancingV2::TargetGroup");
        after.Properties(stack, group)["Name"] = "kept-name";
        after.Properties(stack, group)["Port"] = 9999;
        var before = new MutableAssembly(SeedAssembly);
        before.Properties(stack, group)["Name"] = "kept-name";

        Assert.Contains(DiffEngine.Compare(before.Assembly(), after.Assembly()).Consequences, c => c.Code == "ILU001" && c.LogicalId == group);

        after.Properties(stack, group)["Name"] = "new-name";
        Assert.DoesNotContain(DiffEngine.Compare(before.Assembly(), after.Assembly()).Consequences, c => c.Code == "ILU001");
    }

    [Fact]
    public void A_conditionally_create_only_property_is_a_possible_replacement()
    {
        var after = new MutableAssembly(SeedAssembly);
        var stack = after.Stack("provider");
        var host = after.Logical(stack, "AWS::EC2::Instance");
        after.Properties(stack, host)["InstanceType"] = "m7g.large";

        var resource = Assert.Single(DiffEngine.Compare(SeedAssembly, after.Assembly()).Stacks.Single(s => s.Name == stack).Resources, r => r.LogicalId == host);

        Assert.Equal(ResourceChange.MayBeReplaced, resource.Change);
        Assert.Equal(Replacement.Conditional, Assert.Single(resource.Properties).Replacement);
    }

    [Fact]
    public void A_changed_launch_template_gives_a_new_version_which_replaces_the_fixed_IP_hosts_that_follow_it()
    {
        var after = new MutableAssembly(SeedAssembly);
        var stack = after.Stack("provider");
        var template = after.Logical(stack, "AWS::EC2::LaunchTemplate");
        after.Properties(stack, template)["LaunchTemplateData"]!["InstanceType"] = "m7g.large";

        var diff = DiffEngine.Compare(SeedAssembly, after.Assembly());

        var hosts = diff.Stacks.Single(s => s.Name == stack).Resources.Where(r => r.Type == "AWS::EC2::Instance").ToList();
        Assert.NotEmpty(hosts);
        Assert.All(hosts, h =>
        {
            Assert.Equal(ResourceChange.Replaced, h.Change);
            Assert.Contains("LatestVersionNumber changes", Assert.Single(h.Properties, p => p.Name == "LaunchTemplate").Because);
        });
        Assert.Equal(hosts.Count, diff.Consequences.Count(c => c.Code == "ILU002"));
    }

    [Fact]
    public void A_new_image_given_as_a_deploy_input_replaces_the_hosts_that_read_it_and_fails_on_their_fixed_IPs()
    {
        var provider = SeedAssembly.Stacks.Values.Single(s => s.Role == "provider").Name;

        var diff = DiffEngine.Compare(SeedAssembly, SeedAssembly, new Dictionary<string, IReadOnlyCollection<string>> { [provider] = ["ServiceHostImageId"] });

        var stack = Assert.Single(diff.Stacks, s => s.Change == StackChange.Modified);
        Assert.Equal(provider, stack.Name);
        // The launch template reads the image (a new version), and the hosts follow its latest version.
        Assert.Contains(stack.Resources, r => r.Type == "AWS::EC2::LaunchTemplate" && r.Properties.Any(p => p.Because == "deploy input ServiceHostImageId changes"));
        Assert.All(stack.Resources.Where(r => r.Type == "AWS::EC2::Instance"), r => Assert.Equal(ResourceChange.Replaced, r.Change));
        Assert.Contains(diff.Consequences, c => c.Code == "ILU002" && c.Kind == ConsequenceKind.WillFail);
    }
}
