using System.Text.Json;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>
/// <c>interlink compare</c> builds the config in both designs and recommends one with reasons. Whole-process
/// runs: comparing synthesizes both designs with the CDK.
/// </summary>
public class CompareCommandTests
{
    [Fact]
    public void The_seed_compared_as_JSON_gives_both_designs_figures_and_a_reasoned_choice()
    {
        var result = CliProcess.Run(new Dictionary<string, string>(), "compare", Repo.Example("seed.yaml"), "--format", "json", "--traffic", "100");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        var relay = root.GetProperty("relay");
        var native = root.GetProperty("native");
        Assert.True(relay.GetProperty("buildable").GetBoolean());
        Assert.True(native.GetProperty("buildable").GetBoolean());
        Assert.Equal(3, relay.GetProperty("phases").GetArrayLength());
        Assert.Equal(2, native.GetProperty("phases").GetArrayLength());
        Assert.Equal(["awsmorocco-provider", "awsmorocco-relay-us-west-2", "awsmorocco-consumer-west"],
            relay.GetProperty("criticalPath").EnumerateArray().Select(e => e.GetString()!));
        Assert.True(relay.GetProperty("reachable").GetBoolean());
        Assert.True(native.GetProperty("reachable").GetBoolean());

        // Worked by hand from the price catalog at 100 GB/month:
        // relay fixed = NLB 730 h × 0.0225 (16.425) + endpoint 2 AZ × 730 h × 0.01 (14.60) + 2 NAT × 730 h × 0.045 (65.70)
        //             + 2 × t4g.micro 730 h × 0.0084 (12.264) + t4g.nano 730 h × 0.0042 (3.066) + 3 × 8 GB gp3 × 0.08 (1.92) = 113.975
        // per GB = NLCU 0.006 + endpoint 0.01 + inter-Region 0.02 = 0.036 → 100 GB = 3.60 → 117.575
        // native: one NLB in the provider VPC instead of the relay's, the same endpoints, NAT, hosts and per-GB lines;
        // AWS bills cross-Region access as those lines, with no premium → 117.575 at 100 GB too.
        // monitoring: relay 5 alarms × 0.10 + 2 dashboards × 3.00 = 6.50; native 4 alarms + 1 dashboard = 3.40
        var row = root.GetProperty("cost").GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("trafficGbPerMonth").GetDecimal() == 100m);
        Assert.Equal(117.575m + 6.5m, row.GetProperty("relayUsd").GetDecimal());
        Assert.Equal(117.575m + 3.4m, row.GetProperty("nativeUsd").GetDecimal());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("cost").GetProperty("breakEvenGbPerMonth").ValueKind);

        Assert.Equal("native", root.GetProperty("recommended").GetString());
        Assert.Contains(root.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("native is also the cheaper design at this traffic", StringComparison.Ordinal));
    }

    [Fact]
    public void A_consumer_Region_without_native_PrivateLink_makes_native_impossible_and_says_why()
    {
        using var temp = new TempDirectory();
        var seed = File.ReadAllText(Repo.Example("seed.yaml"));
        // ap-southeast-7 is not known to offer native cross-Region PrivateLink (IL043).
        var config = temp.Write("thailand.yaml", seed
            .Replace("region: us-west-2\n    account: \"222222222222\"\n    vpc: { cidr: 10.11.0.0/16, azs: [usw2-az1, usw2-az2] }",
                "region: ap-southeast-7\n    account: \"222222222222\"\n    vpc: { cidr: 10.11.0.0/16, azs: [apse7-az1, apse7-az2] }", StringComparison.Ordinal)
            .Replace("region: us-west-2\n    vpc: { cidr: 10.2.0.0/16, azs: [usw2-az1, usw2-az2]", "region: ap-southeast-7\n    vpc: { cidr: 10.2.0.0/16, azs: [apse7-az1, apse7-az2]", StringComparison.Ordinal));

        var result = CliProcess.Run(new Dictionary<string, string>(), "compare", config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("relay, because:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("native mode is not possible here: IL043", result.StandardOutput, StringComparison.Ordinal);
    }
}
