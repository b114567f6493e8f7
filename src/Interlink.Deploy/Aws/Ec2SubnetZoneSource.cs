using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace Interlink.Deploy.Aws;

/// <summary><see cref="ISubnetZoneSource"/> over EC2 <c>DescribeSubnets</c> (AWS SDK for .NET).</summary>
public sealed class Ec2SubnetZoneSource : ISubnetZoneSource
{
    /// <inheritdoc />
    public async Task<string> ZoneNameAsync(string subnetId, string region, string? profile, CancellationToken cancellationToken)
    {
        var endpoint = RegionEndpoint.GetBySystemName(region);
        using var clients = new AwsSdkClients();
        var credentials = clients.Profile(profile);
        using var ec2 = credentials is null ? new AmazonEC2Client(endpoint) : new AmazonEC2Client(credentials, endpoint);
        try
        {
            var response = await ec2.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [subnetId] }, cancellationToken);
            return response.Subnets.Single().AvailabilityZone;
        }
        catch (AmazonEC2Exception e)
        {
            throw new DeployException($"reading subnet {subnetId} in {region} failed ({e.ErrorCode}: {e.Message}); pass the AZ name with --input");
        }
    }
}
