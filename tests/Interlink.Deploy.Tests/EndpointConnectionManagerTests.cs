using Interlink.Deploy.Aws;

namespace Interlink.Deploy.Tests;

/// <summary>
/// Accepting connections: only pending ones, only from the allowed consumer accounts; destroying: every
/// remaining connection is rejected first. The EC2 requests are checked exactly, without AWS.
/// </summary>
public class EndpointConnectionManagerTests
{
    private const string Service = "vpce-svc-0123456789abcdef0";

    [Fact]
    public async Task Only_pending_connections_of_allowed_accounts_are_accepted()
    {
        var api = new FakeApi(
            new EndpointConnection("vpce-b", "333333333333", "pendingAcceptance"),
            new EndpointConnection("vpce-a", "333333333333", "pendingAcceptance"),
            new EndpointConnection("vpce-stranger", "999999999999", "pendingAcceptance"),
            new EndpointConnection("vpce-old", "333333333333", "available"));
        var manager = new EndpointConnectionManager(_ => api);

        var accepted = await manager.AcceptPendingAsync(Ref(["333333333333"]), CancellationToken.None);

        Assert.Equal(["vpce-a", "vpce-b"], accepted);
        Assert.Equal([("accept", Service, "vpce-a,vpce-b")], api.Calls);
    }

    [Fact]
    public async Task A_null_account_means_the_provider_side_s_own_account()
    {
        var api = new FakeApi(new EndpointConnection("vpce-self", "111111111111", "pendingAcceptance"), new EndpointConnection("vpce-other", "222222222222", "pendingAcceptance"))
        {
            Caller = "111111111111",
        };

        var accepted = await new EndpointConnectionManager(_ => api).AcceptPendingAsync(Ref([null]), CancellationToken.None);

        Assert.Equal(["vpce-self"], accepted);
    }

    [Fact]
    public async Task Nothing_pending_from_allowed_accounts_sends_no_accept_request()
    {
        var api = new FakeApi(new EndpointConnection("vpce-x", "999999999999", "pendingAcceptance"));
        var accepted = await new EndpointConnectionManager(_ => api).AcceptPendingAsync(Ref(["333333333333"]), CancellationToken.None);

        Assert.Empty(accepted);
        Assert.Empty(api.Calls);
    }

    [Fact]
    public async Task Before_a_service_is_destroyed_every_live_connection_is_rejected_whoever_owns_it()
    {
        var api = new FakeApi(
            new EndpointConnection("vpce-a", "333333333333", "available"),
            new EndpointConnection("vpce-b", "999999999999", "pendingAcceptance"),
            new EndpointConnection("vpce-c", "333333333333", "rejected"));

        var rejected = await new EndpointConnectionManager(_ => api).RejectAllAsync(Ref(["333333333333"]), CancellationToken.None);

        Assert.Equal(["vpce-a", "vpce-b"], rejected);
        Assert.Equal([("reject", Service, "vpce-a,vpce-b")], api.Calls);
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

    private static EndpointServiceRef Ref(IReadOnlyList<string?> accounts) => new("relay", Service, "us-west-2", null, accounts);

    private sealed class FakeApi(params EndpointConnection[] connections) : IEndpointConnectionApi
    {
        public string Caller { get; init; } = "000000000000";

        public List<(string Action, string Service, string Endpoints)> Calls { get; } = [];

        public Task<string> CallerAccountAsync(CancellationToken cancellationToken) => Task.FromResult(Caller);

        public Task<IReadOnlyList<EndpointConnection>> ListAsync(string serviceId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<EndpointConnection>>(serviceId == Service ? connections : []);

        public Task AcceptAsync(string serviceId, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken)
        {
            Calls.Add(("accept", serviceId, string.Join(',', endpointIds)));
            return Task.CompletedTask;
        }

        public Task RejectAsync(string serviceId, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken)
        {
            Calls.Add(("reject", serviceId, string.Join(',', endpointIds)));
            return Task.CompletedTask;
        }
    }
}
