using Amazon.EC2.Model;

namespace Interlink.Deploy.Aws;

/// <summary>One connection request to an endpoint service.</summary>
/// <param name="EndpointId">The consumer's endpoint (<c>vpce-…</c>).</param>
/// <param name="Owner">The account that owns the endpoint.</param>
/// <param name="State">pendingAcceptance, pending, available, rejected, failed, …</param>
public sealed record EndpointConnection(string EndpointId, string Owner, string State);

/// <summary>
/// Accepts pending connections from the allowed consumer accounts only (anyone else stays pending, for the
/// provider to judge), checks at the end that they all became available, and rejects every remaining connection
/// before a service is destroyed. Every call runs as the service's owner account (<see cref="OperatorCredentials"/>):
/// DescribeVpcEndpointConnections shows only the caller's own services' connections, so any other account would
/// see none and accept nothing (EC2 API Reference, DescribeVpcEndpointConnections: "Describes the VPC endpoint
/// connections to your VPC endpoint services, including any endpoints that are pending your acceptance"; states
/// pendingAcceptance | pending | available | deleting | deleted | rejected | failed —
/// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeVpcEndpointConnections.html).
/// </summary>
/// <param name="aws">Makes the EC2 clients.</param>
/// <param name="credentials">Credentials per service stack.</param>
/// <param name="pollInterval">How often the final pass looks again while connections settle. Default 10 s.</param>
/// <param name="settleTimeout">How long the final pass waits for them. Default 5 minutes.</param>
public sealed class EndpointConnectionManager(IAwsClients aws, OperatorCredentials credentials, TimeSpan? pollInterval = null, TimeSpan? settleTimeout = null)
    : IEndpointConnections
{
    /// <summary>State of a connection waiting for the provider.</summary>
    public const string PendingAcceptance = "pendingAcceptance";

    /// <summary>State of an accepted connection that is being set up.</summary>
    public const string Pending = "pending";

    /// <summary>State of a working connection.</summary>
    public const string Available = "available";

    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(10);
    private readonly TimeSpan _settle = settleTimeout ?? TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> AcceptPendingAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        var (ec2, allowed) = await OpenAsync(service, cancellationToken);
        var pending = ToAccept(await ListAsync(ec2, service, cancellationToken), allowed, []);
        await AcceptAsync(ec2, service, pending, cancellationToken);
        return pending;
    }

    /// <inheritdoc />
    public async Task<ConnectionSettlement> SettleAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        var (ec2, allowed) = await OpenAsync(service, cancellationToken);
        var accepted = new List<string>();
        var deadline = DateTime.UtcNow + _settle;
        while (true)
        {
            var connections = await ListAsync(ec2, service, cancellationToken);
            // Each endpoint is accepted once per pass: right after an accept, AWS may still list it as pending acceptance.
            var pending = ToAccept(connections, allowed, accepted);
            await AcceptAsync(ec2, service, pending, cancellationToken);
            accepted.AddRange(pending);
            var unsettled = pending.Count > 0 ? ["just accepted"] : Unsettled(connections, allowed, service.ExpectedEndpoints);
            if (unsettled.Count == 0)
                return new ConnectionSettlement(accepted.Order(StringComparer.Ordinal).ToList(), []);
            if (DateTime.UtcNow >= deadline)
                return new ConnectionSettlement(accepted.Order(StringComparer.Ordinal).ToList(), Unsettled(connections, allowed, service.ExpectedEndpoints));
            await Task.Delay(_poll, cancellationToken);
        }
    }

    /// <summary>The service's connections as its owner sees them (for <c>status --live</c>).</summary>
    public async Task<IReadOnlyList<EndpointConnection>> ListAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        var (ec2, _) = await OpenAsync(service, cancellationToken);
        return await ListAsync(ec2, service, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> RejectAllAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        var (ec2, _) = await OpenAsync(service, cancellationToken);
        var remaining = (await ListAsync(ec2, service, cancellationToken))
            .Where(c => c.State is PendingAcceptance or Available or Pending)
            .Select(c => c.EndpointId)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (remaining.Count > 0)
        {
            var response = await AwsCall.RunAsync(service.Stack, $"rejecting {string.Join(", ", remaining)} on {service.ServiceId} (ec2:RejectVpcEndpointConnections in {service.Region})",
                () => ec2.RejectVpcEndpointConnectionsAsync(Ec2Requests.Reject(service.ServiceId, remaining), cancellationToken));
            ThrowOnUnsuccessful(service, "rejecting", response.Unsuccessful);
        }

        return remaining;
    }

    /// <summary>EC2 with the owner's credentials, and the allowed accounts with "the service's own account" resolved.</summary>
    private async Task<(IEc2Api Ec2, HashSet<string> Allowed)> OpenAsync(EndpointServiceRef service, CancellationToken cancellationToken)
    {
        var session = await credentials.ForAsync(service.Operator, cancellationToken);
        var allowed = service.AllowedAccounts.Select(a => a ?? session.Account).ToHashSet(StringComparer.Ordinal);
        return (aws.Ec2(service.Region, session.Credentials), allowed);
    }

    private static List<string> ToAccept(IReadOnlyList<EndpointConnection> connections, HashSet<string> allowed, IReadOnlyCollection<string> alreadyAccepted) =>
        connections.Where(c => c.State == PendingAcceptance && allowed.Contains(c.Owner) && !alreadyAccepted.Contains(c.EndpointId))
            .Select(c => c.EndpointId)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>What keeps the service from being done: allowed connections not available, expected endpoints missing or not available.</summary>
    private static List<string> Unsettled(IReadOnlyList<EndpointConnection> connections, HashSet<string> allowed, IReadOnlyList<ExpectedEndpoint> expected)
    {
        var problems = connections
            .Where(c => allowed.Contains(c.Owner) && c.State is PendingAcceptance or Pending)
            .OrderBy(c => c.EndpointId, StringComparer.Ordinal)
            .Select(c => $"{c.EndpointId} (account {c.Owner}) is {c.State}")
            .ToList();
        var byId = connections.ToDictionary(c => c.EndpointId, StringComparer.Ordinal);
        foreach (var endpoint in expected.OrderBy(e => e.EndpointId, StringComparer.Ordinal))
        {
            if (!byId.TryGetValue(endpoint.EndpointId, out var connection))
                problems.Add($"{endpoint.EndpointId} of {endpoint.ConsumerStack} is not among the service's connections");
            else if (connection.State is not (Available or PendingAcceptance or Pending) || !allowed.Contains(connection.Owner))
                problems.Add($"{endpoint.EndpointId} of {endpoint.ConsumerStack} (account {connection.Owner}) is {connection.State}");
        }

        return problems;
    }

    private static async Task<IReadOnlyList<EndpointConnection>> ListAsync(IEc2Api ec2, EndpointServiceRef service, CancellationToken cancellationToken)
    {
        var connections = new List<EndpointConnection>();
        var request = Ec2Requests.ListConnections(service.ServiceId);
        do
        {
            var response = await AwsCall.RunAsync(service.Stack, $"listing the connections of {service.ServiceId} (ec2:DescribeVpcEndpointConnections in {service.Region})",
                () => ec2.DescribeVpcEndpointConnectionsAsync(request, cancellationToken));
            connections.AddRange((response.VpcEndpointConnections ?? []).Select(c => new EndpointConnection(c.VpcEndpointId, c.VpcEndpointOwner, c.VpcEndpointState?.Value ?? "")));
            request.NextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(request.NextToken));
        return connections;
    }

    private static async Task AcceptAsync(IEc2Api ec2, EndpointServiceRef service, List<string> endpointIds, CancellationToken cancellationToken)
    {
        if (endpointIds.Count == 0)
            return;
        var response = await AwsCall.RunAsync(service.Stack, $"accepting {string.Join(", ", endpointIds)} on {service.ServiceId} (ec2:AcceptVpcEndpointConnections in {service.Region})",
            () => ec2.AcceptVpcEndpointConnectionsAsync(Ec2Requests.Accept(service.ServiceId, endpointIds), cancellationToken));
        ThrowOnUnsuccessful(service, "accepting", response.Unsuccessful);
    }

    /// <summary>Accept and reject answer 200 with a per-endpoint error list; an entry there is a failure like any other.</summary>
    private static void ThrowOnUnsuccessful(EndpointServiceRef service, string doing, List<UnsuccessfulItem>? unsuccessful)
    {
        if (unsuccessful is not { Count: > 0 })
            return;
        var items = unsuccessful.Select(u => $"{u.ResourceId}: {u.Error?.Code}: {u.Error?.Message}");
        throw new DeployStepException(service.Stack, $"{doing} connections on {service.ServiceId} failed for {string.Join("; ", items)}");
    }
}

