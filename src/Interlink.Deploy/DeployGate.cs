namespace Interlink.Deploy;

/// <summary>A finding that stops a deploy unless overridden: a security error, or any other check's blocking finding.</summary>
/// <param name="Code">Its stable code (<c>ILS002</c>, …): what an override names.</param>
/// <param name="Stack">The stack it is in (empty when about the design as a whole).</param>
/// <param name="Where">The resource (logical ID), or empty.</param>
/// <param name="Message">What was found.</param>
/// <param name="Fix">What to change.</param>
public sealed record GateFinding(string Code, string Stack, string Where, string Message, string Fix);

/// <summary>What the gate decided.</summary>
/// <param name="Blocking">Findings no override names: deploy refuses while any remain.</param>
/// <param name="Overridden">Findings an override names: deploy goes ahead and says so.</param>
/// <param name="UnusedOverrides">Overrides naming a code that did not fire: a usage error, so a stale override cannot wait for the next real finding.</param>
public sealed record GateVerdict(IReadOnlyList<GateFinding> Blocking, IReadOnlyList<GateFinding> Overridden, IReadOnlyList<string> UnusedOverrides)
{
    /// <summary>True when deploy may go ahead.</summary>
    public bool Passed => Blocking.Count == 0 && UnusedOverrides.Count == 0;
}

/// <summary>
/// The check before any stack is deployed: every blocking finding (from whatever check produced it) refuses the
/// deploy unless the user named its code in an explicit override (<c>--allow-finding CODE</c>). Overrides are per
/// deploy run, on the command line, so they are seen by whoever runs it; suppressions with a reason in the config
/// stay the way to accept a finding for good.
/// </summary>
public static class DeployGate
{
    /// <summary>Decides on <paramref name="findings"/> with the codes in <paramref name="overrides"/> (case-insensitive).</summary>
    public static GateVerdict Check(IEnumerable<GateFinding> findings, IEnumerable<string> overrides)
    {
        var allowed = overrides.Select(o => o.Trim()).Where(o => o.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var all = findings.ToList();
        var blocking = all.Where(f => !allowed.Contains(f.Code)).ToList();
        var overridden = all.Where(f => allowed.Contains(f.Code)).ToList();
        var fired = all.Select(f => f.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unused = allowed.Where(o => !fired.Contains(o)).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return new GateVerdict(blocking, overridden, unused);
    }
}
