using Interlink.Core.Diagnostics;
using Interlink.Core.Model;
using YamlDotNet.RepresentationModel;

namespace Interlink.Core.Loading;

/// <summary>Maps the YAML tree onto the config records; shape problems only — meaning is the rules' job.</summary>
internal static class ConfigReader
{
    public static InterlinkConfig? Read(YamlNode root, DiagnosticBag diagnostics)
    {
        var top = MappingReader.Open(root, "", diagnostics, ConfigKeys.Root);
        if (top is null)
        {
            if (MappingReader.IsNull(root))
            {
                MappingReader.Record(root, "", diagnostics);
                diagnostics.Error(LoadCodes.DocumentCount, "", "the file is empty", "run 'interlink init' to write a starter file");
            }

            return null;
        }

        var name = top.String("name", required: true, example: "acme-orders") ?? "";
        var mode = top.Enum("mode", DeployMode.Relay);
        var service = ReadService(top);
        var provider = ReadProvider(top, diagnostics);
        var relays = top.Sequence("relays")
            .Select(item => ReadRelay(item.Node, item.Path, diagnostics))
            .OfType<RelaySpec>()
            .ToList();
        var consumers = top.Sequence("consumers", required: true, example: "[ { name: west, region: us-west-2, vpc: { cidr: 10.12.0.0/16 } } ]")
            .Select(item => ReadConsumer(item.Node, item.Path, diagnostics))
            .OfType<ConsumerSpec>()
            .ToList();
        var tags = top.StringMap("tags");
        var suppressions = top.Sequence("suppressions")
            .Select(item => ReadSuppression(item.Node, item.Path, diagnostics))
            .OfType<Suppression>()
            .ToList();

        var deployment = ReadDeployment(top);
        var monitoring = ReadMonitoring(top);

        if (provider is null)
            return null;
        return new InterlinkConfig(name, mode, service, provider, relays, consumers, tags, suppressions) { Deployment = deployment, Monitoring = monitoring };
    }

    private static DeploymentSpec ReadDeployment(MappingReader top)
    {
        var deployment = top.Mapping("deployment", ConfigKeys.Deployment);
        if (deployment is null)
            return DeploymentSpec.Default;
        return new DeploymentSpec(
            deployment.String("account", example: "\"111111111111\""),
            deployment.String("bootstrapQualifier", example: DeploymentSpec.DefaultQualifier) ?? DeploymentSpec.DefaultQualifier);
    }

    private static MonitoringSpec ReadMonitoring(MappingReader top)
    {
        // 'monitoring: false' (or true) is a switch; a mapping is on, with its settings.
        if (top.IsScalar("monitoring"))
            return top.Bool("monitoring", true) ? MonitoringSpec.Default : MonitoringSpec.Off;
        var monitoring = top.Mapping("monitoring", ConfigKeys.Monitoring);
        if (monitoring is null)
            return MonitoringSpec.Default;
        if (monitoring.Has("topicArn") && monitoring.Has("email"))
            monitoring.Conflict("topicArn", "email", "keep 'topicArn' to publish to your own topic (subscribe the address there), or 'email' for topics Interlink creates, not both");
        var d = AlarmThresholds.Default;
        var thresholds = new AlarmThresholds(
            monitoring.Int("unhealthyHosts", example: "0") ?? d.UnhealthyHosts,
            monitoring.Int("healthyHosts", example: "1") ?? d.HealthyHosts,
            monitoring.Int("packetsDropped", example: "0") ?? d.PacketsDropped,
            monitoring.Int("resetPackets", example: "10") ?? d.ResetPackets,
            monitoring.Int("period", example: "60") ?? d.PeriodSeconds,
            monitoring.Int("evaluationPeriods", example: "5") ?? d.EvaluationPeriods);
        return new MonitoringSpec(true,
            monitoring.String("topicArn", example: "arn:aws:sns:us-east-1:111111111111:alerts"),
            monitoring.String("email", example: "ops@example.com"),
            thresholds);
    }

