using System.Globalization;
using Interlink.Core.Model;

namespace Interlink.Core.Pricing;

/// <summary>Plain-text rendering of estimates and comparisons.</summary>
public static class CostText
{
    private static readonly CultureInfo Us = CultureInfo.InvariantCulture;

    /// <summary>Money as printed: USD with two decimals.</summary>
    public static string Money(decimal usd) => "$" + Math.Round(usd, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", Us);

    /// <summary>Writes <paramref name="estimate"/>'s line items, total, assumptions and the price date.</summary>
    public static void Write(TextWriter writer, CostEstimate estimate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(estimate);
        writer.WriteLine($"Monthly cost estimate, {Mode(estimate.Mode)} design, {Number(estimate.TrafficGbPerMonth)} GB/month of service traffic");
        var width = Math.Max(10, estimate.Lines.Select(l => l.What.Length).DefaultIfEmpty(0).Max());
        writer.WriteLine($"  {"item".PadRight(width)}  {"quantity",14}  {"unit",-14}  {"unit price",10}  {"monthly",11}");
        foreach (var line in estimate.Lines)
        {
            var price = line.UnitPrice is { } p ? "$" + p.ToString("0.0000", Us) : "n/a";
            writer.WriteLine($"  {line.What.PadRight(width)}  {Number(line.Quantity),14}  {line.Unit,-14}  {price,10}  {Money(line.Monthly),11}");
        }

        writer.WriteLine($"  {"total".PadRight(width)}  {"",14}  {"",-14}  {"",10}  {Money(estimate.Total),11}");
        foreach (var assumption in estimate.Assumptions)
            writer.WriteLine($"  - {assumption}");
        writer.WriteLine(PriceCatalog.Disclaimer);
    }

    /// <summary>Writes both designs side by side at each traffic level, and the break-even.</summary>
    public static void Write(TextWriter writer, CostComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(comparison);
        writer.WriteLine("Monthly cost, relay vs native");
        writer.WriteLine($"  relay : {Money(comparison.RelayLinear.Fixed)} fixed + ${comparison.RelayLinear.PerGb.ToString("0.0000", Us)}/GB");
        writer.WriteLine($"  native: {Money(comparison.NativeLinear.Fixed)} fixed + ${comparison.NativeLinear.PerGb.ToString("0.0000", Us)}/GB");
        writer.WriteLine($"  {"GB/month",12}  {"relay",12}  {"native",12}  cheaper");
        foreach (var row in comparison.Rows)
            writer.WriteLine($"  {Number(row.TrafficGbPerMonth),12}  {Money(row.Relay),12}  {Money(row.Native),12}  {(row.SameCost ? "same" : Mode(row.Cheaper))}");
        writer.WriteLine(comparison.BreakEvenGbPerMonth is { } breakEven
            ? $"  break-even: {Number(Math.Round(breakEven, 1))} GB/month ({Mode(comparison.CheaperAtLowTraffic)} is cheaper below it)"
            : comparison.SameCostEverywhere
                ? "  break-even: none — both designs cost the same at every traffic level"
                : $"  break-even: none — {Mode(comparison.CheaperAtLowTraffic)} costs less or the same at every traffic level");
        writer.WriteLine(PriceCatalog.Disclaimer);
    }

    private static string Mode(DeployMode mode) => mode == DeployMode.Relay ? "relay" : "native";

    private static string Number(decimal value) => value.ToString("#,0.##", Us);
}
