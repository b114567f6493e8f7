using Interlink.Analysis.Network;
using Interlink.Lab.Tests.Support;
using Interlink.Testing;

namespace Interlink.Lab.Tests;

/// <summary>The layout of the seed topology, computed without root.</summary>
[Collection(LabCollection.Name)]
public sealed class LabPlannerTests(LabFixture fixture)
{
    private LabLayout Plan(MutableAssembly? m = null)
    {
        var assembly = m?.Assembly() ?? fixture.Seed;
        return LabPlanner.Plan(NetworkModelBuilder.Build(assembly), g => HealthChecks.FromAssembly(assembly, g), "/tmp/il-plan");
    }

    [Fact]
    public void Every_name_the_lab_creates_carries_its_prefix_and_fits_the_kernel_limits()
    {
        var layout = Plan();
        Assert.All(layout.Namespaces, n => Assert.StartsWith("il-", n.Name, StringComparison.Ordinal));
        Assert.All(layout.Links, l =>
        {
            Assert.StartsWith("il-", l.InterfaceA, StringComparison.Ordinal);
            Assert.StartsWith("il-", l.InterfaceB, StringComparison.Ordinal);
            Assert.True(l.InterfaceA.Length <= 15 && l.InterfaceB.Length <= 15);
            Assert.Contains(layout.Namespaces, n => n.Name == l.NamespaceA);
            Assert.Contains(layout.Namespaces, n => n.Name == l.NamespaceB);
        });
        Assert.All(layout.Namespaces.Where(n => n.Nft.Length > 0), n => Assert.Matches(@"^table inet il-", n.Nft));
    }

    [Fact]
    public void Seed_has_a_router_per_VPC_hosts_an_NLB_node_per_subnet_and_a_connected_endpoint()
    {
        var layout = Plan();
        Assert.Equal(["il-consumer-west-vpc", "il-provider-vpc", "il-relay-us-west-2-vpc"], layout.Namespaces.Where(n => n.Kind == LabNodeKind.Router).Select(n => n.Name));
        Assert.Equal(["10.10.1.10", "10.10.3.10"], layout.Targets.Select(t => t.Ip));
        Assert.All(layout.Targets, t => Assert.Equal(8080, t.Port));
        var nlb = Assert.Single(layout.LoadBalancers);
        Assert.Equal(["10.11.1.254", "10.11.3.254"], nlb.Config.Nodes.Select(n => n.Address));
        Assert.Equal(5, nlb.Config.Listeners.Single().HealthCheck.IntervalSeconds);
        Assert.Equal(2, nlb.Config.Listeners.Single().HealthCheck.UnhealthyThreshold);
        Assert.Equal("/health", nlb.Config.Listeners.Single().HealthCheck.Path);
        Assert.True(nlb.Config.EnforceOnPrivateLink);
        var endpoint = Assert.Single(layout.Endpoints);
        Assert.True(endpoint.Connected);
        Assert.Equal(80, endpoint.Port);
        Assert.Equal(2, endpoint.Enis.Count);
        Assert.Contains("awsmorocco.vpce.lab", endpoint.DnsNames);
        Assert.Single(endpoint.Clients);
    }

    [Fact]
    public void Route_tables_become_policy_routing_and_the_peering_carries_only_what_they_send_it()
    {
        var layout = Plan();
        var peering = Assert.Single(layout.Peerings);
        Assert.True(peering.Accepted);
        // Both relay tables send the provider CIDR over it; both provider tables (provider-routes) send the relay CIDR back.
        Assert.Equal(2, peering.Routes.Count(r => r.Destination == "10.10.0.0/16" && r.Stack == "awsmorocco-relay-us-west-2"));
        Assert.Equal(2, peering.Routes.Count(r => r.Destination == "10.11.0.0/16" && r.Stack == "awsmorocco-provider-routes"));
        var consumer = layout.Namespaces.Single(n => n.Name == "il-consumer-west-vpc");
        Assert.DoesNotContain(consumer.IpCommands, c => c.Contains("169.254.", StringComparison.Ordinal));
        Assert.Contains("rule add pref 32000 blackhole", consumer.IpCommands);
        Assert.Contains(consumer.IpCommands, c => c == "route replace blackhole 0.0.0.0/0 table 1000");
    }

