using Interlink.Analysis.Reports.Tests.Support;
using Interlink.Analysis.Security;
using Interlink.Core.Model;
using Interlink.Testing;

namespace Interlink.Analysis.Reports.Tests;

[Collection(AssemblyCollection.Name)]
public sealed class SecurityRuleTests(Assemblies assemblies)
{
    [Theory]
    [InlineData("seed")]
    [InlineData("single-account")]
    [InlineData("fan-out")]
    [InlineData("native")]
    [InlineData("existing-vpcs")]
    public void Bundled_examples_have_no_findings(string example)
    {
        var findings = SecurityCheck.Run(assemblies.Read(example), []).Findings.ToList();
        Assert.True(findings.Count == 0, string.Join("\n", findings.Select(f => $"{f.Rule} {f.Stack}/{f.LogicalId}: {f.Message}")));
    }

    [Fact]
    public void The_pack_has_at_least_14_rules_with_stable_ids_rationale_and_fix()
    {
        var rules = SecurityRules.All.Where(r => r.Id != "ILS000").ToList();
        Assert.True(rules.Count >= 14);
        Assert.Equal(rules.Count, rules.Select(r => r.Id).Distinct().Count());
        for (var i = 0; i < rules.Count; i++)
        {
            Assert.Equal($"ILS{i + 1:000}", rules[i].Id);
            Assert.False(string.IsNullOrWhiteSpace(rules[i].Title));
            Assert.False(string.IsNullOrWhiteSpace(rules[i].Rationale));
            Assert.False(string.IsNullOrWhiteSpace(rules[i].Fix));
        }
    }

    [Fact]
    public void ILS001_wildcard_principal() =>
        Fires("seed", "relay-us-west-2", t => t.First("AWS::EC2::VPCEndpointServicePermissions")["AllowedPrincipals"] = new JsonArray("*"),
            "ILS001", Ids.Of("EndpointService/Permissions"));

    [Fact]
    public void ILS002_acceptance_off_with_another_account() =>
        Fires("seed", "relay-us-west-2", t => t.First("AWS::EC2::VPCEndpointService")["AcceptanceRequired"] = false, "ILS002", Ids.Of("EndpointService/Service"));

    [Fact]
    public void ILS002_acceptance_absent_counts_as_off() =>
        Fires("seed", "relay-us-west-2", t => t.First("AWS::EC2::VPCEndpointService").Remove("AcceptanceRequired"), "ILS002", Ids.Of("EndpointService/Service"));

    [Fact]
    public void ILS002_is_quiet_when_only_the_own_account_is_allowed()
    {
        // single-account allows arn:${AWS::Partition}:iam::${AWS::AccountId}:root: the stack's own account.
        var report = Run(assemblies.Mutable("single-account").Edit("relay-eu-central-1", t => t.First("AWS::EC2::VPCEndpointService")["AcceptanceRequired"] = false));
        Assert.DoesNotContain(report.Findings, f => f.Rule == "ILS002");
    }

