using Amazon.CDK;

namespace Interlink.Cdk.Tests.Support;

/// <summary>
/// One construct on its own in a new stack (account 123456789012, us-east-1), synthesized into a temporary directory:
/// what the construct emits with the props a test gives, apart from any example.
/// </summary>
public static class FreshStack
{
    public const string Account = "123456789012";

    public const string Region = "us-east-1";

    /// <summary>Builds the stack with <paramref name="build"/> and returns its template.</summary>
    public static Template Synthesize(Action<Stack> build)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"interlink-fresh-{Guid.NewGuid():N}");
        try
        {
            var app = new App(new AppProps { Outdir = directory, AnalyticsReporting = false });
            var stack = new Stack(app, "Fresh", new StackProps { Env = new Amazon.CDK.Environment { Account = Account, Region = Region } });
            build(stack);
            app.Synth();
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "Fresh.template.json")));
            return new Template("Fresh", doc.RootElement.Clone());
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The statements of every inline policy of <paramref name="role"/>.</summary>
    public static IReadOnlyList<JsonElement> Statements(Resource role) =>
        role.Prop("Policies").EnumerateArray().SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray()).ToList();

    /// <summary>The statement with <paramref name="sid"/>.</summary>
    public static JsonElement Statement(Resource role, string sid) =>
        Assert.Single(Statements(role), s => s.TryGetProperty("Sid", out var v) && v.GetString() == sid);

    /// <summary>The single trust statement's AWS principal.</summary>
    public static JsonElement TrustedPrincipal(Resource role)
    {
        var trust = Assert.Single(role.Prop("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray());
        Assert.Equal("Allow", trust.GetProperty("Effect").GetString());
        Assert.Equal("sts:AssumeRole", trust.GetProperty("Action").GetString());
        Assert.False(trust.TryGetProperty("Condition", out _));
        return trust.GetProperty("Principal").GetProperty("AWS");
    }

    /// <summary>
    /// An <c>Fn::Sub</c> with a variable map, as (template, variable → value); a plain <c>Fn::Sub</c> string gives no
    /// variables.
    /// </summary>
    public static (string Template, IReadOnlyDictionary<string, JsonElement> Variables) Sub(JsonElement value)
    {
        var sub = value.GetProperty("Fn::Sub");
        if (sub.ValueKind == JsonValueKind.String)
            return (sub.GetString()!, new Dictionary<string, JsonElement>());
        return (sub[0].GetString()!, sub[1].EnumerateObject().ToDictionary(p => p.Name, p => p.Value));
    }
}
