using Amazon.EC2.Model;
using Interlink.Deploy.Aws;
using Interlink.Testing;

namespace Interlink.Deploy.Tests;

/// <summary>
/// Accepting connections: only pending ones, only from the allowed consumer accounts, always as the service's owner
/// account; the final pass fails plainly when one stays pending; destroying: every remaining connection is rejected
/// first. The EC2 requests are checked exactly, against a fake EC2 that, like AWS, shows a service's connections to
/// its owner only.
/// </summary>
public class EndpointConnectionManagerTests
{
    private const string Service = "vpce-svc-0123456789abcdef0";
    private const string Relay = "222222222222";
    private const string Role = "arn:aws:iam::222222222222:role/shop-relay-us-west-2-OperatorRole";

    private readonly FakeAws aws = new() { AmbientAccount = "111111111111" };

    [Fact]
    public async Task Only_pending_connections_of_allowed_accounts_are_accepted()
    {
        Connections(("vpce-b", "333333333333", "pendingAcceptance"), ("vpce-a", "333333333333", "pendingAcceptance"),
            ("vpce-stranger", "999999999999", "pendingAcceptance"), ("vpce-old", "333333333333", "available"));

        var accepted = await Manager().AcceptPendingAsync(Ref(["333333333333"]), CancellationToken.None);

        Assert.Equal(["vpce-a", "vpce-b"], accepted);
        var accept = Assert.Single(aws.CallsOf("AcceptVpcEndpointConnections"));
        var request = Assert.IsType<AcceptVpcEndpointConnectionsRequest>(accept.Request);
        Assert.Equal(Service, request.ServiceId);
        Assert.Equal(["vpce-a", "vpce-b"], request.VpcEndpointIds);
        Assert.Equal("pendingAcceptance", aws.Services[Service].Connections["vpce-stranger"].State);
    }

    [Fact]
    public async Task Every_EC2_call_runs_as_the_service_owner_through_the_stack_s_operator_role_in_the_service_s_Region()
    {
        Connections(("vpce-a", "333333333333", "pendingAcceptance"));

        await Manager().AcceptPendingAsync(Ref(["333333333333"]), CancellationToken.None);

        var ec2 = aws.Calls.Where(c => !c.Operation.StartsWith("Get", StringComparison.Ordinal) && c.Operation != "AssumeRole").ToList();
        Assert.Equal(["DescribeVpcEndpointConnections", "AcceptVpcEndpointConnections"], ec2.Select(c => c.Operation));
        Assert.All(ec2, c => Assert.Equal(("us-west-2", $"role:{Role}"), (c.Region, c.Caller)));
        var describe = Assert.IsType<DescribeVpcEndpointConnectionsRequest>(ec2[0].Request);
        var filter = Assert.Single(describe.Filters);
        Assert.Equal("service-id", filter.Name);
        Assert.Equal([Service], filter.Values);
    }

    [Fact]
    public async Task A_null_account_means_the_service_owner_s_own_account()
    {
        Connections(("vpce-self", Relay, "pendingAcceptance"), ("vpce-other", "444444444444", "pendingAcceptance"));

        var accepted = await Manager().AcceptPendingAsync(Ref([null]), CancellationToken.None);

        Assert.Equal(["vpce-self"], accepted);
    }

    [Fact]
    public async Task Nothing_pending_from_allowed_accounts_sends_no_accept_request()
    {
        Connections(("vpce-x", "999999999999", "pendingAcceptance"));

        var accepted = await Manager().AcceptPendingAsync(Ref(["333333333333"]), CancellationToken.None);

        Assert.Empty(accepted);
        Assert.Empty(aws.CallsOf("AcceptVpcEndpointConnections"));
    }

    [Fact]
    public async Task The_final_pass_accepts_and_reports_nothing_when_every_allowed_connection_becomes_available()
    {
        Connections(("vpce-a", "333333333333", "pendingAcceptance"));

        var settlement = await Manager().SettleAsync(Ref(["333333333333"], new ExpectedEndpoint("shop-consumer-west", "vpce-a")), CancellationToken.None);

        Assert.Equal(["vpce-a"], settlement.Accepted);
        Assert.Empty(settlement.Unsettled);
    }

