namespace Interlink.Core.Validation.Rules;

/// <summary>
/// IL038: <c>privateDns: true</c> is rejected. It asks the endpoint to use the endpoint service's private DNS name, but
/// Interlink's endpoint services (a relay's, or the provider's in native mode) have none: a private DNS name must be a
/// domain the provider proves it owns with a TXT record, and only a <c>verified</c> name can be used by consumers
/// ("Manage DNS names for VPC endpoint services",
/// https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html; EC2 API PrivateDnsNameConfiguration:
/// "Consumers of the endpoint service can use the private name only when the state is verified"). With
/// PrivateDnsEnabled true and no such name, AWS refuses to create the endpoint and the consumer stack rolls back.
/// The friendly name the user wants is what <c>hostedZone</c> gives: a private hosted zone in the consumer VPC.
/// </summary>
public sealed class PrivateDnsRule : Rule
{
    /// <inheritdoc />
    public override string Code => "IL038";

    /// <inheritdoc />
    public override string Title => "No 'privateDns: true' (Interlink's endpoint services have no verified private DNS name)";

    /// <inheritdoc />
    public override void Check(ValidationContext context)
    {
        var consumers = context.Config.Consumers;
        for (var i = 0; i < consumers.Count; i++)
        {
            if (!consumers[i].PrivateDns)
                continue;
            var zone = consumers[i].HostedZone;
            Report(context, $"consumers[{i}].privateDns",
                $"consumer '{consumers[i].Name}' sets privateDns: true, but the endpoint service it connects to has no private DNS name (one needs a domain verified with a TXT record, which Interlink does not set up), so AWS would refuse to create the endpoint and the consumer stack would roll back",
                zone is null
                    ? $"remove 'privateDns' and name the endpoint through a private hosted zone instead, e.g. 'hostedZone: {consumers[i].Name}.{context.Config.Name}.internal' (see https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html)"
                    : $"remove 'privateDns': 'hostedZone: {zone}' already gives the endpoint its friendly name through a private hosted zone");
        }
    }
}
