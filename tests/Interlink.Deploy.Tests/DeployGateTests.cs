namespace Interlink.Deploy.Tests;

/// <summary>The deploy gate: blocking findings refuse a deploy unless an explicit override names their code.</summary>
public class DeployGateTests
{
    private static readonly GateFinding AcceptanceOff = new("ILS002", "shop-relay-us-west-2", "EndpointService", "AcceptanceRequired is false", "Set it true");

    [Fact]
    public void A_blocking_finding_refuses()
    {
        var verdict = DeployGate.Check([AcceptanceOff], []);

        Assert.False(verdict.Passed);
        Assert.Equal([AcceptanceOff], verdict.Blocking);
    }

    [Fact]
    public void An_override_naming_the_code_lets_it_through_and_says_so()
    {
        var verdict = DeployGate.Check([AcceptanceOff], ["ils002"]);

        Assert.True(verdict.Passed);
        Assert.Equal([AcceptanceOff], verdict.Overridden);
    }

    [Fact]
    public void An_override_naming_a_code_that_did_not_fire_is_refused()
    {
        var verdict = DeployGate.Check([AcceptanceOff], ["ILS002", "ILS009"]);

        Assert.False(verdict.Passed);
        Assert.Equal(["ILS009"], verdict.UnusedOverrides);
    }

    [Fact]
    public void No_findings_and_no_overrides_pass() => Assert.True(DeployGate.Check([], []).Passed);
}
