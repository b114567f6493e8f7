using Interlink.Cdk.Tests.Support;

namespace Interlink.Cdk.Tests;

[Collection(CdkCollection.Name)]
public sealed class VpcTests(ExampleAssemblies examples)
{
    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void Every_created_VPC_has_the_configured_CIDR_with_DNS_support_and_hostnames_on(string example)
    {
        foreach (var (template, spec, _) in examples[example].Networks())
        {
            var vpc = template.Single("AWS::EC2::VPC");
            Assert.Equal(spec.Cidr, vpc.Str("CidrBlock"));
            Assert.True(vpc.Bool("EnableDnsSupport"), template.StackName);
            Assert.True(vpc.Bool("EnableDnsHostnames"), template.StackName);
        }
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void Private_subnets_sit_in_exactly_the_configured_AZ_IDs_with_the_planned_CIDRs(string example)
    {
        foreach (var (template, spec, site) in examples[example].Networks())
        {
            var subnets = template.PrivateSubnets();
            Assert.Equal(spec.Azs, subnets.Select(s => s.Str("AvailabilityZoneId")).ToList());
            Assert.Equal(site.Vpc.PrivateSubnets.Select(s => s.Cidr.ToString()), subnets.Select(s => s.Str("CidrBlock")));
            if (spec.PrivateSubnets.Count > 0)
                Assert.Equal(spec.PrivateSubnets, subnets.Select(s => s.Str("CidrBlock")).ToList());
            foreach (var subnet in subnets)
                Assert.Equal(template.Single("AWS::EC2::VPC").LogicalId, Json.RefName(subnet.Prop("VpcId")));
        }
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void Every_subnet_is_placed_by_AZ_ID_never_by_AZ_name(string example)
    {
        foreach (var template in examples[example].Templates.Values)
        {
            foreach (var subnet in template.OfType("AWS::EC2::Subnet"))
            {
                Assert.True(subnet.Has("AvailabilityZoneId"), $"{template.StackName}/{subnet.LogicalId}");
                Assert.False(subnet.Has("AvailabilityZone"), $"{template.StackName}/{subnet.LogicalId}");
            }
        }
    }

    [Fact]
    public void Seed_subnets_are_exactly_the_ones_written_in_the_config()
    {
        var x = examples[Examples.Seed];
        var provider = x.Provider;
        var privateSubnets = provider.PrivateSubnets().Select(s => $"{s.Str("AvailabilityZoneId")} {s.Str("CidrBlock")}");
        var publicSubnets = provider.OfType("AWS::EC2::Subnet").Except(provider.PrivateSubnets()).Select(s => $"{s.Str("AvailabilityZoneId")} {s.Str("CidrBlock")}");
        var consumer = x.Consumer("west").PrivateSubnets().Select(s => $"{s.Str("AvailabilityZoneId")} {s.Str("CidrBlock")}");

        Assert.Equal(["use1-az1 10.10.1.0/24", "use1-az2 10.10.3.0/24"], privateSubnets);
        Assert.Equal(["use1-az1 10.10.2.0/24", "use1-az2 10.10.4.0/24"], publicSubnets);
        Assert.Equal(["usw2-az1 10.2.1.0/24", "usw2-az2 10.2.3.0/24"], consumer);
    }

    [Fact]
    public void Single_account_subnets_are_carved_from_the_VPC_CIDR_one_per_AZ()
    {
        var provider = examples[Examples.SingleAccount].Provider;

        Assert.Equal(
            ["euw1-az1 10.20.1.0/24", "euw1-az2 10.20.3.0/24", "euw1-az3 10.20.5.0/24"],
            provider.PrivateSubnets().Select(s => $"{s.Str("AvailabilityZoneId")} {s.Str("CidrBlock")}"));
    }

    [Theory]
    [MemberData(nameof(Examples.Created), MemberType = typeof(Examples))]
    public void Every_created_VPC_records_all_its_traffic_in_flow_logs(string example)
    {
        foreach (var (template, _, _) in examples[example].Networks())
        {
            var flowLog = template.Single("AWS::EC2::FlowLog");
            Assert.Equal(template.Single("AWS::EC2::VPC").LogicalId, Json.RefName(flowLog.Prop("ResourceId")));
            Assert.Equal("VPC", flowLog.Str("ResourceType"));
            Assert.Equal("ALL", flowLog.Str("TrafficType"));
            Assert.Equal("AWS::Logs::LogGroup", template.Target(flowLog.Prop("LogGroupName")).Type);
            Assert.Equal("AWS::IAM::Role", template.Target(flowLog.Prop("DeliverLogsPermissionArn")).Type);
        }
    }

    [Fact]
    public void Existing_VPCs_are_only_referenced_never_created_nor_given_flow_logs()
    {
        foreach (var template in examples[Examples.ExistingVpcs].Templates.Values)
        {
            foreach (var type in new[] { "AWS::EC2::VPC", "AWS::EC2::Subnet", "AWS::EC2::RouteTable", "AWS::EC2::FlowLog", "AWS::EC2::NatGateway", "AWS::EC2::InternetGateway" })
                Assert.Empty(template.OfType(type));
        }
    }

    [Fact]
    public void Hosts_are_launched_in_private_subnets_only()
    {
        foreach (var example in Examples.Files)
        {
            foreach (var template in examples[example].Templates.Values)
            {
                var privateSubnets = template.PrivateSubnets().Select(s => s.LogicalId).ToHashSet();
                foreach (var instance in template.OfType("AWS::EC2::Instance"))
                    Assert.Contains(Json.RefName(instance.Prop("SubnetId")) ?? "(not a Ref)", privateSubnets);
            }
        }
    }
}