    [Fact]
    public void Security_groups_become_stateful_default_drop_rules_at_each_interface()
    {
        var layout = Plan();
        var host = layout.Namespaces.Single(n => n.Name == "il-provider-h1");
        Assert.Contains("ct state established,related accept", host.Nft, StringComparison.Ordinal);
        Assert.Contains("ip saddr 10.11.1.0/24 meta l4proto tcp th dport 8080 accept", host.Nft, StringComparison.Ordinal);
        Assert.Contains("ip saddr 10.11.3.0/24 meta l4proto tcp th dport 8080 accept", host.Nft, StringComparison.Ordinal);
        Assert.EndsWith("drop\n  }\n}\n", host.Nft, StringComparison.Ordinal);
        var endpoint = layout.Namespaces.Single(n => n.Kind == LabNodeKind.Endpoint);
        Assert.Contains("ip saddr 10.2.0.0/16 meta l4proto tcp th dport 80 accept", endpoint.Nft, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ICMP_rule_keeps_its_type_and_code_so_only_fragmentation_needed_passes()
    {
        // The provider hosts admit ICMP 3/4 (path MTU discovery) from the relay NLB subnets, nothing else of ICMP.
        var host = Plan().Namespaces.Single(n => n.Name == "il-provider-h1");
        Assert.Contains("ip saddr 10.11.1.0/24 meta l4proto icmp icmp type 3 icmp code 4 accept", host.Nft, StringComparison.Ordinal);
        Assert.DoesNotContain("meta l4proto icmp accept", host.Nft, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_the_service_does_not_allow_is_built_but_not_connected()
    {
        var m = new MutableAssembly(fixture.Seed);
        m.Properties("awsmorocco-relay-us-west-2", Ids.Of("EndpointService/Permissions"))["AllowedPrincipals"] = new JsonArray("arn:aws:iam::999999999999:root");
        var endpoint = Assert.Single(Plan(m).Endpoints);
        Assert.False(endpoint.Connected);
        Assert.Contains("333333333333", endpoint.Reason, StringComparison.Ordinal);
        Assert.Empty(Plan(m).Forwarders);
    }

    [Fact]
    public void An_unaccepted_peering_is_a_link_that_stays_down()
    {
        var m = new MutableAssembly(fixture.Seed);
        m.Properties("awsmorocco-relay-us-west-2", Ids.Of("Peering/Connection")).Remove("PeerRoleArn");
        var layout = Plan(m);
        Assert.False(Assert.Single(layout.Peerings).Accepted);
        Assert.Empty(layout.Peerings.Single().Routes);
        Assert.Equal("link set il-p1 down", layout.Namespaces.Single(n => n.Name == "il-relay-us-west-2-vpc").IpCommands[^1]);
    }

    [Fact]
    public void The_lab_probes_each_endpoint_on_the_port_plan_proves()
    {
        var model = NetworkModelBuilder.Build(fixture.Seed);
        var layout = Plan();
        var verdicts = Interlink.Analysis.Reachability.ReachabilityAnalyzer.Analyze(model).Verdicts;
        Assert.NotEmpty(layout.Endpoints);
        Assert.All(layout.Endpoints, e =>
        {
            var ep = model.Endpoints.Single(x => x.Id == e.Id);
            Assert.Equal(model.ConsumerPort(ep), e.Port);
            Assert.All(verdicts.Where(v => v.Consumer == ep.Location.Stack && v.Endpoint == ep.Location.LogicalId), v => Assert.Equal(e.Port, v.Port));
        });
    }

    [Fact]
    public void The_NLB_health_checks_each_target_on_the_port_the_model_gives_it()
    {
        var m = new MutableAssembly(fixture.Seed);
        var group = NetworkModelBuilder.Build(fixture.Seed).TargetGroups.Single().Location;
        m.Properties(group.Stack, group.LogicalId)["HealthCheckPort"] = "8081";
        var model = NetworkModelBuilder.Build(m.Assembly());
        var layout = LabPlanner.Plan(model, HealthChecks.Default, "/tmp/il-plan");
        var targets = Assert.Single(layout.LoadBalancers).Config.Listeners.SelectMany(l => l.Targets).ToList();
        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.Equal(8081, t.HealthCheckPort));
        Assert.All(Plan().LoadBalancers.Single().Config.Listeners.SelectMany(l => l.Targets), t => Assert.Equal(t.Port, t.HealthCheckPort));
    }
}
