using Interlink.Analysis.Deployability;
using Interlink.Analysis.Tests.Support;

namespace Interlink.Analysis.Tests.Deployability;

/// <summary>
/// DEPENDS ON THE TEMPLATES' OPERATOR ROLES (helper A1's branch, CONTRACT-operator-roles.md): every example as
/// synthesized shows the deployability section with every handshake allowed (bootstrap-role requirements aside)
/// and no deployability error. Until that branch is merged the templates carry the old accepter policy and no
/// operator roles, and these tests fail by design: they are the example-level proof the issue asks for.
/// </summary>
[Collection(ExamplesCollection.Name)]
public sealed class ExamplesDeployableAfterOperatorRolesMergeTests(Examples examples)
{
    public static TheoryData<string> All => ["seed", "single-account", "fan-out", "native", "native-fan-out", "existing-vpcs"];

    [Theory]
    [MemberData(nameof(All))]
    public void Every_handshake_of_the_synthesized_example_is_allowed(string example)
    {
        var report = DeployabilityAnalyzer.Analyze(examples[example], ContractIam.Topology(example), new DateOnly(2026, 11, 30));

        Assert.NotEmpty(report.Handshakes);
        Assert.All(report.Handshakes, h => Assert.True(h.Status is HandshakeStatus.Allowed or HandshakeStatus.Requirement,
            $"{h.Kind} {h.Stack}/{h.LogicalId}: {h.Status} {h.Code} {h.Problem}"));
        Assert.DoesNotContain(report.Findings, f => f.Severity != DeployabilitySeverity.Note);
    }
}
