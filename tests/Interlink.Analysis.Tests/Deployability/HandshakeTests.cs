using Interlink.Analysis.Assembly;
using Interlink.Analysis.Deployability;
using Interlink.Analysis.Tests.Support;
using Interlink.Testing;

namespace Interlink.Analysis.Tests.Deployability;

/// <summary>
/// Each deploy-time handshake checked against the IAM in the templates: today's accepter policy is blocked for the
/// missing VPC resource type; the contract's roles (ContractIam) allow every handshake of the seed, a peering-DNS
/// fan-out and a native design; and removing a required resource, a condition's match or a trust statement names
/// the handshake as blocked with its code, the missing resource type or statement, and the fix.
/// </summary>
[Collection(ExamplesCollection.Name)]
public sealed class HandshakeTests(Examples examples)
{
    private const string Provider = "awsmorocco-provider";
    private const string Relay = "awsmorocco-relay-us-west-2";
    private static readonly string Accepter = Ids.Of("PeeringAccepterUsWest2/Role");
    private static readonly DateOnly Today = new(2026, 11, 30);

    private ContractIam Seed() => new ContractIam(examples["seed"], "111111111111")
        .Accepter(Provider, Relay, "222222222222", "us-west-2")
        .Operator(Relay, ContractIam.EndpointStatements());

    private ContractIam FanOut() => new ContractIam(examples["fan-out"], "111111111111")
        .WithoutDnsCustomResources()
        .Operator("orders-relay-us-west-2", ContractIam.EndpointStatements())
        .Operator("orders-relay-eu-west-1", [.. ContractIam.EndpointStatements(), .. ContractIam.DnsStatements(Ids.Of("Peering/Connection"))])
        .Operator("orders-relay-ap-southeast-2", ContractIam.EndpointStatements())
        .Operator("orders-provider-routes", ContractIam.DnsStatements("PeeringConnectionIdEuWest1"));

    private ContractIam Native() => new ContractIam(examples["native"], "111111111111")
        .Operator("ledger-provider", ContractIam.EndpointStatements());

    private static DeployabilityReport Analyze(CloudAssembly assembly, string example) =>
        DeployabilityAnalyzer.Analyze(assembly, ContractIam.Topology(example), Today);

    /// <summary>
    /// The accepter role as the templates carried it before the contract: ec2:AcceptVpcPeeringConnection on
    /// vpc-peering-connection/* only, trust to the relay account's root. CloudFormation's accept is refused.
    /// </summary>
    [Fact]
    public void Todays_accepter_policy_blocks_the_peering_accept_for_the_missing_vpc_resource_type()
    {
        var contract = Seed();
        contract.Templates.Resources(Provider)[Accepter] = JsonNode.Parse($$"""
            {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [
                  { "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::222222222222:root" }, "Action": "sts:AssumeRole" } ] },
                "Policies": [ { "PolicyName": "accept-peering-to-provider-vpc", "PolicyDocument": { "Version": "2012-10-17", "Statement": [ {
                  "Effect": "Allow", "Action": [ "ec2:AcceptVpcPeeringConnection" ],
                  "Resource": [ { "Fn::Sub": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/*" } ],
                  "Condition": { "ArnEquals": { "ec2:AccepterVpc": { "Fn::Sub": [ "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${ProviderVpcId}", { "ProviderVpcId": { "Ref": "{{Ids.Of("Network/Vpc")}}" } } ] } } } } ] } } ],
                "RoleName": "awsmorocco-peer-accept-usw2"
              }
            }
            """);
        contract.Templates.Properties(Relay, Ids.Of("Peering/Connection"))["PeerRoleArn"] = JsonNode.Parse("""{ "Fn::Sub": "arn:${AWS::Partition}:iam::111111111111:role/awsmorocco-peer-accept-usw2" }""");

        var report = Analyze(contract.Assembly(), "seed");

        var accept = report.Handshakes.Single(h => h.Kind == "peering-accept");
        Assert.Equal(HandshakeStatus.Blocked, accept.Status);
        Assert.Equal(DeployabilityRules.NotAllowed.Id, accept.Code);
        var resources = Assert.Single(accept.Actions).Resources;
        Assert.Equal(HandshakeStatus.Blocked, resources.Single(r => r.ResourceType == "vpc").Status);
        Assert.Equal(HandshakeStatus.Allowed, resources.Single(r => r.ResourceType == "vpc-peering-connection").Status);
        Assert.Contains("resource type vpc", accept.Problem, StringComparison.Ordinal);
        Assert.Contains("ec2:AcceptVpcPeeringConnection", accept.Fix, StringComparison.Ordinal);
        Assert.Contains(report.Findings, f => f.Code == DeployabilityRules.BroadTrust.Id && f.Stack == Relay);
        Assert.True(report.HasErrors);
    }

