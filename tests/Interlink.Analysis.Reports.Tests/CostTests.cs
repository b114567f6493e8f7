using Interlink.Analysis.Cost;
using Interlink.Analysis.Reports.Tests.Support;
using Interlink.Core.Model;
using Interlink.Core.Monitoring;
using Interlink.Core.Normalization;
using Interlink.Core.Pricing;
using Interlink.Core.Validation;
using Interlink.Testing;

namespace Interlink.Analysis.Reports.Tests;

[Collection(AssemblyCollection.Name)]
public sealed class CostTests(Assemblies assemblies)
{
    private static Topology Topology(string example) => TopologyBuilder.Build(ConfigValidator.ValidateFile(RepoRoot.Example($"{example}.yaml")));

    [Fact]
    public void Seed_relay_at_100_GB_matches_the_hand_worked_figure()
    {
        var estimate = CostEstimator.Estimate(BillOfMaterials.For(Topology("seed"), DeployMode.Relay), 100m);
        // NLB hours        1 × 730 h × 0.0225        = 16.425
        // NLCU             100 GB → 100 NLCU-h × 0.006 =  0.600
        // endpoint AZ-h    2 AZ × 730 h × 0.01        = 14.600
        // endpoint GB      100 × 0.01                 =  1.000
        // inter-Region     100 × 1.0 share × 0.02     =  2.000
        // NAT hours        2 (provider + client consumer) × 730 × 0.045 = 65.700
        // NAT GB           0 × 0.045                  =  0.000
        // t4g.micro        2 × 730 × 0.0084           = 12.264
        // t4g.nano         1 × 730 × 0.0042           =  3.066
        // gp3              3 hosts × 8 GB × 0.08      =  1.920
        // alarms           5 (2 host counts + 2 AZ resets + 1 endpoint) × 0.10 = 0.500
        // dashboards       2 (relay account, consumer account, both us-west-2) × 3.00 = 6.000
        // total                                       = 124.075
        Assert.Equal(124.075m, estimate.Total);
        Assert.Equal(0.5m, Line(estimate, "CloudWatch alarms").Monthly);
        Assert.Equal(6m, Line(estimate, "CloudWatch dashboards").Monthly);
        Assert.Equal(16.425m, Line(estimate, "Network Load Balancer hours").Monthly);
        Assert.Equal(100m, Line(estimate, "NLB capacity units").Quantity);
        Assert.Equal(1460m, Line(estimate, "Interface endpoint AZ-hours").Quantity);
        Assert.Equal(65.7m, Line(estimate, "NAT gateway hours").Monthly);
        Assert.Equal(12.264m, Line(estimate, "EC2 t4g.micro").Monthly);
        Assert.Equal(24m, Line(estimate, "EBS gp3").Quantity);
    }

