using Interlink.Templates.Model;
using Interlink.Templates.Writing;

namespace Interlink.Templates.Tests;

/// <summary>Template values render as the CDK renders the same calls, so that both emitters write the same JSON.</summary>
public sealed class ValueTests
{
    private static string Json(CfnValue value) => TemplateRenderer.Value(value).ToJsonString();

    [Fact]
    public void Join_of_literals_is_one_string() =>
        Assert.Equal("\"a-b-1\"", Json(Cfn.Join("-", "a", "b", 1)));

    [Fact]
    public void Join_merges_adjacent_literals_around_references_and_splices_joins_with_the_same_delimiter()
    {
        var joined = Cfn.Join("", "arn:", Cfn.Partition, ":s3:::", Cfn.Join("", "bucket", "/", "key"));
        Assert.Equal("{\"Fn::Join\":[\"\",[\"arn:\",{\"Ref\":\"AWS::Partition\"},\":s3:::bucket/key\"]]}", Json(joined));
    }

    [Fact]
    public void Join_of_one_reference_is_the_reference() =>
        Assert.Equal("{\"Ref\":\"AWS::Region\"}", Json(Cfn.Join(",", Cfn.Region)));

    [Fact]
    public void Sub_without_variables_is_a_bare_string_and_with_variables_a_pair()
    {
        Assert.Equal("{\"Fn::Sub\":\"arn:${AWS::Partition}\"}", Json(Cfn.Sub("arn:${AWS::Partition}")));
        Assert.Equal("{\"Fn::Sub\":[\"x/${Id}\",{\"Id\":\"vpc-1\"}]}", Json(Cfn.Sub("x/${Id}", ("Id", "vpc-1"))));
    }

    [Fact]
    public void Null_entries_are_left_out_of_objects()
    {
        string? absent = null;
        Assert.Equal("{\"A\":1}", Json(Cfn.Map(("A", 1), ("B", absent))));
    }

    [Fact]
    public void References_name_the_element_by_its_logical_id()
    {
        var stack = new ModelScope();
        var vpc = stack.Scope("Network").Resource("Vpc", "AWS::EC2::VPC", Cfn.Map());
        Assert.Equal("{\"Ref\":\"NetworkVpcFAC8F4A5\"}", Json(Cfn.Ref(vpc)));
        Assert.Equal("{\"Fn::GetAtt\":[\"NetworkVpcFAC8F4A5\",\"CidrBlock\"]}", Json(Cfn.GetAtt(vpc, "CidrBlock")));
    }

    [Fact]
    public void Construct_ids_are_unique_per_scope()
    {
        var stack = new ModelScope();
        _ = stack.Resource("Vpc", "AWS::EC2::VPC", Cfn.Map());
        Assert.Throws<ArgumentException>(() => stack.Resource("Vpc", "AWS::EC2::VPC", Cfn.Map()));
        Assert.Throws<ArgumentException>(() => stack.Scope("a/b"));
    }

    [Fact]
    public void Stack_tags_join_a_taggable_resources_own_and_sort_as_the_CDK_sorts_them()
    {
        var tags = StackTags.Apply("AWS::EC2::VPC", Cfn.Map(("Tags", StackTags.NameTag("web"))),
            [new("interlink:design", "d"), new("Project", "p"), new("CostCenter", "1")]);
        Assert.Equal(
            "{\"Tags\":[{\"Key\":\"CostCenter\",\"Value\":\"1\"},{\"Key\":\"interlink:design\",\"Value\":\"d\"},{\"Key\":\"Name\",\"Value\":\"web\"},{\"Key\":\"Project\",\"Value\":\"p\"}]}",
            Json(tags));
        Assert.Equal("{}", Json(StackTags.Apply("AWS::EC2::Route", Cfn.Map(), [new("interlink:design", "d")])));
    }

    [Theory]
    [InlineData("a", "B")]
    [InlineData("a", "A")]
    [InlineData("a_b", "a-b")]
    [InlineData("a-b", "a:b")]
    [InlineData("a:b", "a1")]
    [InlineData("a1", "aa")]
    public void Locale_order_follows_javascripts_localeCompare(string first, string second)
    {
        Assert.True(LocaleOrder.Compare(first, second) < 0, $"'{first}' before '{second}'");
        Assert.True(LocaleOrder.Compare(second, first) > 0, $"'{second}' after '{first}'");
    }
}
