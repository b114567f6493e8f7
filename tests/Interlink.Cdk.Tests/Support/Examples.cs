namespace Interlink.Cdk.Tests.Support;

/// <summary>Example names (files in examples/), for theories.</summary>
public static class Examples
{
    public const string Seed = "seed";
    public const string SingleAccount = "single-account";
    public const string FanOut = "fan-out";
    public const string Native = "native";
    public const string ExistingVpcs = "existing-vpcs";

    /// <summary>The five example files.</summary>
    public static readonly string[] Files = [Seed, SingleAccount, FanOut, Native, ExistingVpcs];

    public static TheoryData<string> All() => new(Files);

    public static TheoryData<string> AllWithExtras() => new([.. Files, ExampleAssemblies.SeedWithExtras]);

    /// <summary>Every example, the extras, and seed with published bundles (assets, probe on the client host).</summary>
    public static TheoryData<string> AllWithBundles() => new([.. Files, ExampleAssemblies.SeedWithExtras, ExampleAssemblies.SeedWithBundles]);

    /// <summary>Relay-mode examples.</summary>
    public static TheoryData<string> Relay() => new(Seed, SingleAccount, FanOut, ExistingVpcs, ExampleAssemblies.SeedWithExtras);

    /// <summary>Relay-mode examples whose VPCs Interlink creates.</summary>
    public static TheoryData<string> RelayCreated() => new(Seed, SingleAccount, FanOut);

    /// <summary>Examples whose VPCs Interlink creates.</summary>
    public static TheoryData<string> Created() => new(Seed, SingleAccount, FanOut, Native);
}

/// <summary>One security-group rule, as CloudFormation states it.</summary>
public sealed record SgRule(string Protocol, string Cidr, int FromPort, int ToPort)
{
    public static SgRule Tcp(string cidr, int port) => new("tcp", cidr, port, port);

    public static SgRule From(JsonElement rule) => new(
        rule.GetProperty("IpProtocol").GetString()!,
        rule.TryGetProperty("CidrIp", out var cidr) ? cidr.GetString()! : rule.TryGetProperty("CidrIpv6", out var v6) ? v6.GetString()! : "(no CIDR)",
        rule.TryGetProperty("FromPort", out var from) ? from.GetInt32() : -1,
        rule.TryGetProperty("ToPort", out var to) ? to.GetInt32() : -1);

    public static IReadOnlyList<SgRule> Ingress(Resource group) => List(group, "SecurityGroupIngress");

    public static IReadOnlyList<SgRule> Egress(Resource group) => List(group, "SecurityGroupEgress");

    private static List<SgRule> List(Resource group, string property) =>
        group.Has(property) ? group.Prop(property).EnumerateArray().Select(From).ToList() : [];

    public override string ToString() => $"{Protocol} {Cidr} {FromPort}-{ToPort}";
}

/// <summary>Set comparison with a readable failure.</summary>
public static class Sets
{
    public static void Equal<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what)
    {
        var e = expected.Select(x => x?.ToString() ?? "null").Order(StringComparer.Ordinal).ToList();
        var a = actual.Select(x => x?.ToString() ?? "null").Order(StringComparer.Ordinal).ToList();
        Assert.True(e.SequenceEqual(a), $"{what}\n expected: [{string.Join(", ", e)}]\n   actual: [{string.Join(", ", a)}]");
    }
}
