using Interlink.Analysis.Assembly;
using Interlink.Analysis.Intrinsics;
using Interlink.Core.Wiring;

namespace Interlink.Analysis.Tests;

public sealed class IntrinsicResolverTests
{
    // Two stacks: "a" (account 111, us-east-1) declares resources, outputs and an export; "b" (deploying
    // account, us-west-2) has a parameter fed from a's output by the wiring manifest.
    private const string A = """
        {
          "Parameters": { "Env": { "Type": "String", "Default": "prod" }, "Ids": { "Type": "CommaDelimitedList", "Default": "x,y" },
                          "Ami": { "Type": "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>", "Default": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64" } },
          "Mappings": { "Sizes": { "prod": { "Type": "t4g.small" } } },
          "Conditions": {
            "IsProd": { "Fn::Equals": [ { "Ref": "Env" }, "prod" ] },
            "IsEast": { "Fn::Equals": [ { "Ref": "AWS::Region" }, "us-east-1" ] },
            "Both": { "Fn::And": [ { "Condition": "IsProd" }, { "Condition": "IsEast" } ] },
            "Either": { "Fn::Or": [ { "Fn::Not": [ { "Condition": "IsProd" } ] }, { "Condition": "IsEast" } ] },
            "Unknowable": { "Fn::Equals": [ { "Ref": "Secret" }, "x" ] }
          },
          "Resources": {
            "Vpc": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } },
            "TableA": { "Type": "AWS::EC2::RouteTable", "Properties": {} },
            "TableB": { "Type": "AWS::EC2::RouteTable", "Properties": {} },
            "Service": { "Type": "AWS::EC2::VPCEndpointService", "Properties": {} }
          },
          "Outputs": {
            "Tables": { "Value": { "Fn::Join": [ ",", [ { "Ref": "TableA" }, { "Ref": "TableB" } ] ] } },
            "ServiceName": { "Value": { "Fn::Join": [ "", [ "com.amazonaws.vpce.", { "Ref": "AWS::Region" }, ".", { "Ref": "Service" } ] ] } },
            "Shared": { "Value": "shared-value", "Export": { "Name": { "Fn::Sub": "${AWS::StackName}-shared" } } }
          }
        }
        """;

    private const string B = """
        {
          "Parameters": { "Tables": { "Type": "CommaDelimitedList" }, "ServiceName": { "Type": "String" }, "Secret": { "Type": "String" } },
          "Resources": { "Route": { "Type": "AWS::EC2::Route", "Properties": {} } }
        }
        """;

    private static IntrinsicResolver Resolver(string? aAccount = "111111111111")
    {
        var wiring = new WiringManifest(1, "t", "relay", [], new Dictionary<string, WiringStack>
        {
            ["a"] = new("provider", aAccount, "us-east-1", 1, "a.template.json", new Dictionary<string, WiringSource>(), []),
            ["b"] = new("consumer", null, "us-west-2", 2, "b.template.json", new Dictionary<string, WiringSource>
            {
                ["Tables"] = new("a", "Tables"),
                ["ServiceName"] = new("a", "ServiceName"),
            }, []),
        });
        var stacks = new Dictionary<string, StackTemplate>
        {
            ["a"] = new("a", "provider", aAccount, "us-east-1", 1, "a.template.json", JsonDocument.Parse(A).RootElement.Clone()),
            ["b"] = new("b", "consumer", null, "us-west-2", 2, "b.template.json", JsonDocument.Parse(B).RootElement.Clone()),
        };
        return new IntrinsicResolver(new CloudAssembly("/nowhere", wiring, stacks));
    }

