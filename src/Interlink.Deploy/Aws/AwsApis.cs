using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SimpleSystemsManagement;

namespace Interlink.Deploy.Aws;

/// <summary>The two STS calls Interlink makes, with the SDK's own request and response types.</summary>
public interface IStsApi
{
    /// <summary>STS AssumeRole.</summary>
    Task<AssumeRoleResponse> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken);

    /// <summary>STS GetCallerIdentity.</summary>
    Task<GetCallerIdentityResponse> GetCallerIdentityAsync(GetCallerIdentityRequest request, CancellationToken cancellationToken);
}

/// <summary>The EC2 calls Interlink makes outside CloudFormation, with the SDK's own request and response types.</summary>
public interface IEc2Api
{
    /// <summary>EC2 DescribeVpcEndpointConnections.</summary>
    Task<DescribeVpcEndpointConnectionsResponse> DescribeVpcEndpointConnectionsAsync(DescribeVpcEndpointConnectionsRequest request, CancellationToken cancellationToken);

    /// <summary>EC2 AcceptVpcEndpointConnections.</summary>
    Task<AcceptVpcEndpointConnectionsResponse> AcceptVpcEndpointConnectionsAsync(AcceptVpcEndpointConnectionsRequest request, CancellationToken cancellationToken);

    /// <summary>EC2 RejectVpcEndpointConnections.</summary>
    Task<RejectVpcEndpointConnectionsResponse> RejectVpcEndpointConnectionsAsync(RejectVpcEndpointConnectionsRequest request, CancellationToken cancellationToken);

    /// <summary>EC2 DescribeVpcPeeringConnections.</summary>
    Task<DescribeVpcPeeringConnectionsResponse> DescribeVpcPeeringConnectionsAsync(DescribeVpcPeeringConnectionsRequest request, CancellationToken cancellationToken);

    /// <summary>EC2 ModifyVpcPeeringConnectionOptions.</summary>
    Task<ModifyVpcPeeringConnectionOptionsResponse> ModifyVpcPeeringConnectionOptionsAsync(ModifyVpcPeeringConnectionOptionsRequest request, CancellationToken cancellationToken);

    /// <summary>EC2 DescribeSubnets.</summary>
    Task<DescribeSubnetsResponse> DescribeSubnetsAsync(DescribeSubnetsRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Makes AWS clients for a Region and a set of credentials. The one seam between Interlink and the AWS SDK: the
/// real one talks to AWS; tests give fakes that record every request with its Region and credentials.
/// </summary>
public interface IAwsClients
{
    /// <summary>The credentials of a named profile, or null (the SDK's default chain: the ambient credentials).</summary>
    AWSCredentials? Profile(string? profile);

    /// <summary>STS in <paramref name="region"/> with <paramref name="credentials"/> (ambient when null).</summary>
    IStsApi Sts(string region, AWSCredentials? credentials);

    /// <summary>EC2 in <paramref name="region"/> with <paramref name="credentials"/> (ambient when null).</summary>
    IEc2Api Ec2(string region, AWSCredentials? credentials);

    /// <summary>Systems Manager Run Command in <paramref name="region"/> with <paramref name="credentials"/> (ambient when null).</summary>
    IRunCommandApi Ssm(string region, AWSCredentials? credentials);
}

/// <summary><see cref="IAwsClients"/> over the AWS SDK for .NET; disposes every client it made.</summary>
public sealed class AwsSdkClients : IAwsClients, IDisposable
{
    private readonly List<IDisposable> _made = [];

    /// <inheritdoc />
    public AWSCredentials? Profile(string? profile)
    {
        if (profile is null)
            return null;
        if (new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out var credentials))
            return credentials;
        throw new DeployException($"AWS profile '{profile}' is not in ~/.aws/config or ~/.aws/credentials; create it (aws configure --profile {profile}) or fix --profile");
    }

    /// <inheritdoc />
    public IStsApi Sts(string region, AWSCredentials? credentials)
    {
        // STS in the stack's own Region (a Regional endpoint), not the global one: it works in opt-in Regions and
        // keeps the call inside the Region whose resources deploy acts on.
        var endpoint = RegionEndpoint.GetBySystemName(region);
        return new StsApi(Keep(credentials is null ? new AmazonSecurityTokenServiceClient(endpoint) : new AmazonSecurityTokenServiceClient(credentials, endpoint)));
    }

    /// <inheritdoc />
    public IEc2Api Ec2(string region, AWSCredentials? credentials)
    {
        var endpoint = RegionEndpoint.GetBySystemName(region);
        return new Ec2Api(Keep(credentials is null ? new AmazonEC2Client(endpoint) : new AmazonEC2Client(credentials, endpoint)));
    }

    /// <inheritdoc />
    public IRunCommandApi Ssm(string region, AWSCredentials? credentials)
    {
        var endpoint = RegionEndpoint.GetBySystemName(region);
        return new SsmRunCommandApi(Keep(credentials is null ? new AmazonSimpleSystemsManagementClient(endpoint) : new AmazonSimpleSystemsManagementClient(credentials, endpoint)));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_made)
        {
            foreach (var client in _made)
                client.Dispose();
            _made.Clear();
        }
    }

    private T Keep<T>(T client)
        where T : IDisposable
    {
        lock (_made)
            _made.Add(client);
        return client;
    }

    private sealed class StsApi(IAmazonSecurityTokenService sts) : IStsApi
    {
        public Task<AssumeRoleResponse> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken) => sts.AssumeRoleAsync(request, cancellationToken);

        public Task<GetCallerIdentityResponse> GetCallerIdentityAsync(GetCallerIdentityRequest request, CancellationToken cancellationToken) => sts.GetCallerIdentityAsync(request, cancellationToken);
    }

    private sealed class Ec2Api(IAmazonEC2 ec2) : IEc2Api
    {
        public Task<DescribeVpcEndpointConnectionsResponse> DescribeVpcEndpointConnectionsAsync(DescribeVpcEndpointConnectionsRequest request, CancellationToken cancellationToken) =>
            ec2.DescribeVpcEndpointConnectionsAsync(request, cancellationToken);

        public Task<AcceptVpcEndpointConnectionsResponse> AcceptVpcEndpointConnectionsAsync(AcceptVpcEndpointConnectionsRequest request, CancellationToken cancellationToken) =>
            ec2.AcceptVpcEndpointConnectionsAsync(request, cancellationToken);

        public Task<RejectVpcEndpointConnectionsResponse> RejectVpcEndpointConnectionsAsync(RejectVpcEndpointConnectionsRequest request, CancellationToken cancellationToken) =>
            ec2.RejectVpcEndpointConnectionsAsync(request, cancellationToken);

        public Task<DescribeVpcPeeringConnectionsResponse> DescribeVpcPeeringConnectionsAsync(DescribeVpcPeeringConnectionsRequest request, CancellationToken cancellationToken) =>
            ec2.DescribeVpcPeeringConnectionsAsync(request, cancellationToken);

        public Task<ModifyVpcPeeringConnectionOptionsResponse> ModifyVpcPeeringConnectionOptionsAsync(ModifyVpcPeeringConnectionOptionsRequest request, CancellationToken cancellationToken) =>
            ec2.ModifyVpcPeeringConnectionOptionsAsync(request, cancellationToken);

        public Task<DescribeSubnetsResponse> DescribeSubnetsAsync(DescribeSubnetsRequest request, CancellationToken cancellationToken) =>
            ec2.DescribeSubnetsAsync(request, cancellationToken);
    }
}
