using System.Reflection;
using System.Runtime.Loader;
using Interlink.Cli.Tests.Support;

namespace Interlink.Cli.Tests;

/// <summary>
/// The pipeline keeps the CDK off the paths that do not synthesize: loading Amazon.CDK.Lib starts the jsii runtime's
/// type system (~1 s) and Node. Each run happens in an assembly load context of its own, so what the other tests
/// loaded into this process does not count.
/// </summary>
public class CdkLoadingTests
{
    [Fact]
    public void Validate_loads_neither_the_construct_library_nor_the_cdk()
    {
        var loaded = RunIsolated("validate", Repo.Example("seed.yaml"));

        Assert.Contains("Interlink.Pipeline", loaded);
        Assert.DoesNotContain("Interlink.Cdk", loaded);
        Assert.DoesNotContain("Amazon.CDK.Lib", loaded);
    }

    [Fact]
    public void Plan_of_an_existing_assembly_does_not_load_the_cdk()
    {
        using var directory = new TempDirectory();
        var assembly = Path.Combine(directory.Path, "cdk.out");
        // Synthesized by a process of its own: the jsii runtime stays out of this parallel test process.
        var synth = CliProcess.Run(new Dictionary<string, string>(), "synth", Repo.Example("seed.yaml"), "-o", assembly);
        Assert.True(synth.ExitCode == ExitCodes.Ok, synth.ToString());

        var loaded = RunIsolated("plan", "--assembly", assembly, "--format", "json");

        Assert.Contains("Interlink.Analysis", loaded);
        Assert.DoesNotContain("Amazon.CDK.Lib", loaded);
    }

    /// <summary>Runs <c>interlink ARGS</c> (output discarded) in a fresh load context; the names of the assemblies it loaded from the test's directory.</summary>
    private static HashSet<string> RunIsolated(params string[] args)
    {
        var context = new RecordingContext(AppContext.BaseDirectory);
        try
        {
            var cli = context.LoadFromAssemblyName(new AssemblyName("interlink"));
            var app = cli.GetType("Interlink.Cli.InterlinkApp", throwOnError: true)!;
            var run = app.GetMethod("Run", [typeof(string[])])!;
            var output = Console.Out;
            try
            {
                Console.SetOut(TextWriter.Null);
                run.Invoke(null, [args]);
            }
            finally
            {
                Console.SetOut(output);
            }

            return [.. context.Loaded];
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads every assembly found beside the tests itself (not from the default context), and records its name.</summary>
    private sealed class RecordingContext(string directory) : AssemblyLoadContext(isCollectible: true)
    {
        public List<string> Loaded { get; } = [];

        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(directory, name.Name + ".dll");
            if (!File.Exists(path))
                return null;
            Loaded.Add(name.Name!);
            return LoadFromAssemblyPath(path);
        }
    }
}