    private static CfnValue Resolve(string stack, string json, string? aAccount = "111111111111") =>
        Resolver(aAccount).Resolve(stack, JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Literals_stay_literals() =>
        Assert.Equal("[x, 3, true]", Resolve("a", """["x", 3, true]""").Display());

    [Fact]
    public void Ref_to_a_resource_is_a_reference()
    {
        Assert.Equal(new CfnRef("a", "Vpc"), Resolve("a", """{ "Ref": "Vpc" }"""));
    }

    [Fact]
    public void Ref_to_a_parameter_follows_the_wiring_to_the_source_output_resolved_in_its_stack()
    {
        Assert.Equal("com.amazonaws.vpce.us-east-1.${a/Service}", Resolve("b", """{ "Ref": "ServiceName" }""").Display());
        var tables = Assert.IsType<CfnList>(Resolve("b", """{ "Ref": "Tables" }"""));
        Assert.Equal([new CfnRef("a", "TableA"), new CfnRef("a", "TableB")], tables.Values);
    }

    [Fact]
    public void Ref_to_an_unwired_parameter_takes_its_default_or_is_unknown_by_name()
    {
        Assert.Equal(new CfnString("prod"), Resolve("a", """{ "Ref": "Env" }"""));
        Assert.Equal("[x, y]", Resolve("a", """{ "Ref": "Ids" }""").Display());
        var secret = Assert.IsType<CfnUnknown>(Resolve("b", """{ "Ref": "Secret" }"""));
        Assert.Equal("Secret", secret.Name);
    }

    [Fact]
    public void A_Systems_Manager_parameter_type_is_unknown_not_its_Parameter_Store_key()
    {
        // Its Default names the Parameter Store key; CloudFormation deploys the key's value, read at deploy time.
        var ami = Assert.IsType<CfnUnknown>(Resolve("a", """{ "Ref": "Ami" }"""));
        Assert.Equal("Ami", ami.Name);
    }

    [Theory]
    [InlineData("AWS::Region", "us-east-1")]
    [InlineData("AWS::AccountId", "111111111111")]
    [InlineData("AWS::Partition", "aws")]
    [InlineData("AWS::URLSuffix", "amazonaws.com")]
    [InlineData("AWS::StackName", "a")]
    public void Pseudo_parameters_come_from_the_stack_environment(string name, string expected) =>
        Assert.Equal(new CfnString(expected), Resolve("a", $$"""{ "Ref": "{{name}}" }"""));

    [Fact]
    public void Account_of_a_stack_left_to_the_deploying_account_is_unknown_but_named()
    {
        var account = Assert.IsType<CfnUnknown>(Resolve("b", """{ "Ref": "AWS::AccountId" }"""));
        Assert.Equal("AWS::AccountId", account.Name);
        Assert.Equal("arn:aws:iam::${AWS::AccountId}:root", Resolve("b", """{ "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" }""").Display());
    }

    [Fact]
    public void GetAtt_both_forms_is_a_reference_with_the_attribute()
    {
        Assert.Equal(new CfnRef("a", "Vpc", "CidrBlock"), Resolve("a", """{ "Fn::GetAtt": ["Vpc", "CidrBlock"] }"""));
        Assert.Equal(new CfnRef("a", "Vpc", "CidrBlock"), Resolve("a", """{ "Fn::GetAtt": "Vpc.CidrBlock" }"""));
        Assert.IsType<CfnUnknown>(Resolve("a", """{ "Fn::GetAtt": ["Missing", "Arn"] }"""));
    }

    [Fact]
    public void Join_of_literals_is_text_and_of_references_is_concatenated()
    {
        Assert.Equal(new CfnString("a-b-c"), Resolve("a", """{ "Fn::Join": ["-", ["a", "b", "c"]] }"""));
        var mixed = Assert.IsType<CfnConcat>(Resolve("a", """{ "Fn::Join": ["", ["vpc:", { "Ref": "Vpc" }]] }"""));
        Assert.Equal([new CfnString("vpc:"), new CfnRef("a", "Vpc")], mixed.Parts);
    }

    [Fact]
    public void Select_picks_from_a_resolved_list_and_reports_out_of_range()
    {
        Assert.Equal(new CfnRef("a", "TableB"), Resolve("b", """{ "Fn::Select": [1, { "Ref": "Tables" }] }"""));
        Assert.Equal(new CfnString("b"), Resolve("a", """{ "Fn::Select": ["1", ["a", "b"]] }"""));
        Assert.IsType<CfnUnknown>(Resolve("a", """{ "Fn::Select": [5, ["a"]] }"""));
    }

    [Fact]
    public void Split_keeps_references_whole()
    {
        Assert.Equal("[a, b, ]", Resolve("a", """{ "Fn::Split": [",", "a,b,"] }""").Display());
        var parts = Assert.IsType<CfnList>(Resolve("a", """{ "Fn::Split": [",", { "Fn::Join": [",", [{ "Ref": "TableA" }, "rtb-1"]] }] }"""));
        Assert.Equal([new CfnRef("a", "TableA"), new CfnString("rtb-1")], parts.Values);
    }

    [Fact]
    public void Sub_resolves_pseudo_parameters_parameters_attributes_variables_and_escapes()
    {
        Assert.Equal("us-east-1/prod/${a/Vpc.CidrBlock}/${Literal}/${a/Vpc}/v",
            Resolve("a", """{ "Fn::Sub": ["${AWS::Region}/${Env}/${Vpc.CidrBlock}/${!Literal}/${Vpc}/${Var}", { "Var": "v" }] }""").Display());
    }

    [Fact]
    public void GetAZs_lists_the_Region_zone_names()
    {
        var azs = Assert.IsType<CfnList>(Resolve("a", """{ "Fn::GetAZs": "" }"""));
        Assert.Equal(new CfnString("us-east-1a"), azs.Values[0]);
        Assert.Equal(new CfnString("eu-west-1b"), Assert.IsType<CfnList>(Resolve("a", """{ "Fn::GetAZs": "eu-west-1" }""")).Values[1]);
    }

    [Fact]
    public void If_evaluates_decidable_conditions_Equals_And_Or_Not()
    {
        var resolver = Resolver();
        Assert.True(resolver.Condition("a", "IsProd"));
        Assert.True(resolver.Condition("a", "Both"));
        Assert.True(resolver.Condition("a", "Either"));
        Assert.Null(resolver.Condition("a", "Unknowable"));
        Assert.Equal(new CfnString("yes"), Resolve("a", """{ "Fn::If": ["Both", "yes", "no"] }"""));
        Assert.Equal(new CfnString("same"), Resolve("a", """{ "Fn::If": ["Unknowable", "same", "same"] }"""));
        Assert.IsType<CfnUnknown>(Resolve("a", """{ "Fn::If": ["Unknowable", "x", "y"] }"""));
        Assert.Equal("[keep]", Resolve("a", """[{ "Fn::If": ["IsProd", { "Ref": "AWS::NoValue" }, "x"] }, "keep"]""").Display());
    }

    [Fact]
    public void Base64_encodes_known_text()
    {
        Assert.Equal(new CfnString("aGk="), Resolve("a", """{ "Fn::Base64": "hi" }"""));
        Assert.IsType<CfnUnknown>(Resolve("a", """{ "Fn::Base64": { "Ref": "Vpc" } }"""));
    }

    [Fact]
    public void ImportValue_finds_the_export_in_the_same_environment_only()
    {
        Assert.Equal(new CfnString("shared-value"), Resolve("a", """{ "Fn::ImportValue": "a-shared" }"""));
        Assert.IsType<CfnUnknown>(Resolve("b", """{ "Fn::ImportValue": "a-shared" }"""));
    }

    [Fact]
    public void FindInMap_reads_the_mapping()
    {
        Assert.Equal(new CfnString("t4g.small"), Resolve("a", """{ "Fn::FindInMap": ["Sizes", { "Ref": "Env" }, "Type"] }"""));
        Assert.IsType<CfnUnknown>(Resolve("a", """{ "Fn::FindInMap": ["Sizes", "dev", "Type"] }"""));
    }

    [Fact]
    public void Cidr_carves_blocks_from_a_known_block()
    {
        Assert.Equal("[10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24]", Resolve("a", """{ "Fn::Cidr": ["10.0.0.0/16", 3, 8] }""").Display());
        Assert.IsType<CfnUnknown>(Resolve("a", """{ "Fn::Cidr": [{ "Fn::GetAtt": ["Vpc", "CidrBlock"] }, 3, 8] }"""));
    }

    [Fact]
    public void Unsupported_functions_are_unknown_with_their_name() =>
        Assert.Equal("Fn::Transform", Assert.IsType<CfnUnknown>(Resolve("a", """{ "Fn::Transform": { "Name": "x" } }""")).Name);
}