    [Fact]
    public void ILS003_provider_ingress_from_the_whole_relay_vpc() =>
        Fires("seed", "provider", t => t.First("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]![0]!["CidrIp"] = "10.11.0.0/16", "ILS003", Ids.Of("Service/SecurityGroup"));

    [Fact]
    public void ILS003_provider_ingress_on_all_ports_from_an_nlb_subnet()
    {
        var report = Fires("seed", "provider", t =>
        {
            var rule = t.First("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]![0]!;
            rule["FromPort"] = 0;
            rule["ToPort"] = 65535;
        }, "ILS003", Ids.Of("Service/SecurityGroup"));
        Assert.Contains(report.Findings, f => f.Rule == "ILS003" && f.Message.Contains("8080", StringComparison.Ordinal));
    }

    [Fact]
    public void Path_MTU_discovery_from_the_NLB_subnets_is_not_ILS003()
    {
        // The bundled provider host groups admit ICMP 3/4 (fragmentation needed) from each NLB subnet.
        var provider = SecurityCheck.Run(assemblies.Read("seed"), []);
        Assert.DoesNotContain(provider.Findings, f => f.Rule == "ILS003");
        Assert.Contains("\"IpProtocol\":\"icmp\"", File.ReadAllText(Path.Combine(assemblies.Directory("seed"), "awsmorocco-provider.template.json")).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void ILS003_every_ICMP_type_from_an_nlb_subnet() =>
        Fires("seed", "provider", t =>
        {
            var icmp = t.First("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]!.AsArray().First(r => (string?)r!["IpProtocol"] == "icmp")!;
            icmp["FromPort"] = -1;
            icmp["ToPort"] = -1;
        }, "ILS003", Ids.Of("Service/SecurityGroup"));

    [Fact]
    public void ILS003_fragmentation_needed_from_outside_the_nlb_subnets() =>
        Fires("seed", "provider", t =>
            t.First("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]!.AsArray().First(r => (string?)r!["IpProtocol"] == "icmp")!["CidrIp"] = "10.99.0.0/16",
            "ILS003", Ids.Of("Service/SecurityGroup"));

    [Fact]
    public void ILS003_existing_host_security_group_rule_too_wide() =>
        Fires("existing-vpcs", "provider", t => t.Resources()[Ids.Of("Service/NlbIngress1")]!["Properties"]!["CidrIp"] = "10.0.0.0/8", "ILS003", Ids.Of("Service/NlbIngress1"));

    [Fact]
    public void ILS003_native_host_ingress_from_a_consumer_cidr() =>
        Fires("native", "provider", t => t.First("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]![0]!["CidrIp"] = "10.12.0.0/16", "ILS003", Ids.Of("Service/SecurityGroup"));

    [Fact]
    public void ILS004_ingress_from_anywhere() =>
        Fires("seed", "consumer-west", t => t.First("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]![0]!["CidrIp"] = "0.0.0.0/0", "ILS004", Ids.Of("Endpoint/SecurityGroup"));

    [Fact]
    public void ILS004_ipv6_ingress_from_anywhere() =>
        Fires("seed", "consumer-west", t =>
        {
            var rule = t.First("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]![0]!.AsObject();
            rule.Remove("CidrIp");
            rule["CidrIpv6"] = "::/0";
        }, "ILS004", Ids.Of("Endpoint/SecurityGroup"));

    [Fact]
    public void ILS005_imds_v1_in_launch_template() =>
        Fires("seed", "provider", t => t.First("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!["MetadataOptions"]!["HttpTokens"] = "optional", "ILS005", Ids.Of("Service/Host/Template"));

    [Fact]
    public void ILS005_instance_without_launch_template() =>
        Fires("seed", "consumer-west", t => t.First("AWS::EC2::Instance").Remove("LaunchTemplate"), "ILS005", Ids.Of("Client/Host/Instance"));

    [Fact]
    public void ILS006_unencrypted_volume() =>
        Fires("seed", "provider", t => t.First("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!["BlockDeviceMappings"]![0]!["Ebs"]!["Encrypted"] = false, "ILS006", Ids.Of("Service/Host/Template"));

    [Fact]
    public void ILS007_subnet_holding_a_host_maps_public_ips() =>
        Fires("seed", "consumer-west", t => t.Resources()[Ids.Of("Network/PrivateSubnet1")]!["Properties"]!["MapPublicIpOnLaunch"] = true, "ILS007", Ids.Of("Network/PrivateSubnet1"));

    [Fact]
    public void ILS007_launch_template_associates_a_public_ip() =>
        Fires("seed", "provider", t => t.First("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!["NetworkInterfaces"] =
            new JsonArray(new JsonObject { ["DeviceIndex"] = 0, ["AssociatePublicIpAddress"] = true }), "ILS007", Ids.Of("Service/Host/Template"));

    [Fact]
    public void ILS007_public_subnet_without_hosts_is_not_flagged()
    {
        var report = Run(assemblies.Mutable("seed").Edit("consumer-west", t => t.Resources()[Ids.Of("Network/PublicSubnet1")]!["Properties"]!["MapPublicIpOnLaunch"] = true));
        Assert.DoesNotContain(report.Findings, f => f.Rule == "ILS007");
    }

    [Fact]
    public void ILS008_vpc_without_flow_logs() =>
        Fires("seed", "relay-us-west-2", t => t.Resources().Remove(t.FirstId("AWS::EC2::FlowLog")), "ILS008", Ids.Of("Network/Vpc"));

    [Fact]
    public void ILS009_nlb_without_security_group() =>
        Fires("seed", "relay-us-west-2", t => t.First("AWS::ElasticLoadBalancingV2::LoadBalancer").Remove("SecurityGroups"), "ILS009", Ids.Of("LoadBalancer/LoadBalancer"));

    [Fact]
    public void ILS010_privatelink_enforcement_off() =>
        Fires("seed", "relay-us-west-2", t => t.First("AWS::ElasticLoadBalancingV2::LoadBalancer")["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] = "off", "ILS010", Ids.Of("LoadBalancer/LoadBalancer"));

    [Fact]
    public void ILS011_ssh_open_even_from_private_ranges() =>
        Fires("seed", "provider", t => t.First("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]!.AsArray().Add(
            new JsonObject { ["CidrIp"] = "10.11.1.0/24", ["IpProtocol"] = "tcp", ["FromPort"] = 22, ["ToPort"] = 22 }), "ILS011", Ids.Of("Service/SecurityGroup"));

    [Fact]
    public void ILS011_all_traffic_rule_opens_rdp() =>
        Fires("seed", "consumer-west", t => t.Add("OpsIngress", "AWS::EC2::SecurityGroupIngress", new JsonObject
        {
            ["GroupId"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(Ids.Of("Client/SecurityGroup"), "GroupId") },
            ["IpProtocol"] = "-1",
            ["CidrIp"] = "10.2.0.0/16",
        }), "ILS011", "OpsIngress");

    [Fact]
    public void ILS012_key_pair() =>
        Fires("seed", "provider", t => t.First("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!["KeyName"] = "ops", "ILS012", Ids.Of("Service/Host/Template"));

    [Fact]
    public void ILS013_host_group_without_egress_rules_keeps_default_allow_all() =>
        Fires("seed", "consumer-west", t => t.Resources()[Ids.Of("Client/SecurityGroup")]!["Properties"]!["SecurityGroupEgress"] = new JsonArray(), "ILS013", Ids.Of("Client/SecurityGroup"));

    [Fact]
    public void ILS014_action_wildcard() =>
        Fires("seed", "provider", t => t.Resources()[Ids.Of("Network/FlowLogRole")]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]![0]!["Action"] = "*", "ILS014", Ids.Of("Network/FlowLogRole"));

    [Fact]
    public void ILS015_accept_peering_on_every_resource() =>
        Fires("seed", "provider", t => t.Resources()[Ids.Of("PeeringAccepterUsWest2/Role")]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]![0]!["Resource"] = "*", "ILS015", Ids.Of("PeeringAccepterUsWest2/Role"));

    [Fact]
    public void ILS015_read_only_actions_may_use_every_resource()
    {
        var report = Run(assemblies.Mutable("seed").Edit("provider", t =>
        {
            var statement = t.Resources()[Ids.Of("PeeringAccepterUsWest2/Role")]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]![0]!;
            statement["Action"] = new JsonArray("ec2:DescribeVpcPeeringConnections");
            statement["Resource"] = "*";
        }));
        Assert.DoesNotContain(report.Findings, f => f.Rule == "ILS015");
    }

    [Fact]
    public void ILS015_resource_from_a_parameter_cannot_be_checked()
    {
        var report = Run(assemblies.Mutable("seed").Edit("provider", t =>
            t.Resources()[Ids.Of("PeeringAccepterUsWest2/Role")]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]![0]!["Resource"] =
                new JsonObject { ["Ref"] = "ServiceBundleBucket" }));
        var finding = Assert.Single(report.Findings, f => f.Rule == "ILS015");
        Assert.True(finding.CannotCheck);
        Assert.Equal(SecuritySeverity.Warning, finding.Severity);
        Assert.StartsWith("cannot check", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ILS016_log_group_without_retention() =>
        Fires("seed", "consumer-west", t => t.First("AWS::Logs::LogGroup").Remove("RetentionInDays"), "ILS016", Ids.Of("Network/FlowLogGroup"));

    [Fact]
    public void ILS017_role_trusting_anyone() =>
        Fires("seed", "provider", t => t.Resources()[Ids.Of("PeeringAccepterUsWest2/Role")]!["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]![0]!["Principal"] =
            new JsonObject { ["AWS"] = "*" }, "ILS017", Ids.Of("PeeringAccepterUsWest2/Role"));

    [Fact]
    public void ILS018_internet_facing_nlb() =>
        Fires("native", "provider", t => t.First("AWS::ElasticLoadBalancingV2::LoadBalancer")["Scheme"] = "internet-facing", "ILS018", Ids.Of("LoadBalancer/LoadBalancer"));

    [Fact]
    public void ILS018_scheme_absent_defaults_to_internet_facing() =>
        Fires("seed", "relay-us-west-2", t => t.First("AWS::ElasticLoadBalancingV2::LoadBalancer").Remove("Scheme"), "ILS018", Ids.Of("LoadBalancer/LoadBalancer"));

    [Fact]
    public void ILS019_nlb_group_opens_ports_no_listener_uses() =>
        Fires("seed", "relay-us-west-2", t => t.First("AWS::EC2::SecurityGroup")["SecurityGroupIngress"]![0]!["ToPort"] = 1024, "ILS019", Ids.Of("LoadBalancer/SecurityGroup"));

    [Fact]
    public void A_principal_list_from_a_parameter_cannot_be_checked_and_never_passes()
    {
        var report = Run(assemblies.Mutable("seed").Edit("relay-us-west-2", t =>
            t.First("AWS::EC2::VPCEndpointServicePermissions")["AllowedPrincipals"] = new JsonObject { ["Ref"] = "ProviderVpcId" }));
        var finding = Assert.Single(report.Findings, f => f.Rule == "ILS001");
        Assert.True(finding.CannotCheck);
    }

    // The rules read values through the intrinsic resolver the reachability analysis uses (one reader of templates):
    // what that resolver knows offline, the rules judge instead of calling it "cannot check".
    [Fact]
    public void ILS001_reads_a_principal_list_parameter_by_its_default() =>
        Fires("seed", "relay-us-west-2", t =>
        {
            t.Section("Parameters")["Principals"] = new JsonObject { ["Type"] = "CommaDelimitedList", ["Default"] = "*" };
            t.First("AWS::EC2::VPCEndpointServicePermissions")["AllowedPrincipals"] = new JsonObject { ["Ref"] = "Principals" };
        }, "ILS001", Ids.Of("EndpointService/Permissions"));

    [Fact]
    public void ILS001_reads_a_principal_list_chosen_by_a_condition_decidable_offline() =>
        Fires("seed", "relay-us-west-2", t =>
        {
            t.Section("Conditions")["InUsWest2"] = new JsonObject { ["Fn::Equals"] = new JsonArray(new JsonObject { ["Ref"] = "AWS::Region" }, "us-west-2") };
            t.First("AWS::EC2::VPCEndpointServicePermissions")["AllowedPrincipals"] =
                new JsonObject { ["Fn::If"] = new JsonArray("InUsWest2", new JsonArray("*"), new JsonArray()) };
        }, "ILS001", Ids.Of("EndpointService/Permissions"));

    [Fact]
    public void ILS002_acceptance_removed_by_a_condition_decidable_offline_counts_as_absent()
    {
        var report = Fires("seed", "relay-us-west-2", t =>
        {
            t.Section("Conditions")["Never"] = new JsonObject { ["Fn::Equals"] = new JsonArray("a", "b") };
            t.First("AWS::EC2::VPCEndpointService")["AcceptanceRequired"] =
                new JsonObject { ["Fn::If"] = new JsonArray("Never", true, new JsonObject { ["Ref"] = "AWS::NoValue" }) };
        }, "ILS002", Ids.Of("EndpointService/Service"));
        Assert.Contains(report.Findings, f => f.Rule == "ILS002" && f.Message.Contains("is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void ILS002_is_quiet_when_the_own_account_is_written_with_Fn_Join()
    {
        // The principal list is one Fn::Join the resolver renders as arn:aws:iam::${AWS::AccountId}:root, the stack's own account.
        var report = Run(assemblies.Mutable("single-account").Edit("relay-eu-central-1", t =>
        {
            t.First("AWS::EC2::VPCEndpointService")["AcceptanceRequired"] = false;
            t.First("AWS::EC2::VPCEndpointServicePermissions")["AllowedPrincipals"] = new JsonObject
            {
                ["Fn::Split"] = new JsonArray(",", new JsonObject
                {
                    ["Fn::Join"] = new JsonArray("", new JsonArray("arn:", new JsonObject { ["Ref"] = "AWS::Partition" }, ":iam::", new JsonObject { ["Ref"] = "AWS::AccountId" }, ":root")),
                }),
            };
        }));
        Assert.DoesNotContain(report.Findings, f => f.Rule is "ILS001" or "ILS002");
    }

    [Fact]
    public void A_suppression_with_a_reason_marks_the_finding_suppressed()
    {
        var assembly = assemblies.Mutable("seed").Edit("relay-us-west-2", t =>
            t.First("AWS::ElasticLoadBalancingV2::LoadBalancer")["EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"] = "off").Assembly();
        var report = SecurityCheck.Run(assembly, [new Suppression("ILS010", "consumers connect from changing CIDRs; acceptance is the gate")], monitoringExpected: false);
        var finding = Assert.Single(report.Findings);
        Assert.True(finding.Suppressed);
        Assert.Equal("consumers connect from changing CIDRs; acceptance is the gate", finding.SuppressionReason);
        Assert.Equal(0, report.Errors);
        Assert.False(report.HasErrors);
        var text = new StringWriter();
        SecurityText.Write(text, report);
        Assert.Contains("suppressed ILS010", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_suppression_that_matches_nothing_is_a_warning()
    {
        var report = SecurityCheck.Run(assemblies.Read("seed"), [new Suppression("ILS012", "ops keys"), new Suppression("ILS777", "typo")], monitoringExpected: false);
        Assert.Equal(2, report.Findings.Count);
        Assert.All(report.Findings, f => Assert.Equal(("ILS000", SecuritySeverity.Warning, false), (f.Rule, f.Severity, f.Suppressed)));
        Assert.Contains(report.Findings, f => f.Message.Contains("ILS012", StringComparison.Ordinal) && f.Message.Contains("matches no finding", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Message.Contains("ILS777", StringComparison.Ordinal) && f.Message.Contains("names no rule", StringComparison.Ordinal));
        Assert.Equal(0, report.Errors);
        Assert.Equal(2, report.Warnings);
    }

    [Fact]
    public void An_unsuppressed_error_is_reported_in_text_with_its_fix()
    {
        var report = Run(assemblies.Mutable("seed").Edit("relay-us-west-2", t => t.First("AWS::EC2::VPCEndpointServicePermissions")["AllowedPrincipals"] = new JsonArray("*")));
        Assert.True(report.HasErrors);
        var text = new StringWriter();
        SecurityText.Write(text, report);
        Assert.Contains("error ILS001 awsmorocco-relay-us-west-2/EndpointServicePermissions4FA144AE", text.ToString(), StringComparison.Ordinal);
        Assert.Contains(SecurityRules.WildcardPrincipal.Fix, text.ToString(), StringComparison.Ordinal);
    }

    private static SecurityReport Run(MutableAssembly assembly) => SecurityCheck.Run(assembly.Assembly(), []);

    private SecurityReport Fires(string example, string stack, Action<JsonObject> mutate, string rule, string logicalId)
    {
        Assert.DoesNotContain(SecurityCheck.Run(assemblies.Read(example), []).Findings, f => f.Rule == rule);
        var report = Run(assemblies.Mutable(example).Edit(stack, mutate));
        var hit = report.Findings.Where(f => f.Rule == rule).ToList();
        Assert.True(hit.Count > 0, $"{rule} did not fire; findings: {string.Join("; ", report.Findings.Select(f => $"{f.Rule} {f.LogicalId} {f.Message}"))}");
        Assert.Contains(hit, f => f.LogicalId == logicalId && f.Stack.EndsWith(stack, StringComparison.Ordinal) && !f.CannotCheck && !f.Suppressed);
        var expected = SecurityRules.Find(rule)!;
        Assert.All(hit.Where(f => !f.CannotCheck), f => Assert.Equal((expected.Severity, expected.Fix), (f.Severity, f.Fix)));
        return report;
    }
}
