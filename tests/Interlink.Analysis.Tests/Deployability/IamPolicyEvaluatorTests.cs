using Interlink.Analysis.Deployability;

namespace Interlink.Analysis.Tests.Deployability;

/// <summary>The offline IAM evaluator: Allow/Deny, wildcards, ARN conditions, keys per resource type, unknown values.</summary>
public sealed class IamPolicyEvaluatorTests
{
    private static readonly IamSymbol Vpc = new("provider/NetworkVpc", true);
    private static readonly IamSymbol OtherVpc = new("provider/OtherVpc", true);
    private static readonly IamText VpcArn = new(["arn:aws:ec2:us-east-1:111111111111:vpc/", Vpc]);
    private static readonly IamText PeeringArn = new(["arn:aws:ec2:us-east-1:111111111111:vpc-peering-connection/", new IamSymbol("relay/Peering", true)]);

    private static IamStatement Allow(string action, IamText resource, params IamCondition[] conditions) =>
        new("test", true, [IamText.Of(action)], false, [resource], false, conditions);

    private static IamStatement Deny(string action, IamText resource) => new("deny", false, [IamText.Of(action)], false, [resource], false, []);

    private static IamRequest Request(string action, IamText resource, Dictionary<string, IamText>? context = null, params string[] unknown) =>
        new(action, resource, context ?? [], unknown.ToHashSet());

    [Fact]
    public void An_allow_statement_with_the_action_and_a_covering_resource_allows()
    {
        var decision = IamPolicyEvaluator.Evaluate([Allow("ec2:AcceptVpcPeeringConnection", IamText.Of("arn:aws:ec2:us-east-1:111111111111:vpc-peering-connection/*"))],
            Request("ec2:AcceptVpcPeeringConnection", PeeringArn));

        Assert.Equal(IamDecisionKind.Allowed, decision.Kind);
    }

