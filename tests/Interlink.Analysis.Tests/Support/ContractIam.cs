using Interlink.Analysis.Assembly;
using Interlink.Core.Normalization;
using Interlink.Core.Validation;
using Interlink.Core.Wiring;
using Interlink.Testing;

namespace Interlink.Analysis.Tests.Support;

/// <summary>
/// Template fragments with the IAM the templates carry once the operator-role contract is built
/// (/work/wt/notes/CONTRACT-operator-roles.md): the peering-accepter role trusting exactly the relay account's CDK
/// cfn-exec role and allowed ec2:AcceptVpcPeeringConnection on the peering connection (ec2:AccepterVpc and
/// ec2:RequesterVpc conditions) and on the provider VPC, its ARN fed to PeerRoleArn through a parameter; one
/// operator role per stack that deploy acts in, trusting the deploying account. Applied to a synthesized example so
/// the deployability analysis can be tested against the contract before the templates implement it.
/// </summary>
public sealed class ContractIam
{
    private readonly MutableAssembly mutable;
    private readonly Dictionary<string, Dictionary<string, WiringSource>> parameters = [];

    public ContractIam(CloudAssembly synthesized, string deployer)
    {
        mutable = new MutableAssembly(synthesized);
        Deployer = deployer;
    }

    public string Deployer { get; }

    public MutableAssembly Templates => mutable;

    /// <summary>The assembly with the fragments and the wiring of the parameters they add.</summary>
    public CloudAssembly Assembly()
    {
        var assembly = mutable.Assembly();
        var stacks = assembly.Wiring.Stacks.ToDictionary(s => s.Key, s => parameters.TryGetValue(s.Key, out var extra)
            ? s.Value with { Parameters = s.Value.Parameters.Where(kv => !extra.ContainsKey(kv.Key)).Concat(extra).ToDictionary(kv => kv.Key, kv => kv.Value) }
            : s.Value);
        return assembly with { Wiring = assembly.Wiring with { Stacks = stacks } };
    }

    /// <summary>The peering-accepter role for the relay in <paramref name="relayStack"/>, per the contract.</summary>
    public ContractIam Accepter(string providerStack, string relayStack, string relayAccount, string relayRegion, string? roleLogicalId = null)
    {
        roleLogicalId ??= Ids.Of("PeeringAccepterUsWest2/Role");
        var output = Interlink.Core.Wiring.Outputs.AccepterRoleArn(relayRegion);
        mutable.Resources(providerStack)[roleLogicalId] = JsonNode.Parse($$"""
            {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [ {
                  "Effect": "Allow", "Action": "sts:AssumeRole",
                  "Principal": { "AWS": { "Fn::Sub": "arn:${AWS::Partition}:iam::{{relayAccount}}:role/cdk-hnb659fds-cfn-exec-role-{{relayAccount}}-{{relayRegion}}" } } } ] },
                "Policies": [ { "PolicyName": "accept-peering-to-provider-vpc", "PolicyDocument": { "Version": "2012-10-17", "Statement": [
                  { "Sid": "AcceptPeeringFromRelay", "Effect": "Allow", "Action": "ec2:AcceptVpcPeeringConnection",
                    "Resource": { "Fn::Sub": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/*" },
                    "Condition": {
                      "ArnEquals": { "ec2:AccepterVpc": { "Fn::Sub": [ "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${Vpc}", { "Vpc": { "Ref": "{{Ids.Of("Network/Vpc")}}" } } ] } },
                      "ArnLike": { "ec2:RequesterVpc": { "Fn::Sub": "arn:${AWS::Partition}:ec2:{{relayRegion}}:{{relayAccount}}:vpc/*" } } } },
                  { "Sid": "AcceptIntoProviderVpc", "Effect": "Allow", "Action": "ec2:AcceptVpcPeeringConnection",
                    "Resource": { "Fn::Sub": [ "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc/${Vpc}", { "Vpc": { "Ref": "{{Ids.Of("Network/Vpc")}}" } } ] } }
                ] } } ]
              }
            }
            """);
        OutputsOf(providerStack)[output] = JsonNode.Parse($$"""{ "Value": { "Fn::GetAtt": [ "{{roleLogicalId}}", "Arn" ] } }""");
        Parameters(relayStack)[output] = JsonNode.Parse("""{ "Type": "String" }""");
        var peering = mutable.Logical(relayStack, "AWS::EC2::VPCPeeringConnection");
        mutable.Properties(relayStack, peering)["PeerRoleArn"] = JsonNode.Parse($$"""{ "Ref": "{{output}}" }""");
        Wire(relayStack, output, providerStack, output);
        return this;
    }

