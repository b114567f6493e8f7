using System.Globalization;
using System.Text;

namespace Interlink.Cdk.Tests.Support;

/// <summary>
/// Valid designs that vary what the examples hold fixed, from a seed: mode, number of relays and consumers, accounts
/// (one or several), hosts or the user's own IPs, health-check protocol and port, NAT gateways, client hosts, friendly
/// names, tags, the deployer account and bootstrap qualifier. For the property test of the two emitters.
/// </summary>
public static class DesignGenerator
{
    /// <summary>How many designs the property test synthesizes (each costs a CDK synthesis).</summary>
    public const int Count = 8;

    private static readonly (string Region, string[] Azs)[] Regions =
    [
        ("us-west-2", ["usw2-az1", "usw2-az2", "usw2-az3"]),
        ("eu-west-1", ["euw1-az1", "euw1-az2", "euw1-az3"]),
        ("ap-southeast-2", ["apse2-az1", "apse2-az2", "apse2-az3"]),
    ];

    /// <summary>The config of design <paramref name="seed"/>.</summary>
    public static string Config(int seed)
    {
        var random = new Random(seed);
        var native = random.Next(3) == 0;
        var oneAccount = random.Next(3) == 0;
        var regions = Regions.Take(1 + random.Next(Regions.Length)).ToList();
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"name: gen{seed}\nmode: {(native ? "native" : "relay")}\n");
        if (random.Next(2) == 0)
            yaml.Append("tags: { Team: platform, CostCenter: \"42\" }\n");
        var tcp = random.Next(3) == 0;
        var healthPort = random.Next(2) == 0 ? ", port: 8081" : "";
        yaml.Append(CultureInfo.InvariantCulture, $"service:\n  port: {80 + random.Next(2) * 363}\n  targetPort: 8080\n");
        yaml.Append(tcp ? $"  healthCheck: {{ protocol: tcp{healthPort} }}\n" : $"  healthCheck: {{ protocol: http, path: /health{healthPort} }}\n");
        yaml.Append("provider:\n");
        if (!oneAccount)
            yaml.Append("  account: \"111111111111\"\n");
        var natGateways = random.Next(3);
        yaml.Append(CultureInfo.InvariantCulture,
            $"  region: us-east-1\n  vpc: {{ cidr: 10.10.0.0/16, azs: [use1-az1, use1-az2]{(natGateways > 0 ? $", natGateways: {natGateways}" : "")} }}\n");
        yaml.Append(random.Next(2) == 0 ? "  targets: { instances: 2 }\n" : "  targets: { ips: [10.10.1.10, 10.10.3.10] }\n");
        if (!native)
        {
            yaml.Append("relays:\n");
            for (var i = 0; i < regions.Count; i++)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"  - region: {regions[i].Region}\n");
                if (!oneAccount)
                    yaml.Append(CultureInfo.InvariantCulture, $"    account: \"22222222222{i}\"\n");
                yaml.Append(CultureInfo.InvariantCulture, $"    vpc: {{ cidr: 10.{11 + i}.0.0/16, azs: [{regions[i].Azs[0]}, {regions[i].Azs[1]}] }}\n");
            }
        }

        yaml.Append("consumers:\n");
        var consumers = regions.Count + random.Next(2);
        for (var i = 0; i < consumers; i++)
        {
            var (region, azs) = regions[i % regions.Count];
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: c{i}\n");
            if (!oneAccount)
                yaml.Append(CultureInfo.InvariantCulture, $"    account: \"33333333333{i}\"\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    region: {region}\n    vpc: {{ cidr: 10.{50 + i}.0.0/16, azs: [{azs[0]}, {azs[1 + random.Next(2)]}] }}\n");
            if (random.Next(2) == 0)
                yaml.Append("    client: true\n");
            if (random.Next(3) == 0)
                yaml.Append(CultureInfo.InvariantCulture, $"    hostedZone: api{i}.gen.internal\n");
        }

        if (random.Next(2) == 0)
            yaml.Append("deployment: { account: \"999999999999\", bootstrapQualifier: gen_q-1 }\n");
        return yaml.ToString();
    }
}