    [Fact]
    public void Nothing_allowing_the_resource_is_an_implicit_deny_naming_the_statement_that_missed()
    {
        var decision = IamPolicyEvaluator.Evaluate([Allow("ec2:AcceptVpcPeeringConnection", IamText.Of("arn:aws:ec2:us-east-1:111111111111:vpc-peering-connection/*"))],
            Request("ec2:AcceptVpcPeeringConnection", VpcArn));

        Assert.Equal(IamDecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("does not cover", Assert.Single(decision.NearMisses).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_explicit_deny_wins_over_an_allow()
    {
        var decision = IamPolicyEvaluator.Evaluate(
            [Allow("ec2:*", IamText.Of("*")), Deny("ec2:AcceptVpcPeeringConnection", IamText.Of("arn:aws:ec2:*:*:vpc/*"))],
            Request("ec2:AcceptVpcPeeringConnection", VpcArn));

        Assert.Equal(IamDecisionKind.ExplicitDeny, decision.Kind);
        Assert.Equal("deny", decision.Statement!.Source);
    }

    [Theory]
    [InlineData("ec2:Accept*", true)]
    [InlineData("EC2:acceptvpcpeeringconnection", true)]
    [InlineData("ec2:Accept?pcPeeringConnection", true)]
    [InlineData("ec2:Describe*", false)]
    [InlineData("*", true)]
    public void Action_patterns_are_case_insensitive_globs(string pattern, bool allowed)
    {
        var decision = IamPolicyEvaluator.Evaluate([Allow(pattern, IamText.Of("*"))], Request("ec2:AcceptVpcPeeringConnection", VpcArn));

        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Fact]
    public void NotAction_allows_every_other_action()
    {
        var statement = new IamStatement("s", true, [IamText.Of("iam:*")], true, [IamText.Of("*")], false, []);

        Assert.True(IamPolicyEvaluator.Evaluate([statement], Request("ec2:AcceptVpcPeeringConnection", VpcArn)).IsAllowed);
        Assert.False(IamPolicyEvaluator.Evaluate([statement], Request("iam:CreateRole", VpcArn)).IsAllowed);
    }

    [Fact]
    public void A_resource_naming_the_same_reference_matches_and_another_reference_does_not()
    {
        Assert.True(IamPolicyEvaluator.Evaluate([Allow("ec2:AcceptVpcPeeringConnection", VpcArn)], Request("ec2:AcceptVpcPeeringConnection", VpcArn)).IsAllowed);

        var other = new IamText(["arn:aws:ec2:us-east-1:111111111111:vpc/", OtherVpc]);
        Assert.Equal(IamDecisionKind.ImplicitDeny, IamPolicyEvaluator.Evaluate([Allow("ec2:AcceptVpcPeeringConnection", other)], Request("ec2:AcceptVpcPeeringConnection", VpcArn)).Kind);
    }

    [Fact]
    public void A_literal_compared_with_a_value_known_only_once_deployed_is_unknown_never_allowed()
    {
        var decision = IamPolicyEvaluator.Evaluate([Allow("ec2:AcceptVpcPeeringConnection", IamText.Of("arn:aws:ec2:us-east-1:111111111111:vpc/vpc-0123"))],
            Request("ec2:AcceptVpcPeeringConnection", VpcArn));

        Assert.Equal(IamDecisionKind.Unknown, decision.Kind);
        Assert.False(decision.IsAllowed);
    }

    [Theory]
    [InlineData("ArnEquals", true)]
    [InlineData("ArnLike", true)]
    [InlineData("StringEquals", true)]
    [InlineData("ArnNotEquals", false)]
    public void Arn_and_string_conditions_compare_with_the_request_context(string op, bool allowed)
    {
        var condition = new IamCondition(op, "ec2:AccepterVpc", [VpcArn]);
        var decision = IamPolicyEvaluator.Evaluate([Allow("ec2:AcceptVpcPeeringConnection", IamText.Of("*"), condition)],
            Request("ec2:AcceptVpcPeeringConnection", PeeringArn, new() { ["ec2:AccepterVpc"] = VpcArn }));

        Assert.Equal(allowed, decision.IsAllowed);
    }

    [Fact]
    public void ArnLike_wildcards_stay_inside_one_part_of_the_arn()
    {
        var requester = IamText.Of("arn:aws:ec2:us-west-2:222222222222:vpc/vpc-1");
        Tri Like(string pattern) => IamMatch.Arn(IamText.Of(pattern), requester);

        Assert.Equal(Tri.Yes, Like("arn:aws:ec2:us-west-2:222222222222:vpc/*"));
        Assert.Equal(Tri.Yes, Like("arn:*:ec2:*:222222222222:*"));
        Assert.Equal(Tri.No, Like("arn:aws:ec2:us-west-2:*"));
        Assert.Equal(Tri.No, Like("arn:aws:ec2:eu-west-1:222222222222:vpc/*"));
    }

    [Fact]
    public void A_condition_on_a_key_the_request_does_not_carry_fails_unless_IfExists()
    {
        // ec2:AccepterVpc belongs to the vpc-peering-connection resource type, not to vpc.
        var onVpc = Allow("ec2:AcceptVpcPeeringConnection", VpcArn, new IamCondition("ArnEquals", "ec2:AccepterVpc", [VpcArn]));
        var ifExists = Allow("ec2:AcceptVpcPeeringConnection", VpcArn, new IamCondition("ArnEqualsIfExists", "ec2:AccepterVpc", [VpcArn]));
        var request = Request("ec2:AcceptVpcPeeringConnection", VpcArn, new() { ["ec2:VpcID"] = new IamText([Vpc]) });

        var decision = IamPolicyEvaluator.Evaluate([onVpc], request);
        Assert.Equal(IamDecisionKind.ImplicitDeny, decision.Kind);
        Assert.Contains("carries no ec2:AccepterVpc", decision.NearMisses[0].Reason, StringComparison.Ordinal);
        Assert.True(IamPolicyEvaluator.Evaluate([ifExists], request).IsAllowed);
    }

    [Fact]
    public void A_condition_on_a_key_whose_value_is_unknown_offline_is_unknown()
    {
        var tagged = Allow("ec2:AcceptVpcPeeringConnection", IamText.Of("*"), new IamCondition("StringEquals", "aws:ResourceTag/team", [IamText.Of("net")]));

        var decision = IamPolicyEvaluator.Evaluate([tagged], Request("ec2:AcceptVpcPeeringConnection", VpcArn, null, "aws:ResourceTag/"));

        Assert.Equal(IamDecisionKind.Unknown, decision.Kind);
    }

    [Fact]
    public void Unsupported_condition_operators_are_unknown_never_allowed()
    {
        var odd = Allow("ec2:AcceptVpcPeeringConnection", IamText.Of("*"), new IamCondition("DateGreaterThan", "aws:CurrentTime", [IamText.Of("2020-01-01")]));

        Assert.Equal(IamDecisionKind.Unknown, IamPolicyEvaluator.Evaluate([odd], Request("ec2:AcceptVpcPeeringConnection", VpcArn)).Kind);
    }

    [Fact]
    public void A_trust_policy_admits_the_named_role_or_its_account_root_and_nobody_else()
    {
        var exec = IamText.Of("arn:aws:iam::222222222222:role/cdk-hnb659fds-cfn-exec-role-222222222222-us-west-2");
        IamStatement Trust(string principal) => new("trust", true, [IamText.Of("sts:AssumeRole")], false, [], false, [], new IamPrincipal(false, [IamText.Of(principal)], []));
        IamDecision Assume(IamStatement s) => IamPolicyEvaluator.Evaluate([s],
            new IamRequest("sts:AssumeRole", IamText.Of("*"), new Dictionary<string, IamText>(), new HashSet<string>(), exec, IamText.Of("222222222222")));

        Assert.True(Assume(Trust(exec.ToString())).IsAllowed);
        Assert.True(Assume(Trust("arn:aws:iam::222222222222:root")).IsAllowed);
        Assert.True(Assume(Trust("222222222222")).IsAllowed);
        Assert.False(Assume(Trust("arn:aws:iam::333333333333:root")).IsAllowed);
        Assert.False(Assume(Trust("arn:aws:iam::222222222222:role/cdk-other-cfn-exec-role-222222222222-us-west-2")).IsAllowed);
    }
}
