using Amazon.EC2.Model;
using Interlink.Deploy.Aws;
using Interlink.Testing;

namespace Interlink.Deploy.Tests;

/// <summary>
/// Peering DNS options are set by deploy through EC2 (no Lambda): each side by its owner, in its own Region, once
/// the peering is active; left alone when already on; a peering that never becomes active is a plain failure.
/// </summary>
public class PeeringDnsOptionsTests
{
    private const string Peering = "pcx-0123456789abcdef0";
    private const string RelayRole = "arn:aws:iam::222222222222:role/orders-relay-eu-west-1-OperatorRole";
    private const string RoutesRole = "arn:aws:iam::111111111111:role/orders-provider-routes-OperatorRole";

    private readonly FakeAws aws = new() { AmbientAccount = "111111111111" };

    public PeeringDnsOptionsTests() => aws.Peerings[Peering] = new FakePeering("eu-west-1", "us-east-1");

    [Fact]
    public async Task The_requester_side_waits_for_active_then_is_set_in_the_relay_s_Region_as_the_relay_s_operator_role()
    {
        aws.Peerings[Peering].States.Clear();
        foreach (var state in new[] { "pending-acceptance", "provisioning", "active" })
            aws.Peerings[Peering].States.Enqueue(state);

        var changed = await Options().EnsureAsync(Requester(), CancellationToken.None);

        Assert.True(changed);
        Assert.True(aws.Peerings[Peering].RequesterDns);
        Assert.False(aws.Peerings[Peering].AccepterDns);
        Assert.Equal(3, aws.CallsOf("DescribeVpcPeeringConnections").Count);
        var modify = Assert.Single(aws.CallsOf("ModifyVpcPeeringConnectionOptions"));
        Assert.Equal(("eu-west-1", $"role:{RelayRole}"), (modify.Region, modify.Caller));
        var request = Assert.IsType<ModifyVpcPeeringConnectionOptionsRequest>(modify.Request);
        Assert.Equal(Peering, request.VpcPeeringConnectionId);
        Assert.True(request.RequesterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc);
        Assert.Null(request.AccepterPeeringConnectionOptions);
    }

    [Fact]
    public async Task The_accepter_side_is_set_in_the_provider_s_Region_as_the_provider_routes_operator_role()
    {
        await Options().EnsureAsync(new PeeringDnsSide(Peering, PeeringSide.Accepter,
            new OperatorTarget("orders-provider-routes", "us-east-1", "111111111111", null, RoutesRole)), CancellationToken.None);

        Assert.True(aws.Peerings[Peering].AccepterDns);
        var modify = Assert.Single(aws.CallsOf("ModifyVpcPeeringConnectionOptions"));
        Assert.Equal("us-east-1", modify.Region);
        var request = Assert.IsType<ModifyVpcPeeringConnectionOptionsRequest>(modify.Request);
        Assert.True(request.AccepterPeeringConnectionOptions.AllowDnsResolutionFromRemoteVpc);
        Assert.Null(request.RequesterPeeringConnectionOptions);
    }

    [Fact]
    public async Task An_option_already_on_is_left_alone()
    {
        aws.Peerings[Peering].RequesterDns = true;

        var changed = await Options().EnsureAsync(Requester(), CancellationToken.None);

        Assert.False(changed);
        Assert.Empty(aws.CallsOf("ModifyVpcPeeringConnectionOptions"));
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("rejected")]
    public async Task A_peering_that_cannot_become_active_fails_at_once_with_its_state(string state)
    {
        aws.Peerings[Peering].States.Clear();
        aws.Peerings[Peering].States.Enqueue(state);

        var error = await Assert.ThrowsAsync<DeployStepException>(() => Options().EnsureAsync(Requester(), CancellationToken.None));

        Assert.Contains($"{Peering} is {state}", error.Message, StringComparison.Ordinal);
        Assert.Single(aws.CallsOf("DescribeVpcPeeringConnections"));
    }

    [Fact]
    public async Task A_peering_still_pending_when_the_wait_ends_fails_naming_the_wait()
    {
        aws.Peerings[Peering].States.Clear();
        aws.Peerings[Peering].States.Enqueue("pending-acceptance");

        var error = await Assert.ThrowsAsync<DeployStepException>(() => Options().EnsureAsync(Requester(), CancellationToken.None));

        Assert.Contains("pending-acceptance", error.Message, StringComparison.Ordinal);
        Assert.Contains("after", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_EC2_error_is_a_deploy_step_failure_with_AWS_s_code()
    {
        aws.Failures["ModifyVpcPeeringConnectionOptions"] = FakeAws.Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation.");

        var error = await Assert.ThrowsAsync<DeployStepException>(() => Options().EnsureAsync(Requester(), CancellationToken.None));

        Assert.Contains("UnauthorizedOperation", error.Message, StringComparison.Ordinal);
        Assert.Equal("orders-relay-eu-west-1", error.Stack);
    }

    private PeeringDnsOptions Options() => new(aws, new OperatorCredentials(aws, "orders"), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(100));

    private static PeeringDnsSide Requester() =>
        new(Peering, PeeringSide.Requester, new OperatorTarget("orders-relay-eu-west-1", "eu-west-1", "222222222222", null, RelayRole));
}