    private static ServiceSpec ReadService(MappingReader top)
    {
        var service = top.Mapping("service", ConfigKeys.Service, required: true);
        if (service is null)
            return new ServiceSpec(80, 80, new HealthCheckSpec());
        var port = service.Int("port", required: true, example: "80") ?? 80;
        var targetPort = service.Int("targetPort") ?? port;
        var health = ReadHealthCheck(service.Mapping("healthCheck", ConfigKeys.HealthCheck));
        return new ServiceSpec(port, targetPort, health,
            AcceptanceRequired: service.Bool("acceptanceRequired", true),
            ProxyProtocolV2: service.Bool("proxyProtocolV2", false));
    }

    private static HealthCheckSpec ReadHealthCheck(MappingReader? check)
    {
        var defaults = new HealthCheckSpec();
        if (check is null)
            return defaults;
        var protocol = check.Enum("protocol", defaults.Protocol);
        var path = check.String("path") ?? (protocol == HealthCheckProtocol.Tcp ? null : "/health");
        return new HealthCheckSpec(
            protocol,
            path,
            check.Int("port"),
            check.Int("interval") ?? defaults.IntervalSeconds,
            check.Int("healthyThreshold") ?? defaults.HealthyThreshold,
            check.Int("unhealthyThreshold") ?? defaults.UnhealthyThreshold);
    }

    private static ProviderSpec? ReadProvider(MappingReader top, DiagnosticBag diagnostics)
    {
        var provider = top.Mapping("provider", ConfigKeys.Provider, required: true);
        if (provider is null)
            return null;
        var account = provider.String("account");
        var region = provider.String("region", required: true, example: "us-east-1") ?? "";
        var vpc = ReadVpc(provider, diagnostics, isProvider: true) ?? EmptyVpc;
        var targets = ReadTargets(provider);
        return new ProviderSpec(account, region, vpc, targets);
    }

    private static TargetsSpec ReadTargets(MappingReader provider)
    {
        var targets = provider.Mapping("targets", ConfigKeys.Targets);
        if (targets is null)
            return new TargetsSpec(null, []);
        var instanceType = targets.String("instanceType");
        if (targets.Has("instances") && targets.Has("ips"))
            targets.Conflict("instances", "ips", "keep 'instances' for hosts Interlink runs, or 'ips' for your own service, not both");
        var ips = targets.StringList("ips", example: "10.10.1.10");
        var instances = targets.Int("instances", example: "2");
        var imageId = targets.String("imageId");
        var spec = instanceType is null ? new TargetsSpec(instances, ips) : new TargetsSpec(instances, ips, instanceType);
        return spec with { ImageId = imageId };
    }

    private static RelaySpec? ReadRelay(YamlNode node, string path, DiagnosticBag diagnostics)
    {
        var relay = MappingReader.Open(node, path, diagnostics, ConfigKeys.Relay);
        if (relay is null)
        {
            ReportNullItem(node, path, diagnostics, "region: us-west-2");
            return null;
        }

        var region = relay.String("region", required: true, example: "us-west-2") ?? "";
        var vpc = ReadVpc(relay, diagnostics, isProvider: false) ?? EmptyVpc;
        return new RelaySpec(region, relay.String("account"), vpc, relay.Bool("peeringDns", false));
    }

    private static ConsumerSpec? ReadConsumer(YamlNode node, string path, DiagnosticBag diagnostics)
    {
        var consumer = MappingReader.Open(node, path, diagnostics, ConfigKeys.Consumer);
        if (consumer is null)
        {
            ReportNullItem(node, path, diagnostics, "name: west");
            return null;
        }

        var name = consumer.String("name", required: true, example: "west") ?? "";
        var account = consumer.String("account");
        var region = consumer.String("region", required: true, example: "us-west-2") ?? "";
        var vpc = ReadVpc(consumer, diagnostics, isProvider: false) ?? EmptyVpc;
        return new ConsumerSpec(name, account, region, vpc,
            Client: consumer.Bool("client", false),
            PrivateDns: consumer.Bool("privateDns", false),
            HostedZone: consumer.String("hostedZone"));
    }

