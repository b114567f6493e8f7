using Interlink.Core.Model;
using Interlink.Core.Normalization;
using Interlink.Core.Wiring;

namespace Interlink.Cdk.Tests.Support;

/// <summary>
/// What each stack must contain, counted from the design: a VPC per created network, a private subnet and
/// route table per AZ, public subnets and NAT gateways as asked, a host per target, a route per relay route
/// table, and so on.
/// </summary>
public static class ExpectedResources
{
    public static SortedDictionary<string, int> For(SynthesizedExample example, WiringStack stack, string stackName)
    {
        var t = example.Topology;
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Add(string type, int n = 1)
        {
            if (n > 0)
                counts[type] = counts.GetValueOrDefault(type) + n;
        }

        switch (stack.Role)
        {
            case StackRoles.Provider:
                Network(Add, t.Provider.Vpc);
                var nlbCidrs = example.Native
                    ? t.Provider.Vpc.PrivateSubnets.Count
                    : t.Relays.Sum(r => r.Network.Vpc.PrivateSubnets.Count);
                if (t.Provider.Vpc.HostSecurityGroupId is not null)
                    // Each port per NLB subnet, and ICMP "fragmentation needed" per NLB subnet (path MTU discovery).
                    Add("AWS::EC2::SecurityGroupIngress", nlbCidrs * (HostPorts(t).Count + 1));
                else
                    Add("AWS::EC2::SecurityGroup");
                if (t.Targets.CreateHosts)
                    Host(Add, instances: t.Targets.Ips.Count);
                Add("AWS::IAM::Role", t.Relays.Count(r => CrossAccount(t, r)));
                if (example.Native)
                {
                    LoadBalancer(Add);
                    EndpointService(Add);
                    Add("AWS::IAM::Role"); // operator role: accepts endpoint connections
                }

                break;

            case StackRoles.Relay:
                var relay = t.Relays.Single(r => r.Network.Region == stack.Region);
                Network(Add, relay.Network.Vpc);
                Add("AWS::EC2::VPCPeeringConnection");
                Add("AWS::EC2::Route", relay.Network.Vpc.PrivateSubnets.Count);
                LoadBalancer(Add);
                EndpointService(Add);
                Add("AWS::IAM::Role"); // operator role: endpoint connections, and peering DNS options when asked
                break;

            case StackRoles.ProviderRoutes:
                Add("AWS::EC2::Route", t.Relays.Count * TargetRouteTables(t).Count);
                if (t.Relays.Any(r => r.PeeringDns))
                    Add("AWS::IAM::Role"); // operator role: the accepter side's peering DNS options
                break;

            case StackRoles.Consumer:
                var consumer = t.Consumers.Single(c => NameScheme.ConsumerStack(t.Name, c.Name) == stackName);
                Network(Add, consumer.Network.Vpc);
                Add("AWS::EC2::SecurityGroup");
                Add("AWS::EC2::VPCEndpoint");
                if (consumer.HostedZone is not null)
                {
                    Add("AWS::Route53::HostedZone");
                    Add("AWS::Route53::RecordSet");
                }

                if (consumer.Client)
                {
                    Add("AWS::EC2::SecurityGroup");
                    Host(Add, instances: 1);
                }

                break;
        }

        Monitoring(Add, t, stackName);
        return counts;
    }

    /// <summary>
    /// What the design's monitoring plan puts in the stack: its alarms, the topic of its account and Region with its
    /// access policy and e-mail subscription when the stack holds it, its dashboard and connection notifications.
    /// </summary>
    private static void Monitoring(Action<string, int> add, Topology t, string stackName)
    {
        var plan = Interlink.Core.Monitoring.MonitoringPlanner.Plan(t);
        foreach (var resource in plan.Resources.Where(r => r.Stack == stackName))
            add("AWS::CloudWatch::Alarm", resource.Alarms.Count);

        foreach (var topic in plan.Topics.Where(x => x.Stack == stackName && x.Created))
        {
            add("AWS::SNS::Topic", 1);
            add("AWS::SNS::TopicPolicy", 1);
            add("AWS::SNS::Subscription", topic.Email is null ? 0 : 1);
        }

        add("AWS::CloudWatch::Dashboard", plan.Dashboards.Count(d => d.Stack == stackName));
        add("AWS::EC2::VPCEndpointConnectionNotification", plan.Notifications.Count(n => n.Stack == stackName));
    }

    /// <summary>Ports the provider hosts admit from the NLB subnets: the target port and the health-check port.</summary>
    public static IReadOnlyList<int> HostPorts(Topology t) =>
        new[] { t.Service.TargetPort, t.Service.HealthCheck.Port ?? t.Service.TargetPort }.Distinct().ToList();

    /// <summary>The relay's account is known and differs from the provider's.</summary>
    public static bool CrossAccount(Topology t, RelaySite relay) =>
        relay.Network.Account is { } a && t.Provider.Account is { } p && a != p;

    /// <summary>Provider private subnets that hold targets, in subnet order (each has its own route table).</summary>
    public static IReadOnlyList<SubnetPlan> TargetRouteTables(Topology t) =>
        t.Provider.Vpc.PrivateSubnets.Where(s => t.Targets.Ips.Any(ip => s.Cidr.Contains(ip.Address)))
            .DistinctBy(s => s.ExistingRouteTableId ?? s.Cidr.ToString()).ToList();

    private static void Network(Action<string, int> add, VpcLayout vpc)
    {
        if (vpc.IsExisting)
            return;
        add("AWS::EC2::VPC", 1);
        var publicCount = vpc.PublicSubnets.Count;
        if (publicCount > 0)
        {
            add("AWS::EC2::InternetGateway", 1);
            add("AWS::EC2::VPCGatewayAttachment", 1);
            add("AWS::EC2::RouteTable", 1);
            add("AWS::EC2::Route", 1);
            add("AWS::EC2::Subnet", publicCount);
            add("AWS::EC2::SubnetRouteTableAssociation", publicCount);
        }

        var nat = Math.Min(vpc.NatGateways, publicCount);
        add("AWS::EC2::EIP", nat);
        add("AWS::EC2::NatGateway", nat);
        var privateCount = vpc.PrivateSubnets.Count;
        add("AWS::EC2::Subnet", privateCount);
        add("AWS::EC2::RouteTable", privateCount);
        add("AWS::EC2::SubnetRouteTableAssociation", privateCount);
        add("AWS::EC2::Route", nat > 0 ? privateCount : 0);
        add("AWS::Logs::LogGroup", 1);
        add("AWS::IAM::Role", 1);
        add("AWS::EC2::FlowLog", 1);
    }

    private static void Host(Action<string, int> add, int instances)
    {
        add("AWS::IAM::Role", 1);
        add("AWS::IAM::InstanceProfile", 1);
        add("AWS::EC2::LaunchTemplate", 1);
        add("AWS::EC2::Instance", instances);
    }

    private static void LoadBalancer(Action<string, int> add)
    {
        add("AWS::EC2::SecurityGroup", 1);
        add("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        add("AWS::ElasticLoadBalancingV2::TargetGroup", 1);
        add("AWS::ElasticLoadBalancingV2::Listener", 1);
    }

    private static void EndpointService(Action<string, int> add)
    {
        add("AWS::EC2::VPCEndpointService", 1);
        add("AWS::EC2::VPCEndpointServicePermissions", 1);
    }
}