/// <summary>The exact EC2 requests Interlink sends (built here so tests can check them without AWS).</summary>
public static class Ec2Requests
{
    /// <summary>Every connection of a service (paged).</summary>
    public static DescribeVpcEndpointConnectionsRequest ListConnections(string serviceId) => new()
    {
        Filters = [new Filter { Name = "service-id", Values = [serviceId] }],
        MaxResults = 100,
    };

    /// <summary>Accept the given endpoints.</summary>
    public static AcceptVpcEndpointConnectionsRequest Accept(string serviceId, IReadOnlyList<string> endpointIds) =>
        new() { ServiceId = serviceId, VpcEndpointIds = endpointIds.ToList() };

    /// <summary>Reject the given endpoints.</summary>
    public static RejectVpcEndpointConnectionsRequest Reject(string serviceId, IReadOnlyList<string> endpointIds) =>
        new() { ServiceId = serviceId, VpcEndpointIds = endpointIds.ToList() };

    /// <summary>One peering connection.</summary>
    public static DescribeVpcPeeringConnectionsRequest DescribePeering(string peeringConnectionId) =>
        new() { VpcPeeringConnectionIds = [peeringConnectionId] };

    /// <summary>Switch DNS resolution from the remote VPC on, for <paramref name="side"/> only.</summary>
    public static ModifyVpcPeeringConnectionOptionsRequest AllowDnsResolution(string peeringConnectionId, PeeringSide side)
    {
        var on = new PeeringConnectionOptionsRequest { AllowDnsResolutionFromRemoteVpc = true };
        return side == PeeringSide.Requester
            ? new ModifyVpcPeeringConnectionOptionsRequest { VpcPeeringConnectionId = peeringConnectionId, RequesterPeeringConnectionOptions = on }
            : new ModifyVpcPeeringConnectionOptionsRequest { VpcPeeringConnectionId = peeringConnectionId, AccepterPeeringConnectionOptions = on };
    }
}
