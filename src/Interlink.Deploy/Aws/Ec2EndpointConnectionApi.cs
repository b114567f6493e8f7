using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Interlink.Deploy.Aws;

/// <summary><see cref="IEndpointConnectionApi"/> over the AWS SDK for .NET (EC2, STS).</summary>
public sealed class Ec2EndpointConnectionApi : IEndpointConnectionApi, IDisposable
{
    private readonly AmazonEC2Client _ec2;
    private readonly AmazonSecurityTokenServiceClient _sts;

    /// <summary>Clients for <paramref name="region"/> with <paramref name="profile"/>'s credentials (ambient when null).</summary>
    public Ec2EndpointConnectionApi(string region, string? profile)
    {
        var endpoint = RegionEndpoint.GetBySystemName(region);
        var credentials = AwsCredentials.For(profile);
        _ec2 = credentials is null ? new AmazonEC2Client(endpoint) : new AmazonEC2Client(credentials, endpoint);
        _sts = credentials is null ? new AmazonSecurityTokenServiceClient(endpoint) : new AmazonSecurityTokenServiceClient(credentials, endpoint);
    }

    /// <inheritdoc />
    public async Task<string> CallerAccountAsync(CancellationToken cancellationToken) =>
        (await _sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account;

    /// <inheritdoc />
    public async Task<IReadOnlyList<EndpointConnection>> ListAsync(string serviceId, CancellationToken cancellationToken)
    {
        var connections = new List<EndpointConnection>();
        var request = Ec2Requests.ListConnections(serviceId);
        do
        {
            var response = await _ec2.DescribeVpcEndpointConnectionsAsync(request, cancellationToken);
            connections.AddRange((response.VpcEndpointConnections ?? []).Select(c => new EndpointConnection(c.VpcEndpointId, c.VpcEndpointOwner, c.VpcEndpointState?.Value ?? "")));
            request.NextToken = response.NextToken;
        }
        while (!string.IsNullOrEmpty(request.NextToken));
        return connections;
    }

    /// <inheritdoc />
    public Task AcceptAsync(string serviceId, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken) =>
        _ec2.AcceptVpcEndpointConnectionsAsync(Ec2Requests.Accept(serviceId, endpointIds), cancellationToken);

    /// <inheritdoc />
    public Task RejectAsync(string serviceId, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken) =>
        _ec2.RejectVpcEndpointConnectionsAsync(Ec2Requests.Reject(serviceId, endpointIds), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _ec2.Dispose();
        _sts.Dispose();
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
}

/// <summary>Credentials from a named profile (shared config and credentials files), or null for the SDK's default chain.</summary>
public static class AwsCredentials
{
    /// <summary>The profile's credentials; throws <see cref="DeployException"/> when it does not exist.</summary>
    public static AWSCredentials? For(string? profile)
    {
        if (profile is null)
            return null;
        if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials))
            return credentials;
        throw new DeployException($"AWS profile '{profile}' is not in ~/.aws/config or ~/.aws/credentials; create it (aws configure --profile {profile}) or fix --profile");
    }
}
