namespace Interlink.Cdk.Hosts;

/// <summary>
/// The boot script of a consumer client host: fetch the published probe from S3 and install it as
/// <c>/opt/interlink-probe/Interlink.Probe</c>, which <c>interlink probe</c> runs through Systems Manager.
/// <c>${ProbeBucket}</c>, <c>${ProbeKey}</c> and <c>${AWS::Region}</c> are CloudFormation <c>Fn::Sub</c> variables.
/// </summary>
public static class ProbeUserData
{
    /// <summary>Where the probe is installed.</summary>
    public const string Executable = "/opt/interlink-probe/Interlink.Probe";

    /// <summary>The script.</summary>
    public static string Render() => """
        #!/bin/bash
        # Interlink client host: installs the probe that 'interlink probe' runs through Systems Manager.
        set -euo pipefail
        exec > >(tee -a /var/log/interlink-boot.log) 2>&1
        bundle=/tmp/interlink-probe.tar.gz
        aws s3 cp "s3://${ProbeBucket}/${ProbeKey}" "$bundle" --region "${AWS::Region}" --only-show-errors
        install -d -m 0755 /opt/interlink-probe
        tar -xzf "$bundle" -C /opt/interlink-probe
        rm -f "$bundle"
        echo "interlink: probe installed at /opt/interlink-probe/Interlink.Probe"

        """;
}
