using Amazon.EC2;
using Amazon.EC2.Model;

namespace Interlink.Deploy.Aws;

/// <summary><see cref="ISubnetZoneSource"/> over EC2 <c>DescribeSubnets</c>, through the AWS clients of the run.</summary>
public sealed class Ec2SubnetZoneSource(IAwsClients aws) : ISubnetZoneSource
{
    /// <inheritdoc />
    public async Task<string> ZoneNameAsync(string subnetId, string region, string? profile, CancellationToken cancellationToken)
    {
        try
        {
            var response = await aws.Ec2(region, aws.Profile(profile)).DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = [subnetId] }, cancellationToken);
            return response.Subnets.Single().AvailabilityZone;
        }
        catch (AmazonEC2Exception e)
        {
            throw new DeployException($"reading subnet {subnetId} in {region} failed ({e.ErrorCode}: {e.Message}); pass the AZ name with --input");
        }
    }
}
