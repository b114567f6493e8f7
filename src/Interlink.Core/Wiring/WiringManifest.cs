using System.Text.Json;
using System.Text.Json.Serialization;

namespace Interlink.Core.Wiring;

/// <summary>
/// How the stacks of a design fit together across accounts and Regions, written into the cloud assembly
/// as <c>interlink.wiring.json</c>: the deploy phases, and for each stack parameter the (stack, output)
/// that feeds it. CDK cannot reference values across accounts, so deploy and analysis follow this file.
/// </summary>
/// <param name="Version">Format version.</param>
/// <param name="Name">Design name.</param>
/// <param name="Mode">relay or native.</param>
/// <param name="Phases">Stacks in deploy order; stacks of one phase are independent.</param>
/// <param name="Stacks">Every stack by name.</param>
/// <param name="ExistingVpcs">
/// VPCs that exist already, as the config describes them: templates only name their IDs, so analysis takes
/// their CIDRs, subnets and route tables from here. Null or empty when every VPC is created.
/// </param>
public sealed record WiringManifest(
    int Version,
    string Name,
    string Mode,
    IReadOnlyList<WiringPhase> Phases,
    IReadOnlyDictionary<string, WiringStack> Stacks,
    IReadOnlyList<ExistingVpc>? ExistingVpcs = null)
{
    /// <summary>File name inside the assembly directory.</summary>
    public const string FileName = "interlink.wiring.json";

    /// <summary>Current format version.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The manifest as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a manifest; throws <see cref="JsonException"/> when malformed.</summary>
    public static WiringManifest FromJson(string json) =>
        JsonSerializer.Deserialize<WiringManifest>(json, Json) ?? throw new JsonException("the wiring manifest is empty");
}

/// <summary>One deploy phase.</summary>
/// <param name="Index">1-based phase number.</param>
/// <param name="Stacks">Stacks deployed in parallel in this phase.</param>
public sealed record WiringPhase(int Index, IReadOnlyList<string> Stacks);

/// <summary>One stack: where it deploys, its phase, and where each parameter's value comes from.</summary>
/// <param name="Role">provider, relay, provider-routes or consumer.</param>
/// <param name="Account">12-digit account, or null for the deploying account.</param>
/// <param name="Region">Region code.</param>
/// <param name="Phase">Phase number.</param>
/// <param name="Template">Template file name inside the assembly.</param>
/// <param name="Parameters">Parameter name → the output that feeds it.</param>
/// <param name="Outputs">Output names the stack declares.</param>
public sealed record WiringStack(
    string Role,
    string? Account,
    string Region,
    int Phase,
    string Template,
    IReadOnlyDictionary<string, WiringSource> Parameters,
    IReadOnlyList<string> Outputs);

/// <summary>The stack output that feeds a parameter.</summary>
/// <param name="Stack">Source stack name.</param>
/// <param name="Output">Output name in that stack.</param>
public sealed record WiringSource(string Stack, string Output);

/// <summary>An existing VPC as the config describes it.</summary>
/// <param name="Id">VPC ID.</param>
/// <param name="Account">Its account, or null for the deploying account.</param>
/// <param name="Region">Its Region.</param>
/// <param name="Cidr">Its CIDR.</param>
/// <param name="Subnets">Its private subnets.</param>
/// <param name="HostSecurityGroupId">The provider hosts' security group, when given.</param>
public sealed record ExistingVpc(string Id, string? Account, string Region, string Cidr, IReadOnlyList<ExistingVpcSubnet> Subnets, string? HostSecurityGroupId);

/// <summary>A subnet of an existing VPC.</summary>
/// <param name="Id">Subnet ID.</param>
/// <param name="AzId">AZ ID.</param>
/// <param name="Cidr">CIDR.</param>
/// <param name="RouteTableId">Its route table.</param>
public sealed record ExistingVpcSubnet(string Id, string AzId, string Cidr, string RouteTableId);
