// Times the offline analysis of a cloud assembly: reading it, building the network model and proving
// reachability, in process (no CLI start-up). Usage: PlanBench ASSEMBLY_DIR [RUNS] [--print]
// Prints "analysis_ms=<median> verdicts=<n> reachable=<n>"; --print also writes the report as text.
using System.Diagnostics;
using Interlink.Analysis.Assembly;
using Interlink.Analysis.Network;
using Interlink.Analysis.Reachability;

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: PlanBench ASSEMBLY_DIR [RUNS] [--print]");
    return 2;
}

var runs = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 7;
var times = new List<double>();
ReachabilityReport? report = null;
for (var i = 0; i < runs; i++)
{
    var watch = Stopwatch.StartNew();
    var assembly = CloudAssembly.Read(args[0]);
    report = ReachabilityAnalyzer.Analyze(NetworkModelBuilder.Build(assembly));
    times.Add(watch.Elapsed.TotalMilliseconds);
}

times.Sort();
if (args.Contains("--print"))
    ReachabilityText.Write(Console.Out, report!);
Console.WriteLine(FormattableString.Invariant($"analysis_ms={times[times.Count / 2]:F1} first_ms={times.Max():F1} verdicts={report!.Verdicts.Count} reachable={report.Verdicts.Count(v => v.Reachable)}"));
return 0;
