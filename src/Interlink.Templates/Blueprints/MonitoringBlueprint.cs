using Interlink.Core.Monitoring;
using Interlink.Core.Wiring;
using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>The link resources of one stack that its alarms watch; null where the stack has none of the kind.</summary>
/// <param name="LoadBalancer">The NLB (relay, or the provider's in native mode).</param>
/// <param name="TargetGroup">Its target group.</param>
/// <param name="EndpointService">The endpoint service on it.</param>
/// <param name="LoadBalancerNetwork">The network of the NLB's subnets (per-AZ alarms name their AZ).</param>
/// <param name="Endpoint">A consumer's interface endpoint.</param>
/// <param name="EndpointServiceName">The service name the endpoint connects to.</param>
/// <param name="EndpointVpcId">The endpoint's VPC.</param>
public sealed record MonitoredLinks(
    ResourceModel? LoadBalancer = null,
    ResourceModel? TargetGroup = null,
    ResourceModel? EndpointService = null,
    NetworkRefs? LoadBalancerNetwork = null,
    ResourceModel? Endpoint = null,
    CfnValue? EndpointServiceName = null,
    CfnValue? EndpointVpcId = null);

/// <summary>
/// The monitoring of one stack, exactly as the design's <see cref="MonitoringPlan"/> lists it (the one list that
/// <c>plan</c> shows, <c>cost</c> prices and the lab evaluates): a CloudWatch alarm per planned alarm on the metric
/// table's namespace, metric, statistic and dimension names (<see cref="CloudWatchMetrics"/>, each from AWS's
/// documentation), the SNS topic of the stack's account and Region when it lives here (with its e-mail subscription and
/// an access policy for the two services that publish to it), the dashboard, and a connection notification on the
/// endpoint service. Every reference stays inside the stack's account and Region.
/// </summary>
public static class MonitoringBlueprint
{
    /// <summary>Adds what <paramref name="plan"/> places in <paramref name="stack"/>, under a <c>Monitoring</c> scope.</summary>
    public static void Build(StackModel stack, MonitoringPlan plan, MonitoredLinks links)
    {
        if (!plan.Enabled)
            return;
        var resources = plan.Resources.Where(r => r.Stack == stack.Name && r.Alarms.Count > 0).ToList();
        var topic = plan.Topics.FirstOrDefault(t => t.Stack == stack.Name);
        var dashboard = plan.Dashboards.FirstOrDefault(d => d.Stack == stack.Name);
        var notifications = plan.Notifications.Where(n => n.Stack == stack.Name).ToList();
        if (resources.Count == 0 && topic is null && dashboard is null && notifications.Count == 0)
            return;

        var scope = stack.Scope("Monitoring");
        var topicArn = TopicArn(scope, plan, stack, topic);
        foreach (var resource in resources)
        {
            foreach (var alarm in resource.Alarms)
            {
                if (Dimensions(stack, alarm, links) is { } dimensions)
                    _ = scope.Resource(Id(alarm.Name), "AWS::CloudWatch::Alarm", Alarm(alarm, dimensions, topicArn));
            }
        }

        foreach (var (notification, i) in notifications.Select((n, i) => (n, i)))
        {
            _ = scope.Resource(i == 0 ? "ConnectionNotification" : $"ConnectionNotification{i + 1}", "AWS::EC2::VPCEndpointConnectionNotification", Cfn.Map(
                ("ConnectionEvents", Policies.Strings(notification.Events)),
                ("ConnectionNotificationArn", topicArn),
                ("ServiceId", Cfn.Ref(links.EndpointService ?? throw new InvalidOperationException($"{stack.Name} has a connection notification but no endpoint service")))));
        }

        if (dashboard is not null)
        {
            _ = scope.Resource("Dashboard", "AWS::CloudWatch::Dashboard", Cfn.Map(
                ("DashboardBody", Cfn.Sub(DashboardBody(dashboard))),
                ("DashboardName", dashboard.Name)));
        }
    }

    /// <summary>
    /// The topic the stack's alarms and notifications publish to: the user's (in this account and Region), the one
    /// created here, or the one another stack of this account and Region created (by its ARN: names are fixed, so no
    /// cross-stack reference is needed).
    /// </summary>
    private static CfnValue TopicArn(ModelScope scope, MonitoringPlan plan, StackModel stack, PlannedTopic? here)
    {
        var topic = here ?? plan.Topics.First(t => t.Account == stack.Environment.Account && t.Region == stack.Environment.Region);
        if (topic.ExistingArn is { } existing)
            return existing;
        if (here is null)
            return Cfn.Sub($"arn:${{AWS::Partition}}:sns:${{AWS::Region}}:${{AWS::AccountId}}:{topic.TopicName}");

        var created = scope.Resource("Topic", "AWS::SNS::Topic", Cfn.Map(("DisplayName", topic.TopicName), ("TopicName", topic.TopicName)));
        _ = scope.Resource("TopicPolicy", "AWS::SNS::TopicPolicy", Cfn.Map(
            ("PolicyDocument", TopicPolicy(Cfn.Ref(created))),
            ("Topics", Cfn.List(Cfn.Ref(created)))));
        if (topic.Email is { } email)
        {
            _ = scope.Resource("EmailSubscription", "AWS::SNS::Subscription", Cfn.Map(
                ("Endpoint", email), ("Protocol", "email"), ("TopicArn", Cfn.Ref(created))));
        }

        return Cfn.Ref(created);
    }

