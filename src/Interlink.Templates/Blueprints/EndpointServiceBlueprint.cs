using Interlink.Templates.Model;

namespace Interlink.Templates.Blueprints;

/// <summary>What the endpoint service blueprint made.</summary>
/// <param name="Service">The <c>AWS::EC2::VPCEndpointService</c>.</param>
/// <param name="ServiceId">The service ID (<c>vpce-svc-…</c>).</param>
/// <param name="ServiceName">The service name consumers connect to (<c>com.amazonaws.vpce.REGION.vpce-svc-…</c>).</param>
public sealed record EndpointServiceRefs(ResourceModel Service, CfnValue ServiceId, CfnValue ServiceName);

/// <summary>A VPC endpoint service on an NLB with permissions for exactly the consumer accounts.</summary>
public static class EndpointServiceBlueprint
{
    /// <summary>
    /// Adds the service and its permissions. <paramref name="allowedAccounts"/>: null entries mean the stack's own
    /// account (single-account designs); never <c>*</c>. <paramref name="supportedRegions"/>: native mode's consumer
    /// Regions (empty: same-Region only, as in relay mode).
    /// </summary>
    public static EndpointServiceRefs Build(ModelScope scope, CfnValue loadBalancerArn, IReadOnlyList<string?> allowedAccounts, bool acceptanceRequired,
        IReadOnlyList<string> supportedRegions)
    {
        var service = scope.Resource("Service", "AWS::EC2::VPCEndpointService", Cfn.Map(
            ("AcceptanceRequired", acceptanceRequired),
            ("NetworkLoadBalancerArns", Cfn.List(loadBalancerArn)),
            // AWS::EC2::VPCEndpointService.SupportedRegions: native cross-Region PrivateLink.
            ("SupportedRegions", supportedRegions.Count > 0 ? Policies.Strings(supportedRegions) : null)));
        // Account principals as arn:PARTITION:iam::ACCOUNT:root: the partition from the stack, never a literal "aws".
        _ = scope.Resource("Permissions", "AWS::EC2::VPCEndpointServicePermissions", Cfn.Map(
            ("AllowedPrincipals", Cfn.List(allowedAccounts.Distinct().Select(Policies.AccountRoot))),
            ("ServiceId", Cfn.Ref(service))));
        return new EndpointServiceRefs(service, Cfn.Ref(service), Cfn.Join("", "com.amazonaws.vpce.", Cfn.Region, ".", Cfn.Ref(service)));
    }
}
