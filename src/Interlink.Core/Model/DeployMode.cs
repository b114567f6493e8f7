namespace Interlink.Core.Model;

/// <summary>How consumers in other Regions reach the provider.</summary>
public enum DeployMode
{
    /// <summary>A relay VPC per consumer Region, peered with the provider, fronts the service with an NLB and an endpoint service.</summary>
    Relay,

    /// <summary>AWS native cross-Region PrivateLink: the provider's endpoint service lists the consumer Regions.</summary>
    Native,
}
