using Interlink.Cdk.Constructs;
using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests.Constructs;

/// <summary>
/// The service side on a fresh stack with non-default props: the user's own hosts (no instances), an HTTP health check
/// on its own port, proxy protocol, targets inside the VPC, a consumer CIDR; the endpoint service for two accounts.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class ServiceConstructTests
{
    [Fact]
    public void Own_hosts_get_rules_added_to_their_existing_group_and_no_instances()
    {
        var template = FreshStack.Synthesize(stack => _ = new ServiceHosts(stack, "Service", new ServiceHostsProps
        {
            Name = "lib",
            Network = ConstructFixtures.Network(stack),
            TargetIps = ["10.20.1.10", "10.20.2.10"],
            CreateHosts = false,
            TargetPort = 9000,
            HealthCheckPort = 9001,
            LoadBalancerCidrs = ["10.99.1.0/24"],
            ExistingSecurityGroupId = "sg-0123456789abcdef0",
        }));

        Assert.Empty(template.OfType("AWS::EC2::Instance"));
        Assert.Empty(template.OfType("AWS::EC2::SecurityGroup"));
        var rules = template.OfType("AWS::EC2::SecurityGroupIngress").ToList();
        Assert.All(rules, r => Assert.Equal("sg-0123456789abcdef0", r.Str("GroupId")));
        Assert.Equal([9000, 9001], rules.Where(r => r.Str("IpProtocol") == "tcp").Select(r => r.Int("FromPort")).Order());
        Assert.Single(rules, r => r.Str("IpProtocol") == "icmp" && r.Int("FromPort") == 3 && r.Int("ToPort") == 4);
    }

    [Fact]
    public void Created_hosts_sit_at_their_IPs_in_the_subnet_holding_each()
    {
        var template = FreshStack.Synthesize(stack =>
        {
            var network = ConstructFixtures.Network(stack);
            _ = new ServiceHosts(stack, "Service", new ServiceHostsProps
            {
                Name = "lib",
                Network = network,
                TargetIps = ["10.20.2.10"],
                InstanceType = "m7g.large",
                TargetPort = 9000,
                LoadBalancerCidrs = ["10.99.1.0/24"],
                ServiceBundle = new HostBundle("my-bucket", "svc.tar.gz", new string('a', 64)),
                ImageId = "ami-0123456789abcdef0",
            });
        });

        var host = template.Single("AWS::EC2::Instance");
        Assert.Equal("10.20.2.10", host.Str("PrivateIpAddress"));
        var subnet = template.Target(host.Prop("SubnetId"));
        Assert.Equal("10.20.2.0/24", subnet.Str("CidrBlock"));
        var data = template.Single("AWS::EC2::LaunchTemplate").Prop("LaunchTemplateData");
        Assert.Equal("m7g.large", data.GetProperty("InstanceType").GetString());
        Assert.Equal("ami-0123456789abcdef0", data.GetProperty("ImageId").GetString());
    }

    [Fact]
    public void A_target_outside_every_private_subnet_or_hosts_without_a_bundle_are_refused()
    {
        Assert.Contains("in none of the private subnets", Assert.ThrowsAny<Exception>(() => FreshStack.Synthesize(stack => _ = new ServiceHosts(stack, "Service", new ServiceHostsProps
        {
            Name = "lib", Network = ConstructFixtures.Network(stack), TargetIps = ["10.20.9.10"], CreateHosts = false, TargetPort = 9000, LoadBalancerCidrs = [],
        }))).ToString(), StringComparison.Ordinal);
        Assert.Contains("ServiceBundle and ImageId are required", Assert.ThrowsAny<Exception>(() => FreshStack.Synthesize(stack => _ = new ServiceHosts(stack, "Service", new ServiceHostsProps
        {
            Name = "lib", Network = ConstructFixtures.Network(stack), TargetIps = ["10.20.1.10"], TargetPort = 9000, LoadBalancerCidrs = [],
        }))).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_load_balancer_checks_over_HTTP_on_its_own_port_and_registers_targets_in_its_VPC_without_an_AZ()
    {
        var template = FreshStack.Synthesize(stack => _ = new ServiceLoadBalancer(stack, "Lb", new ServiceLoadBalancerProps
        {
            DisplayName = "lib-nlb",
            Network = ConstructFixtures.Network(stack),
            Port = 443,
            TargetPort = 9000,
            Targets = [new TargetAddress("10.20.1.10", "10.20.1.0/24")],
            TargetsOutsideVpc = false,
            ClientCidrs = ["172.16.0.0/16"],
            HealthCheckProtocol = "HTTP",
            HealthCheckPath = "/ready",
            HealthCheckPort = 9001,
            HealthCheckIntervalSeconds = 30,
            HealthyThresholdCount = 2,
            UnhealthyThresholdCount = 5,
            ProxyProtocolV2 = true,
        }));

        var group = template.Single("AWS::ElasticLoadBalancingV2::TargetGroup");
        Assert.Equal("HTTP", group.Str("HealthCheckProtocol"));
        Assert.Equal("/ready", group.Str("HealthCheckPath"));
        Assert.Equal("9001", group.Str("HealthCheckPort"));
        Assert.Equal(30, group.Int("HealthCheckIntervalSeconds"));
        Assert.Equal((2, 5), (group.Int("HealthyThresholdCount"), group.Int("UnhealthyThresholdCount")));
        var target = Assert.Single(group.Prop("Targets").EnumerateArray());
        Assert.False(target.TryGetProperty("AvailabilityZone", out _), "a target in the NLB's own VPC names no AZ");
        Assert.Contains(group.Prop("TargetGroupAttributes").EnumerateArray(), a => a.GetProperty("Key").GetString() == "proxy_protocol_v2.enabled" && a.GetProperty("Value").GetString() == "true");
        Assert.Equal(443, template.Single("AWS::ElasticLoadBalancingV2::Listener").Int("Port"));
        var sg = template.Single("AWS::EC2::SecurityGroup");
        Assert.Contains(SgRule.Ingress(sg), r => r == SgRule.Tcp("172.16.0.0/16", 443));
        Assert.Equal([SgRule.Tcp("10.20.1.0/24", 9000), SgRule.Tcp("10.20.1.0/24", 9001)], SgRule.Egress(sg).OrderBy(r => r.ToString(), StringComparer.Ordinal).ToList());
    }

    [Theory]
    [InlineData("UDP", "/x", 10, "not TCP, HTTP or HTTPS")]
    [InlineData("HTTP", null, 10, "needs a HealthCheckPath")]
    [InlineData("TCP", null, 4, "outside 5-300")]
    public void A_health_check_the_load_balancer_would_refuse_is_refused_in_the_constructor(string protocol, string? path, int interval, string message)
    {
        var error = Assert.ThrowsAny<Exception>(() => FreshStack.Synthesize(stack => _ = new ServiceLoadBalancer(stack, "Lb", new ServiceLoadBalancerProps
        {
            DisplayName = "lib-nlb", Network = ConstructFixtures.Network(stack), Port = 443, TargetPort = 9000,
            Targets = [new TargetAddress("10.20.1.10", "10.20.1.0/24")], ClientCidrs = [],
            HealthCheckProtocol = protocol, HealthCheckPath = path, HealthCheckIntervalSeconds = interval,
        })));

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_endpoint_service_allows_exactly_the_accounts_given_without_acceptance_and_with_supported_Regions()
    {
        var template = FreshStack.Synthesize(stack => _ = new EndpointService(stack, "Svc", new EndpointServiceProps
        {
            LoadBalancerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/lib/0123456789abcdef",
            AllowedAccounts = ["333333333333", "444444444444", "333333333333"],
            AcceptanceRequired = false,
            SupportedRegions = ["us-east-1", "eu-west-1"],
        }));

        var service = template.Single("AWS::EC2::VPCEndpointService");
        Assert.False(service.Bool("AcceptanceRequired"));
        Assert.Equal(["us-east-1", "eu-west-1"], Json.Strings(service.Prop("SupportedRegions")));
        var principals = template.Single("AWS::EC2::VPCEndpointServicePermissions").Prop("AllowedPrincipals").EnumerateArray()
            .Select(p => p.GetProperty("Fn::Sub").GetString()).ToList();
        Assert.Equal(["arn:${AWS::Partition}:iam::333333333333:root", "arn:${AWS::Partition}:iam::444444444444:root"], principals);
    }
}
