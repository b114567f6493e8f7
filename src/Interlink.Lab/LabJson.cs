using System.Text.Json;

namespace Interlink.Lab;

/// <summary>How the lab writes its state file and the files it shares with its NLB agents (config in, status out).</summary>
internal static class LabJson
{
    /// <summary>camelCase, indented: the files are read by people debugging a lab as well as by the lab.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