    /// <summary>An operator role in <paramref name="stack"/> allowed <paramref name="statements"/>, trusting the deploying account.</summary>
    public ContractIam Operator(string stack, params string[] statements)
    {
        mutable.Resources(stack)["OperatorRole"] = JsonNode.Parse($$"""
            {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [ {
                  "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": { "AWS": { "Fn::Sub": "arn:${AWS::Partition}:iam::{{Deployer}}:root" } } } ] },
                "Policies": [ { "PolicyName": "operate", "PolicyDocument": { "Version": "2012-10-17", "Statement": [ {{string.Join(",", statements)}} ] } } ]
              }
            }
            """);
        OutputsOf(stack)[Interlink.Core.Wiring.Outputs.OperatorRoleArn] = JsonNode.Parse("""{ "Value": { "Fn::GetAtt": [ "OperatorRole", "Arn" ] } }""");
        return this;
    }

    /// <summary>Describe, accept and reject endpoint connections on the service <paramref name="serviceLogicalId"/>.</summary>
    public static string[] EndpointStatements(string? serviceLogicalId = null) => Statements(serviceLogicalId ?? Ids.Of("EndpointService/Service"));

    private static string[] Statements(string serviceLogicalId) =>
    [
        """{ "Sid": "Describe", "Effect": "Allow", "Action": "ec2:DescribeVpcEndpointConnections", "Resource": "*" }""",
        $$"""{ "Sid": "AcceptReject", "Effect": "Allow", "Action": [ "ec2:AcceptVpcEndpointConnections", "ec2:RejectVpcEndpointConnections" ], "Resource": { "Fn::Sub": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-endpoint-service/${{{serviceLogicalId}}}" } }""",
    ];

    /// <summary>Peering DNS options on the peering named by <paramref name="peeringRefOrParameter"/> (a resource or a parameter).</summary>
    public static string[] DnsStatements(string peeringRefOrParameter) =>
    [
        $$"""{ "Sid": "DnsOptions", "Effect": "Allow", "Action": "ec2:ModifyVpcPeeringConnectionOptions", "Resource": { "Fn::Sub": "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/${{{peeringRefOrParameter}}}" } }""",
        """{ "Sid": "WaitActive", "Effect": "Allow", "Action": "ec2:DescribeVpcPeeringConnections", "Resource": "*" }""",
    ];

    /// <summary>Removes the peering-DNS custom resources and their Lambda (deploy sets the options instead).</summary>
    public ContractIam WithoutDnsCustomResources()
    {
        foreach (var stack in mutable.Original.Stacks.Keys)
        {
            var resources = mutable.Resources(stack);
            foreach (var id in resources.Where(r => r.Value!["Type"]!.GetValue<string>() is "Custom::AWS" or "AWS::Lambda::Function"
                    || r.Key.StartsWith("AWS679f53fac002430cb0da5b7982bd2287", StringComparison.Ordinal) || r.Key.Contains("CustomResourcePolicy", StringComparison.Ordinal))
                .Select(r => r.Key).ToList())
                resources.Remove(id);
        }

        return this;
    }

    /// <summary>The example's topology (deploying account, peering DNS choices).</summary>
    public static Topology Topology(string example) =>
        TopologyBuilder.Build(ConfigValidator.ValidateFile(Interlink.Testing.RepoRoot.Example($"{example}.yaml")));

    private JsonObject OutputsOf(string stack) => Section(stack, "Outputs");

    private JsonObject Parameters(string stack) => Section(stack, "Parameters");

    private JsonObject Section(string stack, string name)
    {
        var template = mutable.Template(stack);
        if (template[name] is not JsonObject section)
            template[name] = section = [];
        return section;
    }

    private void Wire(string stack, string parameter, string sourceStack, string output)
    {
        if (!parameters.TryGetValue(stack, out var map))
            parameters[stack] = map = [];
        map[parameter] = new WiringSource(sourceStack, output);
    }
}
