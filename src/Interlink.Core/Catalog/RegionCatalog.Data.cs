// Offline catalog of the commercial AWS Regions (partition "aws" only: no GovCloud, no China,
// no European Sovereign Cloud) and their Availability Zone IDs. Checked 2026-11-26.
//
// Sources (AWS documentation, by title):
//   - "AWS Regions" (AWS Regions and Availability Zones guide): Region codes, display names and
//     opt-in status ("Opt-in status: Required" = Regions launched after 2019-03-20).
//   - "AWS Availability Zones" and "AZ IDs" (same guide): every AZ ID per Region. Its latest copy
//     lists euw2-az4 (eu-west-2d, launched 2026). It lists usw1-az2 and apne1-az3, both included
//     here: newer accounts see only two zones in us-west-1, and apne1-az3 is a constrained zone
//     that new accounts may not get. AZ IDs are a fact catalog, not a placement hint.
//   - "Share your services through AWS PrivateLink", section "Cross-Region access" (Amazon VPC
//     PrivateLink guide): native cross-Region connectivity for endpoint services (launched
//     2024-11-26; SupportedRegions / ServiceRegion). The version read sets no Region allow-list.
//     It requires both sides to have opted in to an opt-in Region, and it excludes the AZs
//     use1-az3, usw1-az2, apne1-az3, apne2-az2 and apne2-az4 from cross-Region access.
//   - NativeCrossRegion is true only where availability is also confirmed by third-party
//     provider documentation. ClickHouse Cloud's "AWS PrivateLink" guide lists 29 consumer
//     Regions; mx-central-1 was added in June 2026 (ClickHouse docs PR 6399). Elastic Cloud's
//     "Private connectivity with AWS PrivateLink" guide (PR 5846, 2026) covers ap-southeast-5.
//     It is false for ap-east-2, ap-southeast-6 and ap-southeast-7: no source confirmed them.
//     Check those with `aws ec2 describe-vpc-endpoint-service-configurations`
//     (SupportedRegions) before relying on them.
//   - Regions announced but not found in the AWS Region list as checked (for example Chile and
//     Saudi Arabia) are left out.

namespace Interlink.Core.Catalog;

/// <summary>Offline catalog of commercial AWS Regions and their Availability Zone IDs.</summary>
public static partial class RegionCatalog
{
    /// <summary>Date the catalog was checked against AWS documentation.</summary>
    public const string CheckedOn = "2026-11-26";

