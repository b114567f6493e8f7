using Interlink.Core.Monitoring;

namespace Interlink.Core.Tests.Monitoring;

/// <summary>The metric table: the names AWS documents, each with its source, exactly as templates must write them.</summary>
public class CloudWatchMetricsTests
{
    [Fact]
    public void Every_signal_has_one_metric_with_a_namespace_a_statistic_dimensions_and_an_AWS_source()
    {
        Assert.Equal(Enum.GetValues<Signal>().Order(), CloudWatchMetrics.All.Select(m => m.Signal).Order());
        foreach (var m in CloudWatchMetrics.All)
        {
            Assert.StartsWith("AWS/", m.Namespace, StringComparison.Ordinal);
            Assert.Contains(m.Statistic, new[] { "Sum", "Average", "Minimum", "Maximum" });
            Assert.NotEmpty(m.Dimensions);
            Assert.Equal(m.Dimensions.Count, m.DimensionNames.Distinct(StringComparer.Ordinal).Count());
            Assert.All(m.Dimensions, d => Assert.False(string.IsNullOrWhiteSpace(d.Value), $"{m.MetricName}: dimension {d.Name} says nothing about its value"));
            Assert.StartsWith("https://docs.aws.amazon.com/", m.Source, StringComparison.Ordinal);
            Assert.Equal(CloudWatchMetrics.Checked, m.Checked);
            Assert.False(string.IsNullOrWhiteSpace(m.Notes));
        }
    }

    // The exact names AWS publishes (CloudWatchMetrics cites the pages): spaces and case included, because CloudWatch
    // matches the dimension set exactly and a near miss is an empty series.
    [Theory]
    [InlineData(Signal.UnhealthyHosts, "AWS/NetworkELB", "UnHealthyHostCount", "LoadBalancer|TargetGroup")]
    [InlineData(Signal.HealthyHosts, "AWS/NetworkELB", "HealthyHostCount", "LoadBalancer|TargetGroup")]
    [InlineData(Signal.ResetPackets, "AWS/PrivateLinkServices", "RstPacketsSent", "Service Id|Load Balancer Arn|Az")]
    [InlineData(Signal.PacketsDropped, "AWS/PrivateLinkEndpoints", "PacketsDropped", "Endpoint Type|Service Name|VPC Endpoint Id|VPC Id")]
    public void Names_are_exactly_as_AWS_documents_them(Signal signal, string ns, string metric, string dimensions)
    {
        var m = CloudWatchMetrics.For(signal);
        Assert.Equal(ns, m.Namespace);
        Assert.Equal(metric, m.MetricName);
        Assert.Equal(dimensions.Split('|'), m.DimensionNames);
    }

    [Fact]
    public void The_NLB_dimension_values_are_the_full_names_not_the_ARNs()
    {
        var m = CloudWatchMetrics.UnhealthyHosts;
        Assert.Contains("TargetGroupFullName", m.Dimensions.Single(d => d.Name == "TargetGroup").Value, StringComparison.Ordinal);
        Assert.Contains("LoadBalancerFullName", m.Dimensions.Single(d => d.Name == "LoadBalancer").Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_notifications_cover_connect_accept_reject_and_delete() =>
        Assert.Equal(["Connect", "Accept", "Reject", "Delete"], CloudWatchMetrics.ConnectionEvents);
}
