using Interlink.Core.Loading;

namespace Interlink.Core.Validation;

/// <summary>Every code validation can report: the loader's codes, then each rule's.</summary>
public static class RuleCatalog
{
    /// <summary>(code, severity, what it checks), ordered by code.</summary>
    public static IReadOnlyList<(string Code, string Severity, string Title)> All { get; } =
        new (string, string, string)[]
        {
            (LoadCodes.FileUnreadable, "error", "The config file can be read"),
            (LoadCodes.YamlSyntax, "error", "The file is well-formed YAML"),
            (LoadCodes.UnknownKey, "error", "Every key is one the config defines"),
            (LoadCodes.WrongType, "error", "Values have the right kind (number, list, mapping, enum)"),
            (LoadCodes.MissingKey, "error", "Required keys are present"),
            (LoadCodes.DuplicateKey, "error", "No key twice in a mapping"),
            (LoadCodes.DocumentCount, "error", "Exactly one YAML document"),
            (LoadCodes.ConflictingKeys, "error", "No keys that exclude each other"),
            (LoadCodes.InputLimit, "error", "The file is within the input limits (size, nesting, aliases, value length)"),
        }
        .Concat(RuleSet.All.Select(r => (r.Code, r.Severity.ToString().ToLowerInvariant(), r.Title)))
        .OrderBy(r => r.Item1, StringComparer.Ordinal)
        .ToList();
}