    // Why: AZ IDs (use1-az1) name the same physical zone in every account; names (us-east-1a) do not.
    private static readonly RegionInfo[] Regions =
    [
        // North America
        new("us-east-1", "US East (N. Virginia)", "use1", ["use1-az1", "use1-az2", "use1-az3", "use1-az4", "use1-az5", "use1-az6"], OptIn: false, NativeCrossRegion: true),
        new("us-east-2", "US East (Ohio)", "use2", ["use2-az1", "use2-az2", "use2-az3"], OptIn: false, NativeCrossRegion: true),
        // usw1-az2 is listed by AWS, but newer accounts can access only two zones in us-west-1.
        new("us-west-1", "US West (N. California)", "usw1", ["usw1-az1", "usw1-az2", "usw1-az3"], OptIn: false, NativeCrossRegion: true),
        new("us-west-2", "US West (Oregon)", "usw2", ["usw2-az1", "usw2-az2", "usw2-az3", "usw2-az4"], OptIn: false, NativeCrossRegion: true),
        // ca-central-1 has no cac1-az3.
        new("ca-central-1", "Canada (Central)", "cac1", ["cac1-az1", "cac1-az2", "cac1-az4"], OptIn: false, NativeCrossRegion: true),
        new("ca-west-1", "Canada West (Calgary)", "caw1", ["caw1-az1", "caw1-az2", "caw1-az3"], OptIn: true, NativeCrossRegion: true),
        new("mx-central-1", "Mexico (Central)", "mxc1", ["mxc1-az1", "mxc1-az2", "mxc1-az3"], OptIn: true, NativeCrossRegion: true),

        // Africa
        new("af-south-1", "Africa (Cape Town)", "afs1", ["afs1-az1", "afs1-az2", "afs1-az3"], OptIn: true, NativeCrossRegion: true),

        // Asia Pacific
        new("ap-east-1", "Asia Pacific (Hong Kong)", "ape1", ["ape1-az1", "ape1-az2", "ape1-az3"], OptIn: true, NativeCrossRegion: true),
        new("ap-east-2", "Asia Pacific (Taipei)", "ape2", ["ape2-az1", "ape2-az2", "ape2-az3"], OptIn: true, NativeCrossRegion: false),
        // apne1-az3 is listed by AWS but is constrained; new accounts may not get it.
        new("ap-northeast-1", "Asia Pacific (Tokyo)", "apne1", ["apne1-az1", "apne1-az2", "apne1-az3", "apne1-az4"], OptIn: false, NativeCrossRegion: true),
        new("ap-northeast-2", "Asia Pacific (Seoul)", "apne2", ["apne2-az1", "apne2-az2", "apne2-az3", "apne2-az4"], OptIn: false, NativeCrossRegion: true),
        new("ap-northeast-3", "Asia Pacific (Osaka)", "apne3", ["apne3-az1", "apne3-az2", "apne3-az3"], OptIn: false, NativeCrossRegion: true),
        new("ap-south-1", "Asia Pacific (Mumbai)", "aps1", ["aps1-az1", "aps1-az2", "aps1-az3"], OptIn: false, NativeCrossRegion: true),
        new("ap-south-2", "Asia Pacific (Hyderabad)", "aps2", ["aps2-az1", "aps2-az2", "aps2-az3"], OptIn: true, NativeCrossRegion: true),
        new("ap-southeast-1", "Asia Pacific (Singapore)", "apse1", ["apse1-az1", "apse1-az2", "apse1-az3"], OptIn: false, NativeCrossRegion: true),
        new("ap-southeast-2", "Asia Pacific (Sydney)", "apse2", ["apse2-az1", "apse2-az2", "apse2-az3"], OptIn: false, NativeCrossRegion: true),
        new("ap-southeast-3", "Asia Pacific (Jakarta)", "apse3", ["apse3-az1", "apse3-az2", "apse3-az3"], OptIn: true, NativeCrossRegion: true),
        new("ap-southeast-4", "Asia Pacific (Melbourne)", "apse4", ["apse4-az1", "apse4-az2", "apse4-az3"], OptIn: true, NativeCrossRegion: true),
        new("ap-southeast-5", "Asia Pacific (Malaysia)", "apse5", ["apse5-az1", "apse5-az2", "apse5-az3"], OptIn: true, NativeCrossRegion: true),
        new("ap-southeast-6", "Asia Pacific (New Zealand)", "apse6", ["apse6-az1", "apse6-az2", "apse6-az3"], OptIn: true, NativeCrossRegion: false),
        new("ap-southeast-7", "Asia Pacific (Thailand)", "apse7", ["apse7-az1", "apse7-az2", "apse7-az3"], OptIn: true, NativeCrossRegion: false),

        // Europe
        new("eu-central-1", "Europe (Frankfurt)", "euc1", ["euc1-az1", "euc1-az2", "euc1-az3"], OptIn: false, NativeCrossRegion: true),
        new("eu-central-2", "Europe (Zurich)", "euc2", ["euc2-az1", "euc2-az2", "euc2-az3"], OptIn: true, NativeCrossRegion: true),
        new("eu-north-1", "Europe (Stockholm)", "eun1", ["eun1-az1", "eun1-az2", "eun1-az3"], OptIn: false, NativeCrossRegion: true),
        new("eu-south-1", "Europe (Milan)", "eus1", ["eus1-az1", "eus1-az2", "eus1-az3"], OptIn: true, NativeCrossRegion: true),
        new("eu-south-2", "Europe (Spain)", "eus2", ["eus2-az1", "eus2-az2", "eus2-az3"], OptIn: true, NativeCrossRegion: true),
        new("eu-west-1", "Europe (Ireland)", "euw1", ["euw1-az1", "euw1-az2", "euw1-az3"], OptIn: false, NativeCrossRegion: true),
        // euw2-az4 (eu-west-2d) launched in 2026.
        new("eu-west-2", "Europe (London)", "euw2", ["euw2-az1", "euw2-az2", "euw2-az3", "euw2-az4"], OptIn: false, NativeCrossRegion: true),
        new("eu-west-3", "Europe (Paris)", "euw3", ["euw3-az1", "euw3-az2", "euw3-az3"], OptIn: false, NativeCrossRegion: true),

        // Middle East
        new("il-central-1", "Israel (Tel Aviv)", "ilc1", ["ilc1-az1", "ilc1-az2", "ilc1-az3"], OptIn: true, NativeCrossRegion: true),
        new("me-central-1", "Middle East (UAE)", "mec1", ["mec1-az1", "mec1-az2", "mec1-az3"], OptIn: true, NativeCrossRegion: true),
        new("me-south-1", "Middle East (Bahrain)", "mes1", ["mes1-az1", "mes1-az2", "mes1-az3"], OptIn: true, NativeCrossRegion: true),

        // South America
        new("sa-east-1", "South America (São Paulo)", "sae1", ["sae1-az1", "sae1-az2", "sae1-az3"], OptIn: false, NativeCrossRegion: true),
    ];
}

/// <summary>One commercial AWS Region: its code, display name, AZ ID prefix and AZ IDs.</summary>
/// <param name="Code">Region code, e.g. <c>us-east-1</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="AzIdPrefix">Prefix of its AZ IDs, e.g. <c>use1</c>.</param>
/// <param name="AzIds">AZ IDs of the Region.</param>
/// <param name="OptIn">Whether accounts must opt in to the Region before use.</param>
/// <param name="NativeCrossRegion">Whether AWS native cross-Region PrivateLink is offered in the Region.</param>
public sealed record RegionInfo(string Code, string Name, string AzIdPrefix, IReadOnlyList<string> AzIds, bool OptIn, bool NativeCrossRegion);
