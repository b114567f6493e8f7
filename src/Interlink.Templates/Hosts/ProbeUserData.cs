namespace Interlink.Templates.Hosts;

/// <summary>
/// The boot script of a consumer client host: fetch the published probe from S3 (retrying while the network comes
/// up), check its SHA-256, and install it as <c>/opt/interlink-probe/Interlink.Probe</c>, which <c>interlink probe</c>
/// runs through Systems Manager. <c>${ProbeBucket}</c>, <c>${ProbeKey}</c>, <c>${ProbeSha256}</c> and
/// <c>${AWS::Region}</c> are CloudFormation <c>Fn::Sub</c> variables the script receives as data (<see cref="BootValues"/>).
/// </summary>
public static class ProbeUserData
{
    /// <summary>Where the probe is installed.</summary>
    public const string Executable = "/opt/interlink-probe/Interlink.Probe";

    /// <summary>Where the boot script keeps the deploy-time values it read.</summary>
    public const string ValuesFile = "/run/interlink/probe-bundle.values";

    /// <summary>Shell variable ← <c>Fn::Sub</c> variable, in the order they are written and read.</summary>
    public static readonly IReadOnlyList<(string ShellVariable, string SubVariable)> Values =
        [("bucket", "ProbeBucket"), ("key", "ProbeKey"), ("sha256", "ProbeSha256"), ("region", "AWS::Region")];

    /// <summary>The script.</summary>
    public static string Render() => $$"""
        #!/bin/bash
        # Interlink client host: installs the probe that 'interlink probe' runs through Systems Manager.
        set -euo pipefail
        exec > >(tee -a /var/log/interlink-boot.log) 2>&1
        {{BootValues.Render(ValuesFile, Values)}}bundle=/tmp/interlink-probe.tar.gz
        {{BootValues.FetchVerified("$bundle", "probe")}}install -d -m 0755 /opt/interlink-probe
        tar -xzf "$bundle" -C /opt/interlink-probe
        rm -f "$bundle"
        echo "interlink: probe installed at /opt/interlink-probe/Interlink.Probe"

        """;
}
