using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests;

/// <summary>The endpoint service on each NLB and who may connect to it.</summary>
[Collection(CdkCollection.Name)]
public sealed class EndpointServiceTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void Endpoint_service_fronts_the_NLB_of_its_stack_and_requires_acceptance(string example)
    {
        foreach (var template in LoadBalancerTests.LoadBalancerStacks(examples[example]))
        {
            var service = template.Single("AWS::EC2::VPCEndpointService");
            Assert.True(service.Bool("AcceptanceRequired"));
            var nlb = Assert.Single(service.Prop("NetworkLoadBalancerArns").EnumerateArray());
            Assert.Equal("AWS::ElasticLoadBalancingV2::LoadBalancer", template.Target(nlb).Type);
            var permissions = template.Single("AWS::EC2::VPCEndpointServicePermissions");
            Assert.Equal(service.LogicalId, Json.RefName(permissions.Prop("ServiceId")));
        }
    }

    [Theory]
    [InlineData(Examples.Seed)]
    [InlineData(Examples.FanOut)]
    [InlineData(Examples.Native)]
    [InlineData(Examples.ExistingVpcs)]
    public void Endpoint_service_allows_exactly_the_consumer_accounts_it_serves(string example)
    {
        var x = examples[example];
        foreach (var template in LoadBalancerTests.LoadBalancerStacks(x))
        {
            var region = x.Wiring.Stacks[template.StackName].Region;
            var consumers = x.Native ? x.Config.Consumers : x.Config.Consumers.Where(c => c.Region == region);
            // The partition comes from the stack (aws, aws-cn, aws-us-gov), never written as "aws".
            var expected = consumers.Select(c => $"arn:${{AWS::Partition}}:iam::{c.Account}:root").Distinct();
            Sets.Equal(expected, Principals(template), $"{template.StackName}: allowed principals");
        }
    }

    [Fact]
    public void Fan_out_endpoint_services_allow_each_Regions_consumer_accounts()
    {
        var x = examples[Examples.FanOut];

        Assert.Equal(["arn:${AWS::Partition}:iam::444444444444:root", "arn:${AWS::Partition}:iam::555555555555:root"], Principals(x.Relay("us-west-2")).Order());
        Assert.Equal(["arn:${AWS::Partition}:iam::444444444444:root"], Principals(x.Relay("eu-west-1")));
        Assert.Equal(["arn:${AWS::Partition}:iam::555555555555:root"], Principals(x.Relay("ap-southeast-2")));
    }

    [Fact]
    public void Single_account_endpoint_service_allows_the_deploying_account_only()
    {
        var permissions = examples[Examples.SingleAccount].Relay("eu-central-1").Single("AWS::EC2::VPCEndpointServicePermissions");

        var principal = Assert.Single(permissions.Prop("AllowedPrincipals").EnumerateArray());
        Assert.Equal("arn:${AWS::Partition}:iam::${AWS::AccountId}:root", principal.GetProperty("Fn::Sub").GetString());
    }

    [Theory]
    [MemberData(nameof(Examples.AllWithExtras), MemberType = typeof(Examples))]
    public void No_endpoint_service_allows_everyone(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            foreach (var permissions in template.OfType("AWS::EC2::VPCEndpointServicePermissions"))
            {
                foreach (var principal in permissions.Prop("AllowedPrincipals").EnumerateArray())
                {
                    var text = principal.ValueKind == JsonValueKind.String ? principal.GetString()! : principal.GetProperty("Fn::Sub").GetString()!;
                    Assert.NotEqual("*", text);
                    Assert.EndsWith(":root", text, StringComparison.Ordinal);
                }
            }
        }
    }

    /// <summary>Each allowed principal as its Fn::Sub template.</summary>
    private static List<string> Principals(Template template) =>
        template.Single("AWS::EC2::VPCEndpointServicePermissions").Prop("AllowedPrincipals").EnumerateArray()
            .Select(p => p.GetProperty("Fn::Sub").GetString()!).ToList();
}
