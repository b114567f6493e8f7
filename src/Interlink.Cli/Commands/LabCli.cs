using Interlink.Cli.Rendering;
using Interlink.Lab;
using Interlink.Pipeline;
using Interlink.Probe;
using Spectre.Console;

namespace Interlink.Cli.Commands;

/// <summary>What the lab commands share: synthesis, rendering, and one-line errors.</summary>
internal static class LabCli
{
    /// <summary>Runs <paramref name="action"/>, turning a <see cref="LabException"/> into a one-line usage error.</summary>
    public static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (LabException e)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>Validates and synthesizes <paramref name="file"/>; null (findings printed) when invalid.</summary>
    public static string? Synthesize(IAnsiConsole console, string file, string output)
    {
        var report = DesignPipeline.Validate(file);
        if (!report.IsValid)
        {
            DiagnosticText.Write(console, report);
            return null;
        }

        // The lab runs its own service and probe, so no published bundle is looked for.
        BusyIndicator.Run(console, "synthesizing the cloud assembly", () => DesignPipeline.Synthesize(DesignPipeline.Topology(report), output, Interlink.Templates.HostBundles.None));
        return output;
    }

    /// <summary>One line per endpoint: its names, addresses, port, and whether it is connected (or why not).</summary>
    public static string Describe(LabEndpoint endpoint) =>
        $"endpoint of {endpoint.Consumer}: {string.Join(", ", endpoint.DnsNames)} → {string.Join(", ", endpoint.Enis)} tcp/{endpoint.Port}: "
        + (endpoint.Connected ? "connected" : $"NOT connected ({endpoint.Reason})");

    /// <summary>The signals the alarms watch, then each alarm: ALARM, OK, or OK but breaching now (it fires if that lasts).</summary>
    public static void WriteMonitoring(IAnsiConsole console, Lab.Monitoring.LabMonitoringStatus monitoring)
    {
        console.MarkupLine("monitoring:");
        foreach (var g in monitoring.TargetGroups)
            console.MarkupLineInterpolated($"  target group of {g.LoadBalancer}: {g.Healthy} healthy, {g.Unhealthy} unhealthy{(g.Initial > 0 ? $", {g.Initial} not checked yet" : "")}");
        foreach (var e in monitoring.Endpoints)
            console.MarkupLineInterpolated($"  endpoint of {e.Consumer}: {e.ResetsReceived} connection(s) reset by the service, {e.PacketsDropped} packet(s) dropped by the endpoint");
        foreach (var a in monitoring.Alarms)
        {
            var state = a.State == Lab.Monitoring.AlarmState.Alarm ? "[red]ALARM[/]" : a.BreachingNow ? "[yellow]OK, breaching now[/]" : "OK";
            var datapoints = string.Join(" ", a.Datapoints.Select(d => d is { } v ? v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "-"));
            console.MarkupLine($"  {state} {Markup.Escape(a.Alarm.Name)}: {Markup.Escape(a.Alarm.Condition)}; datapoints [[{Markup.Escape(datapoints)}]] ({Markup.Escape(a.Subject)})");
        }

        foreach (var note in monitoring.Notes)
            console.MarkupLineInterpolated($"  note: {note}");
    }

    public static void WriteUp(IAnsiConsole console, LabUpReport up)
    {
        console.MarkupLineInterpolated($"lab [bold]{up.Name}[/] up in {up.Elapsed.TotalSeconds:0.0} s: {up.Namespaces.Count} namespaces, {up.Processes} processes, {up.Targets.Count} targets");
        foreach (var endpoint in up.Endpoints)
            console.MarkupLineInterpolated($"  {Describe(endpoint)}");
        foreach (var note in up.Notes)
            console.MarkupLineInterpolated($"  note: {note}");
    }

    /// <summary>Prints each probe's figures; true when every request of every probe succeeded.</summary>
    public static bool WriteProbes(IAnsiConsole console, IReadOnlyList<LabProbe> probes)
    {
        foreach (var probe in probes)
        {
            var answering = probe.Answered.Count == 0 ? "none" : string.Join(", ", probe.Answered);
            console.MarkupLineInterpolated($"[bold]{probe.Consumer}[/] from {probe.Client} → {probe.Url}: targets answering: {answering}");
            var text = new StringWriter();
            ProbeText.Write(text, probe.Report);
            console.Profile.Out.Writer.Write(TerminalText.Escape(text.ToString()));
        }

        if (probes.Count > 0 && probes.All(p => p.Report.Succeeded == 0))
            console.MarkupLine("[red]no request got through[/]: every path from the consumers to the service is blocked; 'interlink lab status' shows cut peerings and stopped targets, 'interlink lab fault restore' undoes faults");
        return Passed(probes);
    }

    /// <summary>Each probe as one JSON array: consumer, client, URL, answering targets, and the probe's report as it writes it.</summary>
    public static void WriteProbesJson(IAnsiConsole console, IReadOnlyList<LabProbe> probes) => JsonReport.Write(console, probes);

    /// <summary>True when there was a probe and every request of every probe succeeded.</summary>
    public static bool Passed(IReadOnlyList<LabProbe> probes) =>
        probes.Count > 0 && probes.All(p => p.Report is { Failed: 0, NotSent: 0, Succeeded: > 0 });

    public static int WriteFault(IAnsiConsole console, LabFaultReport fault)
    {
        console.MarkupLineInterpolated($"{fault.Fault}: {fault.Description}");
        var verb = fault.Fault == "restore" ? "restored" : "withdrew";
        foreach (var route in fault.Routes)
            console.MarkupLineInterpolated($"  {verb} route {route.Destination} via {route.Via} ({route.Device}) in {route.Namespace}: {route.Stack}/{route.LogicalId}");
        return ExitCodes.Ok;
    }
}
