using System.Text;

namespace Interlink.Templates.Hosts;

/// <summary>What the service hosts' boot script needs to know.</summary>
/// <param name="ServiceName">Design name, reported by the service.</param>
/// <param name="Port">Port the service listens on (the target port).</param>
/// <param name="HealthPath">Health-check path the service answers, for the log line.</param>
public sealed record ServiceUserDataOptions(string ServiceName, int Port, string HealthPath);

/// <summary>
/// The boot script of a provider service host: fetch the published sample service from S3 (retrying while the
/// network comes up), check its SHA-256, install it under /opt, and run it under systemd as an unprivileged user on
/// the target port. The S3 location, the expected SHA-256 and the Region are CloudFormation <c>Fn::Sub</c> variables
/// (<c>${BundleBucket}</c>, <c>${BundleKey}</c>, <c>${BundleSha256}</c>, <c>${AWS::Region}</c>) that the script receives
/// as data (<see cref="BootValues"/>), never as shell code; shell variables are written without braces.
/// </summary>
public static class ServiceUserData
{
    /// <summary>Install directory on the host.</summary>
    public const string InstallDirectory = "/opt/interlink-service";

    /// <summary>systemd unit name.</summary>
    public const string UnitName = "interlink-service";

    /// <summary>Where the boot script keeps the deploy-time values it read.</summary>
    public const string ValuesFile = "/run/interlink/service-bundle.values";

    /// <summary>Shell variable ← <c>Fn::Sub</c> variable, in the order they are written and read.</summary>
    public static readonly IReadOnlyList<(string ShellVariable, string SubVariable)> Values =
        [("bucket", "BundleBucket"), ("key", "BundleKey"), ("sha256", "BundleSha256"), ("region", "AWS::Region")];

    /// <summary>Renders the script for <paramref name="options"/>.</summary>
    public static string Render(ServiceUserDataOptions options)
    {
        var script = new StringBuilder();
        script.Append($$"""
            #!/bin/bash
            # Interlink service host: installs the sample service and runs it on port {{options.Port}}.
            set -euo pipefail
            exec > >(tee -a /var/log/interlink-boot.log) 2>&1
            {{BootValues.Render(ValuesFile, Values)}}bundle=/tmp/interlink-service.tar.gz
            {{BootValues.FetchVerified("$bundle", "sample service")}}install -d -m 0755 {{InstallDirectory}}
            tar -xzf "$bundle" -C {{InstallDirectory}}
            rm -f "$bundle"
            id -u interlink >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin interlink
            cat > /etc/systemd/system/{{UnitName}}.service <<'UNIT'
            [Unit]
            Description=Interlink sample service ({{options.ServiceName}})
            After=network-online.target
            Wants=network-online.target

            [Service]
            User=interlink
            ExecStart={{InstallDirectory}}/Interlink.Service
            Environment=ASPNETCORE_URLS=http://0.0.0.0:{{options.Port}}
            Environment=INTERLINK_SERVICE_NAME={{options.ServiceName}}
            Environment=INTERLINK_REGION=${AWS::Region}
            Restart=always
            RestartSec=2
            NoNewPrivileges=true
            ProtectSystem=strict
            ProtectHome=true
            PrivateTmp=true

            """);
        // Ports below 1024 need the bind capability; the service still never runs as root.
        if (options.Port < 1024)
            script.Append("AmbientCapabilities=CAP_NET_BIND_SERVICE\n");
        script.Append($$"""

            [Install]
            WantedBy=multi-user.target
            UNIT
            systemctl daemon-reload
            systemctl enable --now {{UnitName}}
            echo "interlink: {{UnitName}} started on port {{options.Port}} (health: {{options.HealthPath}})"

            """);
        return script.ToString();
    }
}
