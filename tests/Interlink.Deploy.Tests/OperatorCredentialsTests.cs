using Amazon.SecurityToken.Model;
using Interlink.Deploy.Aws;
using Interlink.Testing;

namespace Interlink.Deploy.Tests;

/// <summary>
/// One credential model for everything deploy, destroy, status and probe do outside CloudFormation: a profile
/// mapped to the stack, else the ambient credentials assuming the stack's operator role in its Region; and in
/// every case STS GetCallerIdentity must name the stack's owner before anything else is called.
/// </summary>
public class OperatorCredentialsTests
{
    private const string Role = "arn:aws:iam::222222222222:role/shop-relay-us-west-2-OperatorRole";

    private readonly FakeAws aws = new() { AmbientAccount = "111111111111" };

    [Fact]
    public async Task Ambient_credentials_of_the_deploying_account_assume_the_stack_s_operator_role_in_its_Region_and_the_identity_is_checked()
    {
        var session = await Credentials().ForAsync(Relay(profile: null), CancellationToken.None);

        Assert.Equal("222222222222", session.Account);
        Assert.Equal(
            [("GetCallerIdentity", "us-west-2", "ambient"), ("AssumeRole", "us-west-2", "ambient"), ("GetCallerIdentity", "us-west-2", $"role:{Role}")],
            aws.Calls.Select(c => (c.Operation, c.Region, c.Caller)));
        var assume = Assert.IsType<AssumeRoleRequest>(aws.CallsOf("AssumeRole")[0].Request);
        Assert.Equal((Role, "interlink-shop"), (assume.RoleArn, assume.RoleSessionName));
    }

    [Fact]
    public async Task A_profile_of_the_owner_account_is_used_as_it_is()
    {
        aws.ProfileAccounts["relay-admin"] = "222222222222";

        var session = await Credentials().ForAsync(Relay(profile: "relay-admin"), CancellationToken.None);

        Assert.Equal("222222222222", session.Account);
        Assert.Equal("profile 'relay-admin'", session.Via);
        Assert.Empty(aws.CallsOf("AssumeRole"));
    }

    [Fact]
    public async Task A_profile_of_another_account_assumes_the_operator_role_from_that_profile()
    {
        aws.ProfileAccounts["deployer"] = "111111111111";

        var session = await Credentials().ForAsync(Relay(profile: "deployer"), CancellationToken.None);

        Assert.Equal($"role {Role}", session.Via);
        Assert.Equal("profile:deployer", Assert.Single(aws.CallsOf("AssumeRole")).Caller);
    }

    [Fact]
    public async Task In_a_single_account_design_the_ambient_account_is_the_owner_and_no_role_is_assumed()
    {
        var session = await Credentials().ForAsync(new OperatorTarget("solo-relay-eu-central-1", "eu-central-1", null, null, "arn:aws:iam::111111111111:role/x"), CancellationToken.None);

        Assert.Equal("111111111111", session.Account);
        Assert.Empty(aws.CallsOf("AssumeRole"));
    }

    [Fact]
    public async Task A_role_that_acts_as_another_account_is_refused_naming_both_accounts()
    {
        aws.RoleAccountOverrides[Role] = "999999999999";

        var error = await Assert.ThrowsAsync<DeployStepException>(() => Credentials().ForAsync(Relay(profile: null), CancellationToken.None));

        Assert.Contains("999999999999", error.Message, StringComparison.Ordinal);
        Assert.Contains("222222222222", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("shop-relay-us-west-2: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_operator_role_credentials_of_another_account_are_refused_with_the_profile_to_pass()
    {
        var error = await Assert.ThrowsAsync<DeployStepException>(() =>
            Credentials().ForAsync(new OperatorTarget("shop-consumer-west", "us-west-2", "333333333333", null, null), CancellationToken.None));

        Assert.Contains("account 111111111111", error.Message, StringComparison.Ordinal);
        Assert.Contains("account 333333333333", error.Message, StringComparison.Ordinal);
        Assert.Contains("--profile 333333333333=PROFILE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_STS_error_is_a_deploy_step_failure_with_AWS_s_code_and_the_role()
    {
        aws.Failures["AssumeRole"] = FakeAws.StsError("AccessDenied", "User: arn:aws:iam::111111111111:user/ci is not authorized to perform: sts:AssumeRole");

        var error = await Assert.ThrowsAsync<DeployStepException>(() => Credentials().ForAsync(Relay(profile: null), CancellationToken.None));

        Assert.Contains("AccessDenied", error.Message, StringComparison.Ordinal);
        Assert.Contains(Role, error.Message, StringComparison.Ordinal);
        Assert.Equal("shop-relay-us-west-2", error.Stack);
    }

    [Fact]
    public async Task A_role_just_created_and_not_yet_assumable_is_tried_again_a_few_times()
    {
        aws.Failures["AssumeRole"] = FakeAws.StsError("AccessDenied", "not authorized to perform: sts:AssumeRole");
        aws.FailuresBeforeSuccess["AssumeRole"] = 2;

        var session = await Credentials().ForAsync(Relay(profile: null), CancellationToken.None);

        Assert.Equal("222222222222", session.Account);
        Assert.Equal(3, aws.CallsOf("AssumeRole").Count);
    }

    [Fact]
    public async Task A_role_refused_every_time_is_tried_four_times_then_fails()
    {
        aws.Failures["AssumeRole"] = FakeAws.StsError("AccessDenied", "not authorized to perform: sts:AssumeRole");

        await Assert.ThrowsAsync<DeployStepException>(() => Credentials().ForAsync(Relay(profile: null), CancellationToken.None));

        Assert.Equal(4, aws.CallsOf("AssumeRole").Count);
    }

    [Fact]
    public async Task A_session_is_reused_for_the_same_stack()
    {
        var credentials = Credentials();
        await credentials.ForAsync(Relay(profile: null), CancellationToken.None);
        await credentials.ForAsync(Relay(profile: null), CancellationToken.None);

        Assert.Single(aws.CallsOf("AssumeRole"));
    }

    [Theory]
    [InlineData("shop", "interlink-shop")]
    [InlineData("a very/odd name", "interlink-a-very-odd-name")]
    public void The_role_session_name_is_interlink_and_the_design_within_STS_s_characters(string design, string expected) =>
        Assert.Equal(expected, OperatorCredentials.SessionNameFor(design));

    [Fact]
    public void The_role_session_name_is_cut_to_STS_s_64_characters() =>
        Assert.Equal(64, OperatorCredentials.SessionNameFor(new string('x', 100)).Length);

    private OperatorCredentials Credentials() => new(aws, "shop", assumeRetryDelay: TimeSpan.Zero);

    private static OperatorTarget Relay(string? profile) => new("shop-relay-us-west-2", "us-west-2", "222222222222", profile, Role);
}
