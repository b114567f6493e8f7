using Interlink.Analysis.Network;

namespace Interlink.Analysis.Tests.Network;

/// <summary>
/// Facts the network model answers once for every engine (plan's reachability, the security check, the lab): what a
/// protocol text means, which ports a rule or entry covers, which port a target and its health check use, and which
/// port a consumer connects to.
/// </summary>
public sealed class NetworkModelFactsTests
{
    private static readonly Location At = new("stack", "Resource");

    [Theory]
    [InlineData("-1")]
    [InlineData("all")]
    [InlineData("ALL")]
    public void Minus_one_and_all_mean_every_protocol(string text)
    {
        var protocol = IpProtocol.Parse(text);
        Assert.True(protocol.IsAll);
        Assert.True(protocol.IncludesTcp);
        Assert.True(protocol.HasPorts);
        Assert.Equal(-1, protocol.Number);
    }

    [Theory]
    [InlineData("tcp", 6)]
    [InlineData("TCP", 6)]
    [InlineData("6", 6)]
    [InlineData("udp", 17)]
    [InlineData("17", 17)]
    [InlineData("icmp", 1)]
    [InlineData("1", 1)]
    [InlineData("icmpv6", 58)]
    [InlineData("50", 50)]
    public void A_name_and_its_number_are_the_same_protocol(string text, int number)
    {
        var protocol = IpProtocol.Parse(text);
        Assert.Equal(number, protocol.Number);
        Assert.Equal(number == 6, protocol.IsTcp);
        Assert.Equal(number == 17, protocol.IsUdp);
        Assert.Equal(number == 1, protocol.IsIcmp);
        Assert.Equal(number is 6 or 17, protocol.HasPorts);
        Assert.False(protocol.IsAll);
    }

    [Theory]
    [InlineData("256")]
    [InlineData("sctp-ish")]
    [InlineData("")]
    public void Text_that_names_no_known_protocol_matches_nothing_and_keeps_its_text(string text)
    {
        var protocol = IpProtocol.Parse(text);
        Assert.Null(protocol.Number);
        Assert.False(protocol.IsAll || protocol.IsTcp || protocol.HasPorts);
        Assert.Equal(text, protocol.ToString());
    }

    [Theory]
    [InlineData("tcp", 80, 80, 80, true)]
    [InlineData("6", 1000, 2000, 1500, true)]
    [InlineData("tcp", 1000, 2000, 2001, false)]
    [InlineData("tcp", -1, -1, 443, true)]
    [InlineData("-1", 22, 22, 443, true)]
    [InlineData("udp", 443, 443, 443, false)]
    public void A_security_group_rule_covers_a_TCP_port_by_protocol_and_range(string protocol, int from, int to, int port, bool covered)
    {
        var rule = new SecurityGroupRule(At, IpProtocol.Parse(protocol), from, to, "10.0.0.0/16", null, null);
        Assert.Equal(covered, rule.CoversTcp(port));
    }

    [Theory]
    [InlineData("tcp", 443, 443, 443)]
    [InlineData("6", 8080, 8080, 8080)]
    [InlineData("tcp", 80, 81, null)]
    [InlineData("tcp", -1, -1, null)]
    [InlineData("-1", 443, 443, null)]
    [InlineData("udp", 53, 53, null)]
    public void A_rule_names_a_single_TCP_port_only_when_it_admits_exactly_one(string protocol, int from, int to, int? single)
    {
        var rule = new SecurityGroupRule(At, IpProtocol.Parse(protocol), from, to, "10.0.0.0/16", null, null);
        Assert.Equal(single, rule.SingleTcpPort);
    }

    [Fact]
    public void A_network_ACL_entry_for_every_protocol_covers_every_port_whatever_its_range_says()
    {
        Assert.Equal((0, 65535), new NetworkAclEntry(At, 100, false, true, IpProtocol.All, "0.0.0.0/0", 80, 80).TcpPorts);
        Assert.Equal((80, 80), new NetworkAclEntry(At, 100, false, true, IpProtocol.Parse("6"), "0.0.0.0/0", 80, 80).TcpPorts);
        Assert.Equal((1024, 65535), new NetworkAclEntry(At, 100, false, true, IpProtocol.Parse("6"), "0.0.0.0/0", 1024, null).TcpPorts);
    }

    [Fact]
    public void A_target_receives_traffic_on_its_own_port_else_the_groups()
    {
        var group = Group(port: 8080, healthCheckPort: null);
        Assert.Equal(9000, group.TrafficPort(new Target("10.0.0.1", "10.0.0.1", 9000, null)));
        Assert.Equal(8080, group.TrafficPort(new Target("10.0.0.1", "10.0.0.1", null, null)));
        Assert.Null(Group(port: null, healthCheckPort: null).TrafficPort(new Target("10.0.0.1", "10.0.0.1", null, null)));
    }

    [Fact]
    public void Health_checks_go_to_the_health_check_port_else_each_targets_traffic_port()
    {
        var target = new Target("10.0.0.1", "10.0.0.1", 9000, null);
        Assert.Equal(8081, Group(port: 8080, healthCheckPort: 8081).HealthCheckPortOf(target));
        Assert.Equal(9000, Group(port: 8080, healthCheckPort: null).HealthCheckPortOf(target));
        Assert.Equal(8080, Group(port: 8080, healthCheckPort: null).HealthCheckPortOf(target with { Port = null }));
    }

    [Fact]
    public void A_consumer_connects_on_a_port_its_endpoint_admits_that_a_listener_serves()
    {
        var model = Model(admitted: [8443, 443], listeners: [443]);
        Assert.Equal(443, model.ConsumerPort(model.Endpoints[0]));
    }

    [Fact]
    public void Without_a_common_port_the_endpoints_first_admitted_port_wins_over_the_listeners()
    {
        var model = Model(admitted: [8443], listeners: [443]);
        Assert.Equal(8443, model.ConsumerPort(model.Endpoints[0]));
    }

    [Fact]
    public void An_endpoint_that_admits_no_single_port_connects_on_the_first_listener_port()
    {
        var model = Model(admitted: [], listeners: [443, 80]);
        Assert.Equal(443, model.ConsumerPort(model.Endpoints[0]));
    }

    [Fact]
    public void With_neither_the_consumer_port_is_unknown()
    {
        var model = Model(admitted: [], listeners: []);
        Assert.Null(model.ConsumerPort(model.Endpoints[0]));
    }

    private static TargetGroup Group(int? port, int? healthCheckPort) =>
        new("tg", At, "vpc", "ip", port, "TCP", healthCheckPort, "TCP", false, []);

    private static NetworkModel Model(int[] admitted, int[] listeners)
    {
        var group = new SecurityGroup("sg", At, "vpc", admitted.Select(p => new SecurityGroupRule(At, IpProtocol.Parse("tcp"), p, p, "10.0.0.0/16", null, null)).ToList(), [], false);
        var lb = new LoadBalancer("nlb", At, "network", "internal", "us-west-2", [], [], false, listeners.Select(p => new Listener(At, p, "TCP", [])).ToList());
        var service = new EndpointService("svc", At, null, "us-west-2", ["nlb"], false, ["*"], null, null);
        var endpoint = new InterfaceEndpoint("vpce", At, null, "us-west-2", "vpc", [], ["sg"], "svc", "svc", null, null);
        return new NetworkModel("design", "relay", [], [], [], [], [], [group], [], [lb], [], [service], [endpoint], [], []);
    }
}