    [Fact]
    public async Task The_final_pass_names_a_connection_that_stays_pending()
    {
        Connections(("vpce-a", "333333333333", "pendingAcceptance"));
        aws.StuckEndpoints.Add("vpce-a");

        var settlement = await Manager().SettleAsync(Ref(["333333333333"]), CancellationToken.None);

        Assert.Equal(["vpce-a (account 333333333333) is pendingAcceptance"], settlement.Unsettled);
        Assert.Single(aws.CallsOf("AcceptVpcEndpointConnections")); // accepted once, not hammered
    }

    [Fact]
    public async Task The_final_pass_names_a_consumer_endpoint_the_service_never_saw()
    {
        Connections();

        var settlement = await Manager().SettleAsync(Ref(["333333333333"], new ExpectedEndpoint("shop-consumer-west", "vpce-missing")), CancellationToken.None);

        Assert.Equal(["vpce-missing of shop-consumer-west is not among the service's connections"], settlement.Unsettled);
    }

    [Fact]
    public async Task An_EC2_error_is_a_deploy_step_failure_with_AWS_s_code_the_stack_and_the_service()
    {
        Connections(("vpce-a", "333333333333", "pendingAcceptance"));
        aws.Failures["AcceptVpcEndpointConnections"] = FakeAws.Ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation.");

        var error = await Assert.ThrowsAsync<DeployStepException>(() => Manager().AcceptPendingAsync(Ref(["333333333333"]), CancellationToken.None));

        Assert.Equal("shop-relay-us-west-2", error.Stack);
        Assert.Contains("UnauthorizedOperation", error.Message, StringComparison.Ordinal);
        Assert.Contains(Service, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Before_a_service_is_destroyed_every_live_connection_is_rejected_whoever_owns_it()
    {
        Connections(("vpce-a", "333333333333", "available"), ("vpce-b", "999999999999", "pendingAcceptance"), ("vpce-c", "333333333333", "rejected"));

        var rejected = await Manager().RejectAllAsync(Ref(["333333333333"]), CancellationToken.None);

        Assert.Equal(["vpce-a", "vpce-b"], rejected);
        var reject = Assert.IsType<RejectVpcEndpointConnectionsRequest>(Assert.Single(aws.CallsOf("RejectVpcEndpointConnections")).Request);
        Assert.Equal(Service, reject.ServiceId);
        Assert.Equal(["vpce-a", "vpce-b"], reject.VpcEndpointIds);
    }

    [Fact]
    public void The_EC2_requests_name_the_service_and_exactly_the_endpoints()
    {
        var list = Ec2Requests.ListConnections(Service);
        var filter = Assert.Single(list.Filters);
        Assert.Equal("service-id", filter.Name);
        Assert.Equal([Service], filter.Values);

        var accept = Ec2Requests.Accept(Service, ["vpce-a", "vpce-b"]);
        Assert.Equal(Service, accept.ServiceId);
        Assert.Equal(["vpce-a", "vpce-b"], accept.VpcEndpointIds);

        var reject = Ec2Requests.Reject(Service, ["vpce-c"]);
        Assert.Equal(Service, reject.ServiceId);
        Assert.Equal(["vpce-c"], reject.VpcEndpointIds);
    }

    private EndpointConnectionManager Manager() =>
        new(aws, new OperatorCredentials(aws, "shop"), TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(60));

    private void Connections(params (string Id, string Owner, string State)[] connections)
    {
        var service = new FakeService(Relay, "us-west-2");
        foreach (var (id, owner, state) in connections)
            service.Connections[id] = (owner, state);
        aws.Services[Service] = service;
    }

    private static EndpointServiceRef Ref(IReadOnlyList<string?> accounts, params ExpectedEndpoint[] expected) =>
        new("shop-relay-us-west-2", Service, new OperatorTarget("shop-relay-us-west-2", "us-west-2", Relay, null, Role), accounts, expected);
}
