using Amazon;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace Interlink.Deploy.Aws;

/// <summary><see cref="IImageParameterSource"/> over SSM <c>GetParameter</c> (AWS SDK for .NET).</summary>
public sealed class SsmImageParameterSource : IImageParameterSource
{
    /// <inheritdoc />
    public async Task<string> GetAsync(string parameterName, string region, string? profile, CancellationToken cancellationToken)
    {
        var endpoint = RegionEndpoint.GetBySystemName(region);
        using var clients = new AwsSdkClients();
        var credentials = clients.Profile(profile);
        using var ssm = credentials is null ? new AmazonSimpleSystemsManagementClient(endpoint) : new AmazonSimpleSystemsManagementClient(credentials, endpoint);
        try
        {
            var response = await ssm.GetParameterAsync(new GetParameterRequest { Name = parameterName }, cancellationToken);
            return response.Parameter.Value;
        }
        catch (AmazonSimpleSystemsManagementException e)
        {
            throw new DeployException($"reading SSM parameter {parameterName} in {region} failed ({e.ErrorCode}: {e.Message}); pass --input ServiceHostImageId=ami-… to choose the image yourself");
        }
    }
}
