namespace Interlink.Core.Wiring;

/// <summary>
/// The contract between the provider template and <c>deploy</c> about the service hosts' image: the template
/// takes it as a parameter and names, in its metadata, the public SSM parameter to resolve it from the first time;
/// deploy resolves it once, records it, and passes the recorded value on every later deploy.
/// </summary>
public static class HostImage
{
    /// <summary>The provider template's parameter holding the service hosts' AMI.</summary>
    public const string ParameterName = "ServiceHostImageId";

    /// <summary>Template <c>Metadata</c> key whose value is the SSM parameter name to resolve the first AMI from.</summary>
    public const string SourceMetadataKey = "Interlink::ServiceHostImageSource";
}
