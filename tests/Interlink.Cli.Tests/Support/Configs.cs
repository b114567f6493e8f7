namespace Interlink.Cli.Tests.Support;

/// <summary>Small configs written to temp files by the tests.</summary>
public static class Configs
{
    /// <summary>
    /// Two errors at known places: a CIDR with prefix /33 (IL010 at line 9, column 10) and a relay-mode consumer
    /// in a Region without a relay (IL032 at line 20, column 5).
    /// </summary>
    public const string TwoErrors = """
        name: solo
        mode: relay
        service:
          port: 443
          targetPort: 8443
          healthCheck: { protocol: tcp }
        provider:
          region: eu-west-1
          vpc: { cidr: 10.20.0.0/33, azs: [euw1-az1, euw1-az2, euw1-az3], natGateways: 1 }
          targets: { instances: 3 }
        relays:
          - region: eu-central-1
            vpc: { cidr: 10.21.0.0/16, azs: [euc1-az1, euc1-az2] }
        consumers:
          - name: frankfurt
            region: eu-central-1
            vpc: { cidr: 10.22.0.0/16, azs: [euc1-az1, euc1-az2] }
            client: true
          - name: tokyo
            region: ap-northeast-1
            vpc: { cidr: 10.23.0.0/16, azs: [apne1-az1, apne1-az2] }

        """;
}
