using Interlink.Core.IO;
using Interlink.Core.Model;
using Interlink.Pipeline.Comparison;

namespace Interlink.Pipeline;

public static partial class DesignPipeline
{
    /// <summary>
    /// <paramref name="config"/> (loaded from <paramref name="configFile"/>) as relay and as native side by side,
    /// each synthesized and planned in a scratch directory that is removed afterwards.
    /// </summary>
    public static DesignComparison Compare(InterlinkConfig config, string configFile, decimal trafficGbPerMonth)
    {
        // Private to this user and named by pid, so the next run removes what a killed one left.
        var work = PrivateScratch.Create("compare");
        try
        {
            return DesignComparer.Compare(config, configFile, work, trafficGbPerMonth);
        }
        finally
        {
            PrivateScratch.TryDelete(work);
        }
    }
}