    /// <summary>
    /// Who may publish: CloudWatch alarms of this account (the service principal cloudwatch.amazonaws.com scoped by
    /// aws:SourceArn and aws:SourceAccount against the confused deputy: Amazon SNS Developer Guide, "Example cases for
    /// Amazon SNS access control", https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html) and AWS PrivateLink for this account's
    /// endpoint services ("Receive alerts for endpoint service events", AWS PrivateLink guide,
    /// https://docs.aws.amazon.com/vpc/latest/privatelink/create-notification-endpoint-service.html: "add an access
    /// policy to the SNS topic that allows AWS PrivateLink to publish notifications on your behalf", principal
    /// vpce.amazonaws.com); nobody over plain HTTP (aws:SecureTransport, as AWS's SNS security best practices advise).
    /// </summary>
    private static CfnValue TopicPolicy(CfnValue topicArn) => Policies.Document(
        Cfn.Map(
            ("Sid", "CloudWatchAlarmsOfThisAccount"),
            ("Effect", "Allow"),
            ("Principal", Cfn.Map(("Service", "cloudwatch.amazonaws.com"))),
            ("Action", "sns:Publish"),
            ("Resource", topicArn),
            ("Condition", Cfn.Map(
                ("ArnLike", Cfn.Map(("aws:SourceArn", Cfn.Sub("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:*")))),
                ("StringEquals", Cfn.Map(("aws:SourceAccount", Cfn.AccountId)))))),
        Cfn.Map(
            ("Sid", "PrivateLinkNotificationsOfThisAccount"),
            ("Effect", "Allow"),
            ("Principal", Cfn.Map(("Service", "vpce.amazonaws.com"))),
            ("Action", "sns:Publish"),
            ("Resource", topicArn),
            ("Condition", Cfn.Map(
                ("ArnLike", Cfn.Map(("aws:SourceArn", Cfn.Sub("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-endpoint-service/*")))),
                ("StringEquals", Cfn.Map(("aws:SourceAccount", Cfn.AccountId)))))),
        Cfn.Map(
            ("Sid", "TlsOnly"),
            ("Effect", "Deny"),
            ("Principal", "*"),
            ("Action", "sns:Publish"),
            ("Resource", topicArn),
            ("Condition", Cfn.Map(("Bool", Cfn.Map(("aws:SecureTransport", "false")))))));

    private static CfnMap Alarm(PlannedAlarm alarm, IReadOnlyList<(string Name, CfnValue Value)> dimensions, CfnValue topicArn) => Cfn.Map(
        ("AlarmActions", Cfn.List(topicArn)),
        ("AlarmDescription", alarm.Description),
        ("AlarmName", alarm.Name),
        ("ComparisonOperator", alarm.Comparison.ToString()),
        ("DatapointsToAlarm", alarm.DatapointsToAlarm),
        ("Dimensions", Cfn.List(dimensions.Select(d => (CfnValue)Cfn.Map(("Name", d.Name), ("Value", d.Value))))),
        ("EvaluationPeriods", alarm.EvaluationPeriods),
        ("MetricName", alarm.Metric.MetricName),
        ("Namespace", alarm.Metric.Namespace),
        ("OKActions", Cfn.List(topicArn)),
        ("Period", alarm.PeriodSeconds),
        ("Statistic", alarm.Metric.Statistic),
        ("Threshold", alarm.Threshold),
        ("TreatMissingData", alarm.TreatMissingData));

    /// <summary>
    /// The value of each of the metric's dimensions, in the table's order and with its exact names; null when a value
    /// cannot be named in this stack (a per-AZ alarm in an existing subnet placed by AZ ID: its AZ name is unknown).
    /// </summary>
    private static List<(string Name, CfnValue Value)>? Dimensions(StackModel stack, PlannedAlarm alarm, MonitoredLinks links)
    {
        var values = new List<(string, CfnValue)>();
        foreach (var name in alarm.Metric.DimensionNames)
        {
            CfnValue? value = (alarm.Metric.Signal, name) switch
            {
                (Signal.UnhealthyHosts or Signal.HealthyHosts, "LoadBalancer") => Cfn.GetAtt(Need(links.LoadBalancer, name), "LoadBalancerFullName"),
                (Signal.UnhealthyHosts or Signal.HealthyHosts, "TargetGroup") => Cfn.GetAtt(Need(links.TargetGroup, name), "TargetGroupFullName"),
                (Signal.ResetPackets, "Service Id") => Cfn.Ref(Need(links.EndpointService, name)),
                (Signal.ResetPackets, "Load Balancer Arn") => Cfn.Ref(Need(links.LoadBalancer, name)),
                (Signal.ResetPackets, "Az") => AzName(stack, links.LoadBalancerNetwork, alarm.AzId),
                (Signal.PacketsDropped, "Endpoint Type") => "Interface",
                (Signal.PacketsDropped, "Service Name") => links.EndpointServiceName,
                (Signal.PacketsDropped, "VPC Endpoint Id") => Cfn.Ref(Need(links.Endpoint, name)),
                (Signal.PacketsDropped, "VPC Id") => links.EndpointVpcId,
                _ => throw new InvalidOperationException($"no value for dimension '{name}' of {alarm.Metric.Namespace} {alarm.Metric.MetricName}"),
            };
            if (value is null)
                return null;
            values.Add((name, value));
        }

        return values;
    }

