using Interlink.Core.IO;
using Interlink.Core.Wiring;

namespace Interlink.Analysis.Assembly;

/// <summary>
/// How <c>plan --assembly</c> reads a directory it did not write and must not trust: only regular files directly
/// inside it (a template named <c>../../etc/passwd</c>, a link, a FIFO or a device is refused), each of bounded size,
/// and a wiring manifest whose every required field is present (JSON <c>null</c> is not an object).
/// </summary>
internal static partial class AssemblyFiles
{
    /// <summary>
    /// Largest file read: four times the largest template CloudFormation accepts (1 MB for a template in an S3
    /// object; "AWS CloudFormation quotas",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
    /// </summary>
    public const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>The text of <paramref name="name"/> in <paramref name="directory"/>, refusing anything but a bounded regular file right there.</summary>
    public static string Read(string directory, string name, string what)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || name.IndexOfAny(['/', '\\', '\0']) >= 0)
            throw new AssemblyException($"{what} '{name}' is not a file name inside the assembly; an assembly names its files without directories (e.g. 'app-provider.template.json')");
        var path = Path.Combine(directory, name);
        var kind = FileFacts.Of(path).Kind;
        if (kind == FileKind.Missing)
            throw new AssemblyException($"{path}: {what} is missing");
        if (kind != FileKind.Regular)
            throw new AssemblyException($"{path}: {what} is {FileFacts.Describe(kind)}, not a regular file; an assembly holds only regular files");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > MaxFileBytes)
                throw new AssemblyException($"{path}: {what} is {stream.Length:N0} bytes, more than the {MaxFileBytes:N0} analysis reads (CloudFormation itself accepts 1 MB)");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AssemblyException($"{path}: {what} cannot be read ({e.Message.TrimEnd('.')})");
        }
    }

    /// <summary>Throws <see cref="AssemblyException"/> naming the first required field of <paramref name="wiring"/> that is missing or null.</summary>
    public static void CheckComplete(WiringManifest wiring, string file)
    {
        static void Require(bool present, string file, string field)
        {
            if (!present)
                throw new AssemblyException($"{file}: '{field}' is missing or null; the wiring manifest is incomplete (re-run 'interlink synth')");
        }

        Require(wiring.Name is not null, file, "name");
        Require(wiring.Mode is not null, file, "mode");
        Require(wiring.Phases is not null, file, "phases");
        for (var i = 0; i < wiring.Phases!.Count; i++)
            Require(wiring.Phases[i] is { Stacks: not null } phase && phase.Stacks.All(s => s is not null), file, $"phases[{i}].stacks");
        Require(wiring.Stacks is not null, file, "stacks");
        foreach (var (name, stack) in wiring.Stacks!)
        {
            // Names and Regions are printed in every report: only the characters AWS allows, so none can carry a
            // line break or a terminal control (a stack name starts with a letter and holds letters, digits and
            // hyphens, at most 128: CreateStack, https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html).
            if (!StackName().IsMatch(name))
                throw new AssemblyException($"{file}: stack name '{name}' is not a CloudFormation stack name (a letter, then letters, digits and hyphens, at most 128)");
            Require(stack is not null, file, $"stacks.{name}");
            if (stack!.Region is { } region && !RegionCode().IsMatch(region))
                throw new AssemblyException($"{file}: stacks.{name}.region '{region}' is not a Region code (e.g. us-east-1)");
            Require(stack!.Role is not null, file, $"stacks.{name}.role");
            Require(stack.Region is not null, file, $"stacks.{name}.region");
            Require(stack.Template is not null, file, $"stacks.{name}.template");
            Require(stack.Parameters is not null, file, $"stacks.{name}.parameters");
            foreach (var (parameter, source) in stack.Parameters!)
                Require(source is { Stack: not null, Output: not null }, file, $"stacks.{name}.parameters.{parameter}");
            Require(stack.Outputs is not null && stack.Outputs.All(o => o is not null), file, $"stacks.{name}.outputs");
        }

        var existing = wiring.ExistingVpcs ?? [];
        for (var i = 0; i < existing.Count; i++)
        {
            var vpc = existing[i];
            Require(vpc is { Id: not null, Region: not null, Cidr: not null, Subnets: not null }, file, $"existingVpcs[{i}]");
            for (var j = 0; j < vpc!.Subnets!.Count; j++)
                Require(vpc.Subnets[j] is { Id: not null, AzId: not null, Cidr: not null, RouteTableId: not null }, file, $"existingVpcs[{i}].subnets[{j}]");
        }
    }

    /// <summary>
    /// Throws <see cref="AssemblyException"/> unless <paramref name="template"/> has CloudFormation's skeleton: the
    /// sections are objects, every resource is an object with a string <c>Type</c> and an object <c>Properties</c>
    /// when present, every parameter and output is an object, every output has a <c>Value</c>, every condition and
    /// mapping is an object ("Template anatomy",
    /// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html). CloudFormation
    /// rejects anything else, and the analyses read these shapes without checking each time.
    /// </summary>
    public static void CheckSkeleton(System.Text.Json.JsonElement template, string file)
    {
        const System.Text.Json.JsonValueKind Object = System.Text.Json.JsonValueKind.Object;
        void Fail(string where, string what) => throw new AssemblyException($"{file}: {where} {what}; CloudFormation would reject this template");

        foreach (var section in new[] { "Resources", "Parameters", "Outputs", "Conditions", "Mappings" })
        {
            if (!template.TryGetProperty(section, out var entries))
                continue;
            if (entries.ValueKind != Object)
                Fail(section, "is not an object");
            foreach (var entry in entries.EnumerateObject())
            {
                var where = $"{section}.{entry.Name}";
                // Logical IDs are alphanumeric ("Resources" section structure,
                // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html),
                // and reports print them.
                if (!LogicalId().IsMatch(entry.Name))
                    Fail(where, "is not an alphanumeric logical ID");
                if (section == "Conditions")
                    continue; // a condition is an intrinsic (object) or a literal; the resolver checks each
                if (entry.Value.ValueKind != Object)
                    Fail(where, "is not an object");
                switch (section)
                {
                    case "Resources":
                        if (!entry.Value.TryGetProperty("Type", out var type) || type.ValueKind != System.Text.Json.JsonValueKind.String)
                            Fail(where, "has no string Type");
                        if (entry.Value.TryGetProperty("Properties", out var properties) && properties.ValueKind != Object)
                            Fail(where + ".Properties", "is not an object");
                        break;
                    case "Outputs" when !entry.Value.TryGetProperty("Value", out _):
                        Fail(where, "has no Value");
                        break;
                    case "Parameters" when entry.Value.TryGetProperty("Type", out var parameterType) && parameterType.ValueKind != System.Text.Json.JsonValueKind.String:
                        Fail(where + ".Type", "is not a string");
                        break;
                    case "Mappings":
                        foreach (var key in entry.Value.EnumerateObject())
                        {
                            if (key.Value.ValueKind != Object)
                                Fail($"{where}.{key.Name}", "is not an object");
                        }

                        break;
                }
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z][-A-Za-z0-9]{0,127}$")]
    private static partial System.Text.RegularExpressions.Regex StackName();

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex RegionCode();

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9]{1,255}$")]
    private static partial System.Text.RegularExpressions.Regex LogicalId();
}
