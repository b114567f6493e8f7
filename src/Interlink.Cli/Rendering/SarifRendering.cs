using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Deployability;
using Interlink.Analysis.Plan;
using Interlink.Analysis.Quotas;
using Interlink.Analysis.Reachability;
using Interlink.Analysis.Security;

namespace Interlink.Cli.Rendering;

/// <summary>
/// <c>plan --format sarif</c>: the plan's findings as a SARIF 2.1.0 log, so GitHub code scanning and other SARIF
/// viewers show them. Shape per "Static Analysis Results Interchange Format (SARIF) Version 2.1.0 Plus Errata 01"
/// (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os-complete.html):
/// sarifLog (§3.13: version, $schema, runs), run.tool.driver (§3.18–3.19) with reportingDescriptor rules (§3.49),
/// result (§3.27) with ruleId, level (§3.27.10: error, warning, note), message, physical and logical locations
/// (§3.28–3.33), suppressions (§3.35, kind "inSource"); artifactLocation.uriBaseId resolved through
/// run.originalUriBaseIds (§3.4.4, §3.14.14).
/// </summary>
internal static class SarifRendering
{
    /// <summary>The OASIS schema of SARIF 2.1.0 (errata 01), which <c>$schema</c> names.</summary>
    public const string Schema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <summary>The base ID for paths under the current directory (the repository checkout in CI).</summary>
    public const string SourceRoot = "%SRCROOT%";

    /// <summary>The base ID for template paths when the assembly lies outside the current directory.</summary>
    public const string AssemblyRoot = "ASSEMBLY";

