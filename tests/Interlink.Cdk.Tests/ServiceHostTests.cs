using System.Text.RegularExpressions;
using Interlink.Templates.Hosts;
using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests;

/// <summary>Hosts Interlink creates: hardened, private, at fixed IPs, running the sample service as a user.</summary>
[Collection(CdkCollection.Name)]
public sealed partial class ServiceHostTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Every_host_launches_from_a_template_requiring_IMDSv2_with_an_encrypted_root_volume_and_an_instance_profile(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            foreach (var instance in template.OfType("AWS::EC2::Instance"))
            {
                var launchTemplate = template.Target(instance.Prop("LaunchTemplate").GetProperty("LaunchTemplateId"));
                Assert.Equal("AWS::EC2::LaunchTemplate", launchTemplate.Type);
                var data = launchTemplate.Prop("LaunchTemplateData");
                Assert.Equal("required", data.GetProperty("MetadataOptions").GetProperty("HttpTokens").GetString());
                var volumes = data.GetProperty("BlockDeviceMappings").EnumerateArray().ToList();
                Assert.NotEmpty(volumes);
                Assert.All(volumes, v => Assert.True(v.GetProperty("Ebs").GetProperty("Encrypted").GetBoolean()));
                Assert.Equal("AWS::IAM::InstanceProfile", template.Target(data.GetProperty("IamInstanceProfile").GetProperty("Arn")).Type);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void No_template_names_an_SSH_key_or_gives_anything_a_public_IP(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            Assert.Empty(Json.FindProperty(template.Root, "KeyName"));
            Assert.DoesNotContain(Json.FindProperty(template.Root, "AssociatePublicIpAddress"), p => p.Value.ValueKind == JsonValueKind.True);
            Assert.DoesNotContain(Json.FindProperty(template.Root, "MapPublicIpOnLaunch"), p => p.Value.ValueKind == JsonValueKind.True);
        }
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void Service_hosts_run_at_the_fixed_target_IPs_in_the_subnet_that_contains_each(string example)
    {
        var x = examples[example];
        var hosts = ServiceHosts(x);
        Assert.Equal(x.Topology.Targets.Ips.Select(t => t.Text), hosts.Select(h => h.Str("PrivateIpAddress")));
        foreach (var (host, target) in hosts.Zip(x.Topology.Targets.Ips))
            Assert.Equal(target.Subnet.Cidr.ToString(), x.Provider.Target(host.Prop("SubnetId")).Str("CidrBlock"));
    }

    [Fact]
    public void Seed_service_hosts_are_at_10_10_1_10_and_10_10_3_10()
    {
        Assert.Equal(["10.10.1.10", "10.10.3.10"], ServiceHosts(examples[Examples.Seed]).Select(h => h.Str("PrivateIpAddress")));
    }

    [Fact]
    public void User_IPs_get_no_hosts()
    {
        Assert.Empty(examples[Examples.ExistingVpcs].Provider.OfType("AWS::EC2::Instance"));
        Assert.False(examples[Examples.ExistingVpcs].Provider.Parameters.ContainsKey("ServiceBundleBucket"));
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void User_data_installs_the_bundle_from_S3_and_runs_a_systemd_unit_as_interlink_on_the_target_port(string example)
    {
        var x = examples[example];
        var port = x.Config.Service.TargetPort;
        foreach (var host in ServiceHosts(x))
        {
            var (script, variables) = UserData(host);
            Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
            Assert.Contains("aws s3 cp \"s3://$bucket/$key\"", script, StringComparison.Ordinal);
            Assert.Contains("<<'INTERLINK_VALUES'\n${BundleBucket}\n${BundleKey}\n${BundleSha256}\n${AWS::Region}\nINTERLINK_VALUES\n", script, StringComparison.Ordinal);
            Assert.Equal("ServiceBundleBucket", Json.RefName(variables.GetProperty("BundleBucket")));
            Assert.Equal("ServiceBundleKey", Json.RefName(variables.GetProperty("BundleKey")));
            Assert.Contains($"cat > /etc/systemd/system/{ServiceUserData.UnitName}.service", script, StringComparison.Ordinal);
            Assert.Contains("\nUser=interlink\n", script, StringComparison.Ordinal);
            Assert.Contains($"ASPNETCORE_URLS=http://0.0.0.0:{port}\n", script, StringComparison.Ordinal);
            Assert.Contains($"systemctl enable --now {ServiceUserData.UnitName}", script, StringComparison.Ordinal);
            Assert.Equal(port < 1024, script.Contains("CAP_NET_BIND_SERVICE", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void User_data_substitutes_only_its_own_variables_and_pseudo_parameters(string example)
    {
        foreach (var host in ServiceHosts(examples[example]))
        {
            var (script, variables) = UserData(host);
            foreach (var name in SubVariables().Matches(script).Select(m => m.Groups[1].Value))
                Assert.True(name.StartsWith("AWS::", StringComparison.Ordinal) || variables.TryGetProperty(name, out _), $"${{{name}}} is not defined");
        }
    }

    [Fact]
    public void Host_role_may_read_only_the_service_bundle()
    {
        var provider = examples[Examples.Seed].Provider;
        var profile = provider.Single("AWS::IAM::InstanceProfile");
        var role = provider.Target(Assert.Single(profile.Prop("Roles").EnumerateArray()));

        var statement = Assert.Single(role.Prop("Policies").EnumerateArray().SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()));
        Assert.Equal(["s3:GetObject"], Json.Strings(statement.GetProperty("Action")));
        var resource = Json.Compact(Assert.Single(statement.GetProperty("Resource").EnumerateArray()));
        Assert.Contains("\"Ref\":\"ServiceBundleBucket\"", resource, StringComparison.Ordinal);
        Assert.Contains("\"Ref\":\"ServiceBundleKey\"", resource, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8080, false)]
    [InlineData(1024, false)]
    [InlineData(1023, true)]
    [InlineData(80, true)]
    public void Rendered_script_adds_the_bind_capability_only_below_port_1024(int port, bool capability)
    {
        var script = ServiceUserData.Render(new ServiceUserDataOptions("demo", port, "/health"));

        Assert.Equal(capability, script.Contains("AmbientCapabilities=CAP_NET_BIND_SERVICE\n", StringComparison.Ordinal));
        Assert.Contains("\nUser=interlink\n", script, StringComparison.Ordinal);
        Assert.DoesNotContain("User=root", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendered_script_installs_from_the_bundle_variables_and_enables_the_unit_on_the_given_port()
    {
        var script = ServiceUserData.Render(new ServiceUserDataOptions("demo", 9090, "/ready"));

        Assert.StartsWith("#!/bin/bash\n", script, StringComparison.Ordinal);
        Assert.Contains("set -euo pipefail", script, StringComparison.Ordinal);
        Assert.Contains("s3://$bucket/$key", script, StringComparison.Ordinal);
        Assert.Contains($"tar -xzf \"$bundle\" -C {ServiceUserData.InstallDirectory}", script, StringComparison.Ordinal);
        Assert.Contains($"ExecStart={ServiceUserData.InstallDirectory}/Interlink.Service", script, StringComparison.Ordinal);
        Assert.Contains("Environment=ASPNETCORE_URLS=http://0.0.0.0:9090\n", script, StringComparison.Ordinal);
        Assert.Contains("Environment=INTERLINK_SERVICE_NAME=demo\n", script, StringComparison.Ordinal);
        Assert.Contains("systemctl daemon-reload\nsystemctl enable --now interlink-service\n", script, StringComparison.Ordinal);
        Assert.Contains("(health: /ready)", script, StringComparison.Ordinal);
        Assert.Contains("[Install]\nWantedBy=multi-user.target\nUNIT\n", script, StringComparison.Ordinal);
        // Fn::Sub would try to resolve any other ${...}: shell variables are written without braces.
        Assert.Equal(["AWS::Region", "BundleBucket", "BundleKey", "BundleSha256"], SubVariables().Matches(script).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal));
    }

    private static List<Resource> ServiceHosts(SynthesizedExample x) => x.Provider.OfType("AWS::EC2::Instance").ToList();

    private static (string Script, JsonElement Variables) UserData(Resource host)
    {
        var sub = host.Prop("UserData").GetProperty("Fn::Base64").GetProperty("Fn::Sub");
        return (sub[0].GetString()!, sub[1]);
    }

    [GeneratedRegex(@"\$\{([^}!]+)\}")]
    private static partial Regex SubVariables();
}