    [Fact]
    public void The_contract_roles_allow_every_handshake_of_the_seed_with_trust_and_every_required_resource()
    {
        var report = Analyze(Seed().Assembly(), "seed");

        Assert.Equal(["endpoint-acceptance", "peering-accept"], report.Handshakes.Select(h => h.Kind).Order());
        Assert.All(report.Handshakes, h => Assert.Equal(HandshakeStatus.Allowed, h.Status));
        Assert.False(report.HasErrors);
        Assert.DoesNotContain(report.Findings, f => f.Code == DeployabilityRules.BroadTrust.Id);

        var accept = report.Handshakes.Single(h => h.Kind == "peering-accept");
        Assert.Equal("arn:aws:iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-us-west-2", accept.Principal);
        Assert.Equal($"{Provider}/{Accepter}", accept.Role);
        Assert.Contains(accept.TrustChain, s => s.Status == HandshakeStatus.Allowed && s.To.StartsWith($"{Provider}/{Accepter}", StringComparison.Ordinal));
        var check = Assert.Single(accept.Actions);
        Assert.Equal("ec2:AcceptVpcPeeringConnection", check.Action);
        Assert.Equal(["vpc", "vpc-peering-connection"], check.Resources.Select(r => r.ResourceType).Order());
        Assert.All(check.Resources, r => Assert.True(r.Required));
        Assert.Equal(["ArnEquals ec2:AccepterVpc", "ArnLike ec2:RequesterVpc"], check.Resources.Single(r => r.ResourceType == "vpc-peering-connection").ConditionKeys);

        var endpoint = report.Handshakes.Single(h => h.Kind == "endpoint-acceptance");
        Assert.Equal(["ec2:DescribeVpcEndpointConnections", "ec2:AcceptVpcEndpointConnections", "ec2:RejectVpcEndpointConnections"], endpoint.Actions.Select(a => a.Action));
        Assert.Contains("111111111111", endpoint.Principal, StringComparison.Ordinal);
        Assert.Contains(report.Findings, f => f.Code == DeployabilityRules.BootstrapRequirement.Id && f.Message.Contains("sts:AssumeRole", StringComparison.Ordinal));
    }

    [Fact]
    public void The_contract_roles_allow_peering_dns_on_both_sides_of_a_fan_out()
    {
        var report = Analyze(FanOut().Assembly(), "fan-out");

        var dns = report.Handshakes.Where(h => h.Kind == "peering-dns").ToList();
        Assert.Equal(["orders-provider-routes", "orders-relay-eu-west-1"], dns.Select(h => h.Stack).Order());
        Assert.All(report.Handshakes.Where(h => h.Status != HandshakeStatus.Requirement), h => Assert.Equal(HandshakeStatus.Allowed, h.Status));
        Assert.Equal(3, report.Handshakes.Count(h => h.Kind == "endpoint-acceptance"));
        Assert.All(dns, h => Assert.Equal("vpc-peering-connection", Assert.Single(h.Actions[0].Resources).ResourceType));
        Assert.False(report.HasErrors);
        Assert.DoesNotContain(report.Findings, f => f.Code == DeployabilityRules.RuntimeDeprecated.Id);
    }

    [Fact]
    public void Native_mode_names_vpce_AllowMultiRegion_on_the_bootstrap_roles_of_the_provider_and_each_consumer()
    {
        var report = Analyze(Native().Assembly(), "native");

        Assert.Equal(HandshakeStatus.Allowed, report.Handshakes.Single(h => h.Kind == "endpoint-acceptance").Status);
        var multi = report.Handshakes.Where(h => h.Kind == "multi-region").ToList();
        Assert.Equal(["ledger-consumer-frankfurt", "ledger-consumer-oregon", "ledger-provider"], multi.Select(h => h.Stack).Order());
        Assert.All(multi, h =>
        {
            Assert.Equal(HandshakeStatus.Requirement, h.Status);
            Assert.Equal("vpce:AllowMultiRegion", Assert.Single(h.Actions).Action);
            Assert.Contains("cfn-exec-role", h.Principal, StringComparison.Ordinal);
        });
        Assert.Equal(3, report.Findings.Count(f => f.Code == DeployabilityRules.BootstrapRequirement.Id && f.Severity == DeployabilitySeverity.Note));
        Assert.False(report.HasErrors);
    }

    [Fact]
    public void In_a_single_account_design_the_operator_role_trusts_the_stack_s_own_account()
    {
        var contract = new ContractIam(examples["single-account"], "${AWS::AccountId}")
            .Operator("solo-relay-eu-central-1", ContractIam.EndpointStatements());

        var report = Analyze(contract.Assembly(), "single-account");

        Assert.Equal(HandshakeStatus.Allowed, report.Handshakes.Single(h => h.Kind == "endpoint-acceptance").Status);
        Assert.Equal(HandshakeStatus.Requirement, report.Handshakes.Single(h => h.Kind == "same-account-peering").Status);
        Assert.False(report.HasErrors);
    }