    private static VpcSpec? ReadVpc(MappingReader owner, DiagnosticBag diagnostics, bool isProvider)
    {
        var vpc = owner.Mapping("vpc", ConfigKeys.Vpc, required: true);
        if (vpc is null)
            return null;
        var id = vpc.String("id");
        var cidr = vpc.String("cidr", required: true, example: "10.10.0.0/16");
        if (id is not null)
        {
            foreach (var key in ConfigKeys.NewVpcOnly)
                vpc.NotApplicable(key, "describes a VPC Interlink creates; this VPC exists already (vpc.id is set)",
                    "remove it, and list the existing private subnets under 'subnets'");
        }
        else
        {
            vpc.NotApplicable("subnets", "lists the subnets of an existing VPC, but vpc.id is not set",
                "add 'id: vpc-…' for an existing VPC, or use 'azs' and 'privateSubnets' for a new one");
            vpc.NotApplicable("hostSecurityGroupId", "applies only to an existing VPC (vpc.id is not set)", "remove it");
        }

        if (!isProvider)
            vpc.NotApplicable("hostSecurityGroupId", "is the provider's service-host security group; it has no meaning here", "remove it");

        var subnets = vpc.Sequence("subnets", required: id is not null, example: "[ { id: subnet-0abc, azId: use1-az1, cidr: 10.10.1.0/24, routeTableId: rtb-0abc } ]")
            .Select(item => ReadExistingSubnet(item.Node, item.Path, diagnostics))
            .OfType<ExistingSubnet>()
            .ToList();
        var azs = id is null ? vpc.StringList("azs", required: true, example: "use1-az1") : [];
        return new VpcSpec(
            id,
            cidr,
            azs,
            id is null ? vpc.StringList("privateSubnets", example: "10.10.1.0/24") : [],
            id is null ? vpc.StringList("publicSubnets", example: "10.10.2.0/24") : [],
            id is null ? vpc.Int("natGateways", example: "1") : null,
            subnets,
            vpc.String("hostSecurityGroupId"));
    }

    private static ExistingSubnet? ReadExistingSubnet(YamlNode node, string path, DiagnosticBag diagnostics)
    {
        var subnet = MappingReader.Open(node, path, diagnostics, ConfigKeys.ExistingSubnet);
        if (subnet is null)
        {
            ReportNullItem(node, path, diagnostics, "{ id: subnet-0abc, azId: use1-az1, cidr: 10.10.1.0/24, routeTableId: rtb-0abc }");
            return null;
        }

        var id = subnet.String("id", required: true, example: "subnet-0abc1234");
        var azId = subnet.String("azId", required: true, example: "use1-az1");
        var cidr = subnet.String("cidr", required: true, example: "10.10.1.0/24");
        var routeTable = subnet.String("routeTableId", required: true, example: "rtb-0abc1234");
        return id is null || azId is null || cidr is null || routeTable is null ? null : new ExistingSubnet(id, azId, cidr, routeTable);
    }

    private static Suppression? ReadSuppression(YamlNode node, string path, DiagnosticBag diagnostics)
    {
        var suppression = MappingReader.Open(node, path, diagnostics, ConfigKeys.Suppression);
        if (suppression is null)
        {
            ReportNullItem(node, path, diagnostics, "{ rule: ILS010, reason: why this is acceptable }");
            return null;
        }

        var rule = suppression.String("rule", required: true, example: "ILS010");
        var reason = suppression.String("reason", required: true, example: "why this finding is acceptable here");
        return rule is null || reason is null ? null : new Suppression(rule, reason);
    }

    private static void ReportNullItem(YamlNode node, string path, DiagnosticBag diagnostics, string example)
    {
        // Open() already reported a non-mapping item; an empty '-' item is reported here.
        if (MappingReader.IsNull(node))
            diagnostics.Error(LoadCodes.MissingKey, path, "this list item is empty", $"write the item as '- {example}'");
    }

    private static readonly VpcSpec EmptyVpc = new(null, null, [], [], [], null, [], null);
}
