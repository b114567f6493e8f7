namespace Interlink.Deploy.Aws;

/// <summary>
/// Switches on DNS resolution across a VPC peering, one side at a time, as that side's owner. CloudFormation has no
/// property for it, so deploy calls ModifyVpcPeeringConnectionOptions itself once the peering is active. AWS: "For
/// peered VPCs in different AWS accounts, each AWS account owner must initiate a separate request … For inter-region
/// peering connections, you must use the Region for the requester VPC to modify the requester VPC peering options and
/// the Region for the accepter VPC to modify the accepter VPC peering options" (EC2 API Reference,
/// ModifyVpcPeeringConnectionOptions — https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyVpcPeeringConnectionOptions.html).
/// Idempotent: the peering's current options are read first and an option already on is left alone.
/// </summary>
/// <param name="aws">Makes the EC2 clients.</param>
/// <param name="credentials">Credentials per stack (the side's operator role).</param>
/// <param name="pollInterval">How often to look while the peering is not active yet. Default 10 s.</param>
/// <param name="activeTimeout">How long to wait for it to be active. Default 5 minutes.</param>
public sealed class PeeringDnsOptions(IAwsClients aws, OperatorCredentials credentials, TimeSpan? pollInterval = null, TimeSpan? activeTimeout = null) : IPeeringDns
{
    /// <summary>
    /// Peering states that may still become active; any other state but "active" (failed, rejected, expired,
    /// deleted, deleting) never will (Amazon VPC Peering Guide, VPC peering connection lifecycle —
    /// https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-lifecycle).
    /// </summary>
    private static readonly HashSet<string> OnTheWay = new(StringComparer.Ordinal) { "initiating-request", "pending-acceptance", "provisioning" };

    private readonly TimeSpan _poll = pollInterval ?? TimeSpan.FromSeconds(10);
    private readonly TimeSpan _timeout = activeTimeout ?? TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public async Task<bool> EnsureAsync(PeeringDnsSide side, CancellationToken cancellationToken)
    {
        var target = side.Operator;
        var session = await credentials.ForAsync(target, cancellationToken);
        var ec2 = aws.Ec2(target.Region, session.Credentials);
        var deadline = DateTime.UtcNow + _timeout;
        var doing = $"reading peering {side.PeeringConnectionId} (ec2:DescribeVpcPeeringConnections in {target.Region})";
        while (true)
        {
            var response = await AwsCall.RunAsync(target.Stack, doing, () => ec2.DescribeVpcPeeringConnectionsAsync(Ec2Requests.DescribePeering(side.PeeringConnectionId), cancellationToken));
            var peering = response.VpcPeeringConnections?.FirstOrDefault(p => p.VpcPeeringConnectionId == side.PeeringConnectionId);
            var state = peering?.Status?.Code?.Value ?? "not found";
            if (peering is not null && state == "active")
            {
                var info = side.Side == PeeringSide.Requester ? peering.RequesterVpcInfo : peering.AccepterVpcInfo;
                if (info?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc == true)
                    return false;
                _ = await AwsCall.RunAsync(target.Stack,
                    $"switching on {side.Side.ToString().ToLowerInvariant()} DNS resolution of peering {side.PeeringConnectionId} (ec2:ModifyVpcPeeringConnectionOptions in {target.Region})",
                    () => ec2.ModifyVpcPeeringConnectionOptionsAsync(Ec2Requests.AllowDnsResolution(side.PeeringConnectionId, side.Side), cancellationToken));
                return true;
            }

            // Just after the stack that made it, the peering may not be visible yet; give it the same wait.
            if ((peering is not null && !OnTheWay.Contains(state)) || DateTime.UtcNow >= deadline)
            {
                throw new DeployStepException(target.Stack,
                    $"peering {side.PeeringConnectionId} is {state} in {target.Region}{(DateTime.UtcNow >= deadline ? $" after {_timeout.TotalSeconds:0} s" : "")}, so its DNS options cannot be set; " +
                    "check the peering in the VPC console (a cross-account peering is accepted through the provider's peering-accepter role)");
            }

            await Task.Delay(_poll, cancellationToken);
        }
    }
}
