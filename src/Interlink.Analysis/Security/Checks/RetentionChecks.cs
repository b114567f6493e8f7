using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Security.Checks;

/// <summary>ILS016: log groups and buckets say how long they keep data.</summary>
internal sealed class RetentionChecks(SecurityContext context) : SecurityConcern(context)
{
    public override void CheckStack(StackView view)
    {
        foreach (var group in view.OfType("AWS::Logs::LogGroup").Where(g => g.Get("RetentionInDays") is null))
            Add(SecurityRules.RetentionUnset, view, group.LogicalId, $"log group {group.LogicalId} has no RetentionInDays: logs are kept forever");
        foreach (var bucket in view.OfType("AWS::S3::Bucket").Where(b => b.Get("LifecycleConfiguration") is null))
            Add(SecurityRules.RetentionUnset, view, bucket.LogicalId, $"bucket {bucket.LogicalId} has no lifecycle rule: objects are kept forever");
    }
}