    [Fact]
    public void Seed_as_native_differs_from_relay_only_by_its_monitoring()
    {
        var comparison = CostComparison.Compare(Topology("seed"), [10m, 100m, 1000m]);
        // network: same NLB count (1, in the provider VPC instead of the relay VPC), endpoints, NAT, hosts and per-GB
        // lines as relay; AWS charges nothing more for cross-Region access → 117.575 at 100 GB in both designs.
        // monitoring: relay 5 alarms + 2 dashboards = 6.50; native 4 alarms (2 host counts + 2 provider AZ resets; the
        // cross-Region endpoint publishes no metrics) + 1 dashboard = 3.40
        Assert.Equal(117.575m + 3.4m, comparison.Rows[1].Native);
        Assert.Equal(117.575m + 6.5m, comparison.Rows[1].Relay);
        // both: per GB = 0.006 (NLCU) + 0.01 (endpoint) + 0.02 (inter-Region) = 0.036
        Assert.Equal(0.036m, comparison.RelayLinear.PerGb);
        Assert.Equal(0.036m, comparison.NativeLinear.PerGb);
        // fixed = 117.575 − 3.6 = 113.975 plus monitoring: parallel lines, no break-even
        Assert.Equal(113.975m + 6.5m, comparison.RelayLinear.Fixed);
        Assert.Equal(113.975m + 3.4m, comparison.NativeLinear.Fixed);
        Assert.Null(comparison.BreakEvenGbPerMonth);
        var text = new StringWriter();
        CostText.Write(text, comparison);
        Assert.Contains("break-even: none — native costs less or the same at every traffic level", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Native_cross_Region_access_is_priced_only_as_endpoint_and_transfer_lines()
    {
        var native = CostEstimator.Estimate(BillOfMaterials.For(Topology("native"), DeployMode.Native), 100m);

        // AWS's PrivateLink pricing page: standard endpoint hours and data processing plus cross-Region data
        // transfer, no premium — so no line is priced per remote Region.
        Assert.DoesNotContain(native.Lines, l => l.Unit.Contains("Region", StringComparison.Ordinal));
        Assert.Contains(native.Assumptions, a => a.Contains("no premium", StringComparison.Ordinal));
    }

    [Fact]
    public void Fan_out_relay_and_native_at_1000_GB_match_the_hand_worked_figures()
    {
        var topology = Topology("fan-out");
        var relay = CostEstimator.Estimate(BillOfMaterials.For(topology, DeployMode.Relay), 1000m);
        // NLB hours     3 relays × 730 × 0.0225               = 49.275
        // NLCU          1000 × 0.006                          =  6.000
        // endpoint AZ-h (2 + 1 + 2 + 2) AZ × 730 × 0.01       = 51.100
        // endpoint GB   1000 × 0.01                           = 10.000
        // inter-Region  (500 + 250 + 250) GB × 0.02           = 20.000  (oregon-a, oregon-b | dublin | sydney)
        // NAT hours     3 (provider, oregon-a, dublin) × 730 × 0.045 = 98.550
        // t4g.small     3 × 730 × 0.0168                      = 36.792
        // t4g.nano      2 clients × 730 × 0.0042              =  6.132
        // gp3           5 × 8 GB × 0.08                       =  3.200
        // alarms        3 relays × (2 + 2 AZ) + 4 endpoints = 16 × 0.10 = 1.600
        // dashboards    7 account-Region pairs × 3.00         = 21.000 (provider account in 3 relay Regions; 4 consumer pairs)
        // total                                               = 303.649
        Assert.Equal(303.649m, relay.Total);
        Assert.Equal(500m, Line(relay, "Inter-Region transfer us-west-2").Quantity);
        Assert.Equal(250m, Line(relay, "Inter-Region transfer eu-west-1").Quantity);

        var native = CostEstimator.Estimate(BillOfMaterials.For(topology, DeployMode.Native), 1000m);
        // native network = 281.049 − 49.275 (3 relay NLBs) + 16.425 (1 provider NLB) = 248.199; no per-Region charge;
        // monitoring: 5 alarms (2 host counts + 3 provider AZ resets; cross-Region endpoints publish no metrics) + 1 dashboard = 3.50
        Assert.Equal(251.699m, native.Total);
    }

    [Fact]
    public void Relay_from_a_native_topology_assumes_one_relay_per_consumer_Region()
    {
        var bom = BillOfMaterials.For(Topology("native"), DeployMode.Relay);
        // consumers: oregon (us-west-2), frankfurt (eu-central-1) → 2 relays, 2 peerings, both paths inter-Region
        Assert.Equal(2, bom.LoadBalancers);
        Assert.Equal(2, bom.Peerings);
        Assert.Equal(0, bom.NativeRemoteRegions);
        Assert.Equal(1m, bom.InterRegionShare);
        Assert.Contains(bom.Assumptions, a => a.Contains("one relay VPC", StringComparison.Ordinal) && a.Contains("us-west-2: 2 AZ(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Break_even_solves_the_linear_equation()
    {
        // a: 10 + 0.05 t, b: 20 + 0.03 t → t = (20 − 10) / (0.05 − 0.03) = 500
        Assert.Equal(500m, CostComparison.BreakEven((10m, 0.05m), (20m, 0.03m)));
        Assert.Equal(500m, CostComparison.BreakEven((20m, 0.03m), (10m, 0.05m)));
        // a cheaper and flatter: they cross at negative traffic → none
        Assert.Null(CostComparison.BreakEven((10m, 0.03m), (20m, 0.05m)));
        Assert.Null(CostComparison.BreakEven((10m, 0.03m), (20m, 0.03m)));
    }

    [Fact]
    public void Comparison_of_hand_built_bills_finds_the_crossing()
    {
        var relay = new BillOfMaterials(DeployMode.Relay, 2, 0, 0, 0, [], [new InterRegionPath("us-west-2", "us-east-1", 1m)], 0, 2, []);
        var native = new BillOfMaterials(DeployMode.Native, 3, 0, 0, 0, [], [new InterRegionPath("us-west-2", "us-east-1", 0.5m)], 1, 0, []);
        var comparison = CostComparison.Compare(relay, native, [1000m, 3000m]);
        // relay  fixed 2 × 16.425 = 32.85,               per GB 0.006 + 0.02 × 1.0 = 0.026
        // native fixed 3 × 16.425 = 49.275,              per GB 0.006 + 0.02 × 0.5 = 0.016
        // t = (49.275 − 32.85) / (0.026 − 0.016) = 16.425 / 0.01 = 1642.5 GB
        Assert.Equal(1642.5m, comparison.BreakEvenGbPerMonth);
        Assert.Equal(DeployMode.Relay, comparison.Rows[0].Cheaper);   // 58.85 vs 65.275
        Assert.Equal(DeployMode.Native, comparison.Rows[1].Cheaper);  // 110.85 vs 97.275
        Assert.Equal(58.85m, comparison.Rows[0].Relay);
        Assert.Equal(97.275m, comparison.Rows[1].Native);
        var text = new StringWriter();
        CostText.Write(text, comparison);
        Assert.Contains("break-even: 1,642.5 GB/month (relay is cheaper below it)", text.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("fan-out")]
    [InlineData("native")]
    [InlineData("single-account")]
    public void The_assembly_bill_prices_like_the_topology_bill(string example)
    {
        var topology = Topology(example);
        var fromTopology = BillOfMaterials.For(topology, topology.Mode);
        // The templates carry no alarms yet: plan prices monitoring from the config's plan, as here.
        var fromAssembly = AssemblyBillOfMaterials.Read(assemblies.Read(example)) with { Monitoring = MonitoringPlanner.Plan(topology).Usage };
        Assert.Equal(
            (fromTopology.Mode, fromTopology.LoadBalancers, fromTopology.EndpointAzs, fromTopology.Endpoints, fromTopology.NatGateways, fromTopology.Peerings, fromTopology.NativeRemoteRegions),
            (fromAssembly.Mode, fromAssembly.LoadBalancers, fromAssembly.EndpointAzs, fromAssembly.Endpoints, fromAssembly.NatGateways, fromAssembly.Peerings, fromAssembly.NativeRemoteRegions));
        Assert.Equal(fromTopology.Hosts.OrderBy(h => h.InstanceType), fromAssembly.Hosts.OrderBy(h => h.InstanceType));
        Assert.Equal(CostEstimator.Estimate(fromTopology, 250m).Total, CostEstimator.Estimate(fromAssembly, 250m).Total);
    }

    [Fact]
    public void Existing_vpcs_assembly_has_no_hosts_and_no_NAT()
    {
        var bom = AssemblyBillOfMaterials.Read(assemblies.Read("existing-vpcs"));
        // 1 NLB × 730 × 0.0225 = 16.425; 2 AZ × 730 × 0.01 = 14.6; 100 GB × (0.006 + 0.01 + 0.02) = 3.6 → 34.625
        Assert.Equal(34.625m, CostEstimator.Estimate(bom).Total);
        Assert.Empty(bom.Hosts);
        Assert.Equal(0, bom.NatGateways);
    }

    [Fact]
    public void A_hand_edited_instance_type_is_priced_from_the_template()
    {
        var edited = assemblies.Mutable("seed").Edit("provider", t => t.First("AWS::EC2::LaunchTemplate")["LaunchTemplateData"]!["InstanceType"] = "t4g.small").Assembly();
        var before = CostEstimator.Estimate(AssemblyBillOfMaterials.Read(assemblies.Read("seed"))).Total;
        var after = CostEstimator.Estimate(AssemblyBillOfMaterials.Read(edited)).Total;
        // 2 hosts × 730 h × (0.0168 − 0.0084) = 12.264
        Assert.Equal(12.264m, after - before);
    }

    [Fact]
    public void Native_assembly_counts_supported_remote_Regions()
    {
        var bom = AssemblyBillOfMaterials.Read(assemblies.Read("native"));
        Assert.Equal(DeployMode.Native, bom.Mode);
        Assert.Equal(2, bom.NativeRemoteRegions); // SupportedRegions us-east-1 (home), us-west-2, eu-central-1
        Assert.Equal(1m, bom.InterRegionShare);   // both endpoints set ServiceRegion us-east-1 from other Regions
    }

    [Fact]
    public void Supported_Regions_computed_by_Fn_Split_over_a_parameter_default_are_counted()
    {
        // The bill reads values through the resolver the reachability analysis uses: a default is what deploys.
        var edited = assemblies.Mutable("native").Edit("provider", t =>
        {
            t.Section("Parameters")["ConsumerRegions"] = new JsonObject { ["Type"] = "String", ["Default"] = "us-west-2,eu-central-1" };
            t.First("AWS::EC2::VPCEndpointService")["SupportedRegions"] =
                new JsonObject { ["Fn::Split"] = new JsonArray(",", new JsonObject { ["Ref"] = "ConsumerRegions" }) };
        }).Assembly();
        Assert.Equal(2, AssemblyBillOfMaterials.Read(edited).NativeRemoteRegions);
    }

    [Fact]
    public void Text_states_the_price_date_and_that_it_is_an_estimate()
    {
        var text = new StringWriter();
        CostText.Write(text, CostEstimator.Estimate(BillOfMaterials.For(Topology("seed"), DeployMode.Relay)));
        var output = text.ToString();
        Assert.Contains("100 GB/month", output, StringComparison.Ordinal);
        Assert.Contains(PriceCatalog.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
        Assert.Contains("Estimate", output, StringComparison.Ordinal);
        Assert.Contains("$124.08", output, StringComparison.Ordinal);
        Assert.Contains("NLCU", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_holds_the_design_prices()
    {
        Assert.Equal((0.0225m, 0.006m, 0.01m, 0.01m, 0.045m, 0.045m, 0.02m, 0.08m, 730m),
            (PriceCatalog.NlbHour, PriceCatalog.NlcuHour, PriceCatalog.EndpointAzHour, PriceCatalog.EndpointGb, PriceCatalog.NatHour, PriceCatalog.NatGb,
             PriceCatalog.InterRegionGb, PriceCatalog.Gp3GbMonth, PriceCatalog.HoursPerMonth));
        Assert.Equal(0.0042m, PriceCatalog.InstanceHour("t4g.nano"));
        Assert.Equal(0.0084m, PriceCatalog.InstanceHour("t4g.micro"));
        Assert.Equal(0.0168m, PriceCatalog.InstanceHour("t4g.small"));
        Assert.Null(PriceCatalog.InstanceHour("m1.small"));
    }

    [Fact]
    public void Every_catalog_price_names_the_AWS_page_and_the_date_it_was_checked()
    {
        // Every public decimal constant (C# stores them as static fields) but the hours-per-month convention is a price (or a unit of one).
        var prices = typeof(PriceCatalog).GetFields()
            .Where(f => f.IsStatic && f.FieldType == typeof(decimal) && f.Name != nameof(PriceCatalog.HoursPerMonth))
            .Select(f => (f.Name, (decimal)f.GetValue(null)!))
            .Concat(PriceCatalog.InstanceTypes.Select(t => ($"InstanceHour({t})", PriceCatalog.InstanceHour(t)!.Value)))
            .ToList();

        Assert.Equal(prices.OrderBy(p => p.Item1, StringComparer.Ordinal), PriceCatalog.Sources.Select(s => (s.Name, s.Usd)).OrderBy(p => p.Item1, StringComparer.Ordinal));
        Assert.All(PriceCatalog.Sources, s =>
        {
            Assert.StartsWith("https://aws.amazon.com/", s.Page, StringComparison.Ordinal);
            Assert.Equal(PriceCatalog.Date, s.Checked);
            Assert.False(string.IsNullOrWhiteSpace(s.Note));
        });
    }

    private static CostLine Line(CostEstimate estimate, string prefix) => Assert.Single(estimate.Lines, l => l.What.StartsWith(prefix, StringComparison.Ordinal));
}
