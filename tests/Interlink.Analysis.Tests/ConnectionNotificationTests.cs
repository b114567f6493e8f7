using Interlink.Analysis.Network;
using Interlink.Analysis.Tests.Support;

namespace Interlink.Analysis.Tests;

/// <summary>
/// A connection notification on an endpoint service only publishes connection events to SNS ("Receive alerts for
/// endpoint service events", AWS PrivateLink guide): the reachability analysis does not list it as something it
/// cannot model, so monitoring never turns a proven path into an unproven one.
/// </summary>
[Collection(ExamplesCollection.Name)]
public sealed class ConnectionNotificationTests(Examples examples)
{
    [Fact]
    public void A_connection_notification_is_not_an_unmodeled_traffic_change()
    {
        var assembly = examples["seed"];
        Assert.Contains(assembly.Stacks.Values, s => s.Resources().Any(r => r.Type == "AWS::EC2::VPCEndpointConnectionNotification"));

        var model = NetworkModelBuilder.Build(assembly);

        Assert.DoesNotContain(model.Unsupported, u => u.Type == "AWS::EC2::VPCEndpointConnectionNotification");
    }
}
