namespace Interlink.Deploy;

/// <summary>The CDK CLI command lines Interlink runs; one place, so dry runs print exactly what runs.</summary>
public static class CdkCommands
{
    /// <summary>Deploys one stack of the assembly with explicit parameters, never its dependencies, never asking.</summary>
    public static CdkCommand Deploy(string stack, string assembly, IReadOnlyDictionary<string, string> parameters, string outputsFile, string? profile)
    {
        var arguments = new List<string>
        {
            "deploy", stack, "--app", assembly, "--exclusively", "--require-approval", "never", "--ci", "--no-notices",
            "--outputs-file", outputsFile,
        };
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            arguments.Add("--parameters");
            arguments.Add($"{stack}:{key}={value}");
        }

        return new CdkCommand(stack, arguments, Environment(profile), outputsFile);
    }

    /// <summary>Destroys one stack without prompting.</summary>
    public static CdkCommand Destroy(string stack, string assembly, string? profile) =>
        new(stack, ["destroy", stack, "--app", assembly, "--exclusively", "--force", "--no-notices"], Environment(profile), null);

    private static Dictionary<string, string> Environment(string? profile)
    {
        // The CDK CLI reports usage unless told not to; Interlink never phones home on the user's behalf.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["CDK_DISABLE_CLI_TELEMETRY"] = "true" };
        if (profile is not null)
            environment["AWS_PROFILE"] = profile;
        return environment;
    }
}
