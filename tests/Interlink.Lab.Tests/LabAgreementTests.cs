using Interlink.Lab.Tests.Support;
using Interlink.Testing;

namespace Interlink.Lab.Tests;

/// <summary>
/// For broken assemblies, the lab and plan agree: traffic reaches a target through every endpoint address exactly where
/// the reachability analysis says the target is reachable (root only).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LabAgreementTests(LabFixture fixture)
{
    private const string Relay = "awsmorocco-relay-us-west-2";
    private const string Provider = "awsmorocco-provider";
    private const string Routes = "awsmorocco-provider-routes";
    private const string Consumer = "awsmorocco-consumer-west";

    private static readonly Dictionary<string, Action<MutableAssembly>> Mutations = new()
    {
        ["unchanged"] = _ => { },
        ["remove a relay route"] = m => m.Resources(Relay).Remove(Ids.Of("Peering/ToProvider1")),
        ["narrow the provider host security group"] = m => m.Properties(Provider, Ids.Of("Service/SecurityGroup"))["SecurityGroupIngress"]![0]!["CidrIp"] = "10.11.1.0/25",
        ["drop the consumer endpoint security group ingress"] = m => m.Properties(Consumer, Ids.Of("Endpoint/SecurityGroup"))["SecurityGroupIngress"] = new JsonArray(),
        ["remove one provider return route"] = m => m.Resources(Routes).Remove("ToUsWest2Table1"),
    };

    [LabFact]
    public async Task Traffic_flows_exactly_where_plan_says_reachable()
    {
        var test = new LabTestOptions(12, 12, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        var disagreements = new List<string>();
        var pids = new List<int>();
        foreach (var (name, mutate) in Mutations)
        {
            var m = new MutableAssembly(fixture.Seed);
            mutate(m);
            var verdicts = m.Analyze().Verdicts.Where(v => v.Target is not null).ToDictionary(v => v.Target!, v => v.Reachable);
            await LabRuntime.UpAsync(m.Assembly(), fixture.Options);
            pids.AddRange(LabRuntime.Status(fixture.Options).Processes.Select(p => p.Pid));
            var observed = await LabRuntime.ObserveAsync(test, fixture.Options);
            Assert.Equal(verdicts.Keys.Order(), observed.Select(o => o.Target).Order());
            foreach (var o in observed)
            {
                if (o.Reachable != verdicts[o.Target])
                    disagreements.Add($"{name}: {o.Target} plan says {(verdicts[o.Target] ? "reachable" : "blocked")}, the lab's traffic {(o.Reachable ? "flows" : "does not flow")}");
            }

            if (name != "unchanged")
                Assert.Contains(verdicts.Values, v => !v);
        }

        await LabRuntime.DownAsync(fixture.Options);
        await LabLifecycleTests.AssertNothingLeftAsync(pids, fixture.Options.StateDirectory);
        Assert.Empty(disagreements);
    }

    /// <summary>
    /// Every example, unmutated: fan-out has two consumers sharing 10.50.0.0/16 on one NLB and consumers without a
    /// client host (the lab stands one in for "any address of the subnet"); native crosses Regions without peering.
    /// </summary>
    [LabTheory]
    [InlineData("fan-out")]
    [InlineData("native-fan-out")]
    [InlineData("single-account")]
    public async Task Every_example_is_reachable_in_the_lab_as_plan_proves(string example)
    {
        var assembly = fixture.Example(example);
        var verdicts = Interlink.Analysis.Reachability.ReachabilityAnalyzer.Analyze(Interlink.Analysis.Network.NetworkModelBuilder.Build(assembly));
        Assert.True(verdicts.AllReachable);

        await LabRuntime.UpAsync(assembly, fixture.Options);
        try
        {
            var probes = await LabRuntime.TestAsync(new LabTestOptions(12, 4, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(15)), fixture.Options);
            Assert.Equal(verdicts.Verdicts.Select(v => v.Consumer).Distinct().Order(), probes.Select(p => p.Consumer).Order());
            foreach (var probe in probes)
            {
                Assert.True(probe.Report.Failed == 0 && probe.Report.Succeeded == 12, $"{probe.Consumer}: {probe.Report.Failed} failed ({string.Join(", ", probe.Report.Errors.Keys)})");
                var planned = verdicts.Verdicts.Where(v => v.Consumer == probe.Consumer).Select(v => v.Target!).Order();
                Assert.Equal(planned, probe.Answered.Order());
            }
        }
        finally
        {
            await LabRuntime.DownAsync(fixture.Options);
        }
    }
}