    [Fact]
    public void Statements_in_a_separate_policy_resource_attached_to_the_role_count_like_inline_ones()
    {
        var contract = Seed();
        var role = contract.Templates.Properties(Relay, "OperatorRole");
        var document = role["Policies"]![0]!["PolicyDocument"]!.DeepClone();
        role.Remove("Policies");
        contract.Templates.Resources(Relay)["OperatorRoleDefaultPolicy"] = new JsonObject
        {
            ["Type"] = "AWS::IAM::Policy",
            ["Properties"] = new JsonObject { ["PolicyName"] = "operate", ["PolicyDocument"] = document, ["Roles"] = new JsonArray(JsonNode.Parse("""{ "Ref": "OperatorRole" }""")) },
        };

        var endpoint = Analyze(contract.Assembly(), "seed").Handshakes.Single(h => h.Kind == "endpoint-acceptance");

        Assert.Equal(HandshakeStatus.Allowed, endpoint.Status);
        Assert.Contains("OperatorRoleDefaultPolicy", endpoint.Actions[1].Resources[0].Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void An_aws_managed_policy_the_assembly_does_not_contain_leaves_the_handshake_unproven_not_allowed()
    {
        var contract = Seed();
        var role = contract.Templates.Properties(Relay, "OperatorRole");
        role.Remove("Policies");
        role["ManagedPolicyArns"] = new JsonArray("arn:aws:iam::aws:policy/AmazonEC2FullAccess");

        var report = Analyze(contract.Assembly(), "seed");

        var endpoint = report.Handshakes.Single(h => h.Kind == "endpoint-acceptance");
        Assert.Equal(HandshakeStatus.Unproven, endpoint.Status);
        Assert.Equal(DeployabilityRules.Unproven.Id, endpoint.Code);
        Assert.Contains(report.Findings, f => f.Code == DeployabilityRules.Unproven.Id && f.Severity == DeployabilitySeverity.Warning);
        Assert.False(report.HasErrors);
    }

    public static TheoryData<string> Cases => [.. Mutations.Keys];

    private static readonly Dictionary<string, (string Example, Action<ContractIam> Mutate, string Kind, string Code, string Expected)> Mutations = new()
    {
        ["accepter: drop the VPC statement"] = ("seed", c => Statements(c, Provider, Accepter).RemoveAt(1),
            "peering-accept", DeployabilityRules.NotAllowed.Id, "resource type vpc "),
        ["accepter: drop the peering-connection statement"] = ("seed", c => Statements(c, Provider, Accepter).RemoveAt(0),
            "peering-accept", DeployabilityRules.NotAllowed.Id, "resource type vpc-peering-connection"),
        ["accepter: AccepterVpc names the VPC in another account"] = ("seed", c => Statements(c, Provider, Accepter)[0]!["Condition"]!["ArnEquals"]!["ec2:AccepterVpc"] =
                JsonNode.Parse($$"""{ "Fn::Sub": [ "arn:${AWS::Partition}:ec2:${AWS::Region}:999999999999:vpc/${Vpc}", { "Vpc": { "Ref": "{{Ids.Of("Network/Vpc")}}" } } ] }"""),
            "peering-accept", DeployabilityRules.NotAllowed.Id, "ec2:AccepterVpc"),
        ["accepter: RequesterVpc names another Region"] = ("seed", c => Statements(c, Provider, Accepter)[0]!["Condition"]!["ArnLike"]!["ec2:RequesterVpc"] = "arn:aws:ec2:eu-west-1:222222222222:vpc/*",
            "peering-accept", DeployabilityRules.NotAllowed.Id, "ec2:RequesterVpc"),
        ["accepter: AccepterVpc condition moved onto the VPC statement"] = ("seed", c => Statements(c, Provider, Accepter)[1]!["Condition"] =
                JsonNode.Parse("""{ "ArnEquals": { "ec2:AccepterVpc": "arn:aws:ec2:us-east-1:111111111111:vpc/*" } }"""),
            "peering-accept", DeployabilityRules.NotAllowed.Id, "carries no ec2:AccepterVpc"),
        ["accepter: drop the trust statement"] = ("seed", c => Trust(c, Provider, Accepter).Clear(),
            "peering-accept", DeployabilityRules.NotTrusted.Id, "cdk-hnb659fds-cfn-exec-role-222222222222-us-west-2"),
        ["accepter: trust another qualifier's execution role"] = ("seed", c => Trust(c, Provider, Accepter)[0]!["Principal"]!["AWS"] = "arn:aws:iam::222222222222:role/cdk-other-cfn-exec-role-222222222222-us-west-2",
            "peering-accept", DeployabilityRules.NotTrusted.Id, "does not name"),
        ["accepter: an explicit deny on the VPC"] = ("seed", c => Statements(c, Provider, Accepter).Add(JsonNode.Parse(
                """{ "Effect": "Deny", "Action": "ec2:*", "Resource": "arn:aws:ec2:*:*:vpc/*" }""")),
            "peering-accept", DeployabilityRules.ExplicitDeny.Id, "denied by"),
        ["accepter: PeerRoleArn names an undeclared role"] = ("seed", c => c.Templates.Properties(Relay, Ids.Of("Peering/Connection"))["PeerRoleArn"] = "arn:aws:iam::111111111111:role/nobody",
            "peering-accept", DeployabilityRules.NoRole.Id, "arn:aws:iam::111111111111:role/nobody"),
        ["endpoint: no operator role output"] = ("seed", c => c.Templates.Template(Relay)["Outputs"]!.AsObject().Remove("OperatorRoleArn"),
            "endpoint-acceptance", DeployabilityRules.NoRole.Id, "OperatorRoleArn"),
        ["endpoint: accept action dropped"] = ("seed", c => Statements(c, Relay, "OperatorRole")[1]!["Action"] = "ec2:RejectVpcEndpointConnections",
            "endpoint-acceptance", DeployabilityRules.NotAllowed.Id, "ec2:AcceptVpcEndpointConnections on resource type vpc-endpoint-service"),
        ["endpoint: scoped to another Region's services"] = ("seed", c => Statements(c, Relay, "OperatorRole")[1]!["Resource"] = "arn:aws:ec2:eu-west-1:222222222222:vpc-endpoint-service/*",
            "endpoint-acceptance", DeployabilityRules.NotAllowed.Id, "vpc-endpoint-service"),
        ["endpoint: describe scoped to a resource"] = ("seed", c => Statements(c, Relay, "OperatorRole")[0]!["Resource"] = "arn:aws:ec2:us-west-2:222222222222:vpc-endpoint-service/*",
            "endpoint-acceptance", DeployabilityRules.NotAllowed.Id, "ec2:DescribeVpcEndpointConnections"),
        ["endpoint: operator role trusts another account"] = ("seed", c => Trust(c, Relay, "OperatorRole")[0]!["Principal"]!["AWS"] = "arn:aws:iam::999999999999:root",
            "endpoint-acceptance", DeployabilityRules.NotTrusted.Id, "does not name"),
        ["dns: accepter side cannot modify options"] = ("fan-out", c => Statements(c, "orders-provider-routes", "OperatorRole").RemoveAt(0),
            "peering-dns", DeployabilityRules.NotAllowed.Id, "ec2:ModifyVpcPeeringConnectionOptions on resource type vpc-peering-connection"),
        ["dns: requester side scoped to another peering"] = ("fan-out", c => Statements(c, "orders-relay-eu-west-1", "OperatorRole")[2]!["Resource"] =
                JsonNode.Parse("""{ "Fn::Sub": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/${NetworkVpcFAC8F4A5}" }"""),
            "peering-dns", DeployabilityRules.NotAllowed.Id, "vpc-peering-connection"),
        ["native: provider operator role missing"] = ("native", c => c.Templates.Resources("ledger-provider").Remove("OperatorRole"),
            "endpoint-acceptance", DeployabilityRules.NoRole.Id, "names a role no stack of the assembly declares"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Mutation_names_the_handshake_as_blocked_with_its_code_what_is_missing_and_the_fix(string name)
    {
        var (example, mutate, kind, code, expected) = Mutations[name];
        var contract = example switch { "seed" => Seed(), "fan-out" => FanOut(), _ => Native() };
        Assert.False(Analyze(contract.Assembly(), example).HasErrors);

        mutate(contract);
        var report = Analyze(contract.Assembly(), example);

        var blocked = Assert.Single(report.Handshakes, h => h.Status == HandshakeStatus.Blocked);
        Assert.Equal(kind, blocked.Kind);
        Assert.Equal(code, blocked.Code);
        Assert.Contains(expected, blocked.Problem, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(blocked.Fix));
        var finding = Assert.Single(report.Findings, f => f.Severity == DeployabilitySeverity.Error);
        Assert.Equal((code, blocked.Stack, blocked.LogicalId), (finding.Code, finding.Stack, finding.LogicalId));
    }

    private static JsonArray Statements(ContractIam contract, string stack, string role) =>
        contract.Templates.Properties(stack, role)["Policies"]![0]!["PolicyDocument"]!["Statement"]!.AsArray();

    private static JsonArray Trust(ContractIam contract, string stack, string role) =>
        contract.Templates.Properties(stack, role)["AssumeRolePolicyDocument"]!["Statement"]!.AsArray();
}