    /// <summary>
    /// The AZ name of the NLB subnet in <paramref name="zone"/>: its subnet's <c>AvailabilityZone</c> attribute ("The
    /// Availability Zone of this subnet. For example, us-east-1a.", AWS::EC2::Subnet return values), the zone itself
    /// when it was given as a name, or, for an existing subnet given by AZ ID (whose name differs per account and is
    /// not in the template), a parameter <c>deploy</c> fills from the subnet (<see cref="ZoneNameInput"/>) or <c>--input</c> gives.
    /// </summary>
    private static CfnValue? AzName(StackModel stack, NetworkRefs? network, string? zone)
    {
        if (network is null || zone is null)
            return null;
        var index = network.Spec.PrivateSubnets.ToList().FindIndex(s => s.Zone == zone);
        if (index < 0)
            return null;
        if (network.PrivateSubnetIds[index] is CfnRef { Target: ResourceModel subnet })
            return Cfn.GetAtt(subnet, "AvailabilityZone");
        var plan = network.Spec.PrivateSubnets[index];
        if (!plan.ZoneIsId)
            return zone;
        if (plan.ExistingSubnetId is not { } subnetId)
            return null;
        var name = ZoneNameInput.ParameterName(zone);
        var parameter = stack.Elements().OfType<ParameterModel>().FirstOrDefault(p => p.Id == name)
            ?? stack.Parameter(name, new ParameterSpec("String",
                $"Name of AZ {zone} in this account, for the reset alarm's Az dimension (deploy reads it from subnet {subnetId})", ZoneNameInput.Pattern, $"must match {ZoneNameInput.Pattern}"));
        var sources = stack.Metadata.FirstOrDefault(m => m.Key == ZoneNameInput.SourcesMetadataKey).Value as CfnMap;
        var entries = (sources?.Entries ?? []).Where(e => e.Key != name).Append(new(name, subnetId)).ToList();
        stack.SetMetadata(ZoneNameInput.SourcesMetadataKey, new CfnMap(entries));
        return Cfn.Ref(parameter);
    }

    /// <summary>
    /// A CloudWatch dashboard body (Amazon CloudWatch API Reference, "Dashboard body structure and syntax",
    /// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html): an
    /// alarm status widget over every alarm of the account and Region, then a metric widget per alarm showing the alarm's
    /// own metric (<c>annotations.alarms</c>). Alarms are named by ARN, built from their fixed names, so alarms of other
    /// stacks in the same account and Region need no reference. A Fn::Sub template: the Region, partition and account.
    /// </summary>
    private static string DashboardBody(PlannedDashboard dashboard)
    {
        static string Arn(string name) => $"\"arn:${{AWS::Partition}}:cloudwatch:${{AWS::Region}}:${{AWS::AccountId}}:alarm:{name}\"";
        var widgets = new List<string>
        {
            $"{{\"type\":\"alarm\",\"x\":0,\"y\":0,\"width\":24,\"height\":{2 + dashboard.Alarms.Count / 4 * 2},\"properties\":{{\"title\":\"{dashboard.Name} alarms\",\"alarms\":[{string.Join(",", dashboard.Alarms.Select(Arn))}]}}}}",
        };
        var top = 2 + dashboard.Alarms.Count / 4 * 2;
        widgets.AddRange(dashboard.Alarms.Select((name, i) =>
            $"{{\"type\":\"metric\",\"x\":{i % 2 * 12},\"y\":{top + i / 2 * 6},\"width\":12,\"height\":6,\"properties\":{{\"title\":\"{name}\",\"region\":\"${{AWS::Region}}\",\"view\":\"timeSeries\",\"annotations\":{{\"alarms\":[{Arn(name)}]}}}}}}"));
        return $"{{\"widgets\":[{string.Join(",", widgets)}]}}";
    }

    /// <summary>A construct ID for an alarm: its name in PascalCase.</summary>
    private static string Id(string alarmName) => "Alarm" + ZoneNameInput.Pascal(alarmName);

    private static ResourceModel Need(ResourceModel? resource, string dimension) =>
        resource ?? throw new InvalidOperationException($"the stack has no resource for dimension '{dimension}'");
}
