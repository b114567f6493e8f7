using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Constructs;

namespace Interlink.Cdk.Constructs;

/// <summary>Properties of <see cref="EndpointService"/>.</summary>
public sealed class EndpointServiceProps
{
    /// <summary>The NLB behind the service.</summary>
    public required string LoadBalancerArn { get; init; }

    /// <summary>
    /// Accounts allowed to create endpoints; null entries mean "this stack's own account" (single-account
    /// designs). Never <c>*</c>.
    /// </summary>
    public required IReadOnlyList<string?> AllowedAccounts { get; init; }

    /// <summary>Each endpoint connection must be accepted by the provider. Default: true.</summary>
    public bool AcceptanceRequired { get; init; } = true;

    /// <summary>
    /// Native mode: the Regions whose consumers may connect (the home Region is added by AWS and need not be
    /// listed). Default: empty (same-Region only, as in relay mode).
    /// </summary>
    public IReadOnlyList<string> SupportedRegions { get; init; } = [];
}

/// <summary>A VPC endpoint service on an NLB with permissions for exactly the consumer accounts.</summary>
public sealed class EndpointService : Construct
{
    /// <summary>Creates the service and its permissions.</summary>
    public EndpointService(Construct scope, string id, EndpointServiceProps props) : base(scope, id)
    {
        var service = new CfnVPCEndpointService(this, "Service", new CfnVPCEndpointServiceProps
        {
            NetworkLoadBalancerArns = [props.LoadBalancerArn],
            AcceptanceRequired = props.AcceptanceRequired,
        });
        // CDK 2.160 predates native cross-Region PrivateLink: set the CloudFormation property directly.
        if (props.SupportedRegions.Count > 0)
            service.AddPropertyOverride("SupportedRegions", props.SupportedRegions.ToArray());

        // Account principals as arn:PARTITION:iam::ACCOUNT:root: the partition from the stack, never a literal "aws".
        var principals = props.AllowedAccounts
            .Distinct()
            .Select(Policies.AccountRoot)
            .ToArray();
        _ = new CfnVPCEndpointServicePermissions(this, "Permissions", new CfnVPCEndpointServicePermissionsProps
        {
            ServiceId = service.Ref,
            AllowedPrincipals = principals,
        });
        ServiceId = service.Ref;
        ServiceName = Fn.Join("", ["com.amazonaws.vpce.", Aws.REGION, ".", service.Ref]);
    }

    /// <summary>The service ID (<c>vpce-svc-…</c>).</summary>
    public string ServiceId { get; }

    /// <summary>The service name consumers connect to (<c>com.amazonaws.vpce.REGION.vpce-svc-…</c>).</summary>
    public string ServiceName { get; }
}