    /// <summary>The SARIF log of <paramref name="plan"/> over <paramref name="assembly"/>; <paramref name="configFile"/> locates findings about the config itself.</summary>
    public static string Log(PlanReport plan, CloudAssembly assembly, string? configFile)
    {
        var locator = new Locator(assembly);
        var rules = new List<JsonObject>();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        void AddRule(string id, string level, string title, string rationale, string fix, string kind)
        {
            if (ruleIndex.ContainsKey(id))
                return;
            ruleIndex[id] = rules.Count;
            rules.Add(new JsonObject
            {
                ["id"] = id,
                ["shortDescription"] = new JsonObject { ["text"] = title },
                ["fullDescription"] = new JsonObject { ["text"] = rationale },
                ["help"] = new JsonObject { ["text"] = $"{rationale} Fix: {fix}" },
                ["defaultConfiguration"] = new JsonObject { ["level"] = level },
                ["properties"] = new JsonObject { ["tags"] = new JsonArray(kind) },
            });
        }

        foreach (var r in SecurityRules.All)
            AddRule(r.Id, Level(r.Severity), r.Title, r.Rationale, r.Fix, "security");
        foreach (var r in DeployabilityRules.All)
            AddRule(r.Id, Level(r.Severity), r.Title, r.Rationale, r.Fix, "deployability");
        foreach (var (code, quota) in StackQuotaCheck.Codes)
        {
            AddRule(code, "error", $"Template over CloudFormation's {quota.Name.ToLowerInvariant()} per template",
                $"CloudFormation rejects a template over {quota.Default} {quota.Name.ToLowerInvariant()}, and no quota request raises it (source: {quota.Source}).",
                "Split the design so fewer resources land in one stack (e.g. fewer consumers per relay), or move parts into nested stacks.", "quota");
        }

        // A blocked path fails plan, so each explanation code is an error rule.
        foreach (var (code, meaning) in ExplanationCodes.All)
            AddRule(code, "error", $"Path blocked: {meaning}", $"A consumer cannot reach a provider target: {meaning}.", "Change the setting the result points at; the message says what to change.", "reachability");

        var results = new JsonArray();
        foreach (var f in plan.Security.Findings)
        {
            var result = Result(f.Rule, Level(f.Severity), Sentences(f.Message, f.Fix), locator.Locate(f.Stack, f.LogicalId, configFile));
            if (f.Suppressed)
                result["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "inSource", ["justification"] = f.SuppressionReason ?? "" });
            results.Add(result);
        }

        foreach (var f in plan.Deployability.Findings)
            results.Add(Result(f.Code, Level(f.Severity), Sentences(f.Message, f.Fix), locator.Locate(f.Stack, f.LogicalId, null)));
        foreach (var f in plan.Quotas.Findings)
            results.Add(Result(f.Code, "error", Sentences(f.Message, f.Fix), locator.Locate(f.Stack, "", null)));
        foreach (var v in plan.Reachability.Verdicts.Where(v => v.Blocking is not null))
        {
            var b = v.Blocking!;
            var result = Result(b.Code, "error", $"{v.Consumer} ({v.Region}) cannot reach {v.Target ?? "any target"}: {b.Message}", locator.Locate(b.Stack, b.LogicalId, null));
            // Every other setting that would also block: fixing the first alone leaves the path blocked.
            var related = new JsonArray();
            foreach (var (other, i) in v.AlsoBlocking.Select((o, i) => (o, i)))
            {
                foreach (var l in locator.Locate(other.Stack, other.LogicalId, null))
                {
                    var location = l!.AsObject();
                    location["id"] = i + 1;
                    location["message"] = new JsonObject { ["text"] = $"also blocking: {other.Code}: {other.Message}" };
                    related.Add(location.DeepClone());
                }
            }

            if (related.Count > 0)
                result["relatedLocations"] = related;
            results.Add(result);
        }

        foreach (var r in results)
        {
            var id = (string)r!["ruleId"]!;
            if (ruleIndex.TryGetValue(id, out var index))
                r["ruleIndex"] = index;
        }

        var driver = new JsonObject
        {
            ["name"] = "interlink",
            ["version"] = Version(),
            ["rules"] = new JsonArray([.. rules]),
        };
        if (RepositoryUrl() is { } url)
            driver["informationUri"] = url;
        var run = new JsonObject
        {
            ["tool"] = new JsonObject { ["driver"] = driver },
            ["originalUriBaseIds"] = locator.BaseIds(),
            ["results"] = results,
            ["properties"] = new JsonObject { ["design"] = plan.Name, ["mode"] = plan.Mode, ["passed"] = plan.Passed },
        };
        var log = new JsonObject
        {
            ["$schema"] = Schema,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
        return log.ToJsonString(JsonReport.Options) + Environment.NewLine;
    }

    private static JsonObject Result(string ruleId, string level, string message, JsonArray locations)
    {
        var result = new JsonObject
        {
            ["ruleId"] = ruleId,
            ["level"] = level,
            ["message"] = new JsonObject { ["text"] = message },
        };
        if (locations.Count > 0)
            result["locations"] = locations;
        return result;
    }

    /// <summary>The finding and its fix as one message: the fix is what a code-scanning alert is for.</summary>
    private static string Sentences(string message, string fix)
    {
        message = message.TrimEnd();
        return $"{message}{(message.EndsWith('.') ? "" : ".")} Fix: {fix}";
    }

    private static string Level(SecuritySeverity severity) => severity == SecuritySeverity.Error ? "error" : "warning";

    private static string Level(DeployabilitySeverity severity) => severity switch
    {
        DeployabilitySeverity.Error => "error",
        DeployabilitySeverity.Warning => "warning",
        _ => "note",
    };

    private static string Version()
    {
        var version = typeof(SarifRendering).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        // The build appends "+<commit>"; SARIF's version is the tool's version as people read it.
        return version.Split('+')[0];
    }

    /// <summary>
    /// The project's home page, when the build names one (<c>-p:RepositoryUrl=…</c>): the project has no public
    /// address yet, and an invented informationUri would send code-scanning users to the wrong place.
    /// </summary>
    private static string? RepositoryUrl() =>
        typeof(SarifRendering).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryUrl" && !string.IsNullOrEmpty(a.Value))?.Value;

    /// <summary>Turns a stack and logical ID into SARIF locations: the template file (with the line of the logical ID) and the resource.</summary>
    private sealed class Locator(CloudAssembly assembly)
    {
        private readonly string currentDirectory = Path.GetFullPath(Directory.GetCurrentDirectory());
        private readonly string assemblyDirectory = Path.GetFullPath(assembly.Directory);
        private readonly Dictionary<string, string[]?> templateLines = new(StringComparer.Ordinal);

        /// <summary>True when the assembly lies under the current directory, so its paths are relative to the checkout.</summary>
        private bool UnderSource => IsUnder(assemblyDirectory, currentDirectory);

        public JsonArray Locate(string stack, string logicalId, string? configFile)
        {
            if (stack.Length == 0 || !assembly.Stacks.TryGetValue(stack, out var template))
            {
                // A finding about the config itself (e.g. an unused suppression): the config file is its place.
                if (configFile is null || !IsUnder(Path.GetFullPath(configFile), currentDirectory))
                    return [];
                return [new JsonObject { ["physicalLocation"] = new JsonObject { ["artifactLocation"] = Artifact(SourceRoot, Relative(currentDirectory, configFile)) } }];
            }

            var path = Path.Combine(assemblyDirectory, template.TemplateFile);
            var physical = new JsonObject
            {
                ["artifactLocation"] = UnderSource ? Artifact(SourceRoot, Relative(currentDirectory, path)) : Artifact(AssemblyRoot, Relative(assemblyDirectory, path)),
            };
            if (logicalId.Length > 0 && Line(stack, path, logicalId) is { } line)
                physical["region"] = new JsonObject { ["startLine"] = line };
            var location = new JsonObject { ["physicalLocation"] = physical };
            location["logicalLocations"] = logicalId.Length > 0
                ? new JsonArray(new JsonObject { ["name"] = logicalId, ["fullyQualifiedName"] = $"{stack}/{logicalId}", ["kind"] = "resource" })
                : new JsonArray(new JsonObject { ["name"] = stack, ["fullyQualifiedName"] = stack, ["kind"] = "module" });
            return [location];
        }

        /// <summary>The bases the relative URIs use, as absolute file URIs ending in '/' (§3.14.14).</summary>
        public JsonObject BaseIds()
        {
            var ids = new JsonObject { [SourceRoot] = new JsonObject { ["uri"] = DirectoryUri(currentDirectory) } };
            if (!UnderSource)
                ids[AssemblyRoot] = new JsonObject { ["uri"] = DirectoryUri(assemblyDirectory), ["description"] = new JsonObject { ["text"] = "The cloud assembly plan read." } };
            return ids;
        }

        /// <summary>
        /// The 1-based line of <c>"LogicalId": {</c> in the template text: CDK writes one resource key per line, so a
        /// text search finds it without a position-tracking JSON parser; null when the text has no such line.
        /// </summary>
        private int? Line(string stack, string path, string logicalId)
        {
            if (!templateLines.TryGetValue(stack, out var lines))
            {
                lines = File.Exists(path) ? File.ReadAllLines(path) : null;
                templateLines[stack] = lines;
            }

            if (lines is null)
                return null;
            var key = new Regex($"\"{Regex.Escape(logicalId)}\"\\s*:\\s*\\{{", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            for (var i = 0; i < lines.Length; i++)
            {
                if (key.IsMatch(lines[i]))
                    return i + 1;
            }

            return null;
        }

        private static JsonObject Artifact(string baseId, string relative) => new() { ["uri"] = relative, ["uriBaseId"] = baseId };

        /// <summary>A relative URI reference: forward slashes, each segment percent-encoded.</summary>
        private static string Relative(string root, string path) =>
            string.Join('/', Path.GetRelativePath(root, Path.GetFullPath(path)).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));

        private static string DirectoryUri(string directory) => new Uri(Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar).AbsoluteUri;

        private static bool IsUnder(string path, string directory)
        {
            var relative = Path.GetRelativePath(directory, path);
            return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
        }
    }
}
