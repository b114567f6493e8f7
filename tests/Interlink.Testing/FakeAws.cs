using System.Text.RegularExpressions;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SimpleSystemsManagement.Model;
using Interlink.Deploy.Aws;

namespace Interlink.Testing;

/// <summary>One request a fake AWS client received.</summary>
/// <param name="Operation">The API operation (AssumeRole, DescribeVpcEndpointConnections, …).</param>
/// <param name="Region">The Region the client was made for.</param>
/// <param name="Caller">Who called: "ambient", "profile:NAME" or "role:ARN".</param>
/// <param name="Request">The SDK request object, to check exactly.</param>
public sealed record AwsCallRecord(string Operation, string Region, string Caller, object Request);

/// <summary>An endpoint service in the fake EC2.</summary>
/// <param name="Owner">The account that owns it: only that account sees its connections, as in AWS.</param>
/// <param name="Region">Its Region: only EC2 in that Region knows it.</param>
public sealed class FakeService(string Owner, string Region)
{
    /// <summary>Its owner.</summary>
    public string Owner { get; } = Owner;

    /// <summary>Its Region.</summary>
    public string Region { get; } = Region;

    /// <summary>Connections by endpoint ID: (owner account, state).</summary>
    public Dictionary<string, (string Owner, string State)> Connections { get; } = [];
}

/// <summary>A VPC peering in the fake EC2.</summary>
/// <param name="RequesterRegion">Where the requester side's options are set.</param>
/// <param name="AccepterRegion">Where the accepter side's options are set.</param>
public sealed class FakePeering(string RequesterRegion, string AccepterRegion)
{
    /// <summary>Requester Region.</summary>
    public string RequesterRegion { get; } = RequesterRegion;

    /// <summary>Accepter Region.</summary>
    public string AccepterRegion { get; } = AccepterRegion;

    /// <summary>Status codes answered one after the other (the last one stays).</summary>
    public Queue<string> States { get; } = new(["active"]);

    /// <summary>Requester side's DNS option.</summary>
    public bool RequesterDns { get; set; }

    /// <summary>Accepter side's DNS option.</summary>
    public bool AccepterDns { get; set; }
}

/// <summary>
/// A fake of the AWS APIs Interlink calls (STS, EC2, SSM) behind <see cref="IAwsClients"/>. It behaves as AWS does
/// where that matters to deploy: STS answers who the credentials are; an assumed role acts as its own account;
/// DescribeVpcEndpointConnections shows only the caller's own services in the client's Region (otherwise an
/// empty list, with no error); accepting makes a connection available. Every request is recorded.
/// </summary>
public sealed class FakeAws : IAwsClients
{
    private readonly object _gate = new();

    /// <summary>The ambient credentials' account.</summary>
    public string AmbientAccount { get; set; } = "111111111111";

    /// <summary>Accounts of named profiles.</summary>
    public Dictionary<string, string> ProfileAccounts { get; } = [];

    /// <summary>Roles whose assumption acts as another account than their ARN says (to test the identity check).</summary>
    public Dictionary<string, string> RoleAccountOverrides { get; } = [];

    /// <summary>Endpoint services by ID.</summary>
    public Dictionary<string, FakeService> Services { get; } = [];

    /// <summary>Subnets by ID, with their Region and the AZ name their account sees (DescribeSubnets).</summary>
    public Dictionary<string, (string Region, string Zone)> Subnets { get; } = [];

    /// <summary>Peerings by ID.</summary>
    public Dictionary<string, FakePeering> Peerings { get; } = [];

    /// <summary>Endpoints that stay pendingAcceptance whatever is done (AWS never takes the accept).</summary>
    public HashSet<string> StuckEndpoints { get; } = [];

    /// <summary>Operation name → exception thrown instead of answering.</summary>
    public Dictionary<string, Exception> Failures { get; } = [];

    /// <summary>Operation name → how many calls fail before it answers (absent: every call fails).</summary>
    public Dictionary<string, int> FailuresBeforeSuccess { get; } = [];

    /// <summary>Every request, in order.</summary>
    public List<AwsCallRecord> Calls { get; } = [];

    /// <summary>The recorded requests of one operation.</summary>
    public List<AwsCallRecord> CallsOf(string operation)
    {
        lock (_gate)
            return Calls.Where(c => c.Operation == operation).ToList();
    }

    /// <inheritdoc />
    public AWSCredentials? Profile(string? profile) =>
        profile is null ? null : new BasicAWSCredentials($"profile:{profile}", "fake-secret");

    /// <inheritdoc />
    public IStsApi Sts(string region, AWSCredentials? credentials) => new FakeSts(this, region, CallerOf(credentials));

    /// <inheritdoc />
    public IEc2Api Ec2(string region, AWSCredentials? credentials) => new FakeEc2(this, region, CallerOf(credentials));

    /// <inheritdoc />
    public IRunCommandApi Ssm(string region, AWSCredentials? credentials) => new FakeSsm(this, region, CallerOf(credentials));

    /// <summary>The account <paramref name="caller"/> acts as.</summary>
    public string AccountOf(string caller)
    {
        if (caller == "ambient")
            return AmbientAccount;
        if (caller.StartsWith("profile:", StringComparison.Ordinal))
            return ProfileAccounts.GetValueOrDefault(caller["profile:".Length..]) ?? throw new InvalidOperationException($"no account for {caller}");
        var role = caller["role:".Length..];
        return RoleAccountOverrides.GetValueOrDefault(role) ?? Regex.Match(role, @"::(\d{12}):").Groups[1].Value;
    }

    private static string CallerOf(AWSCredentials? credentials) => credentials is null ? "ambient" : credentials.GetCredentials().AccessKey;

    private void Record(string operation, string region, string caller, object request)
    {
        lock (_gate)
        {
            Calls.Add(new AwsCallRecord(operation, region, caller, request));
            if (Failures.TryGetValue(operation, out var failure))
            {
                if (!FailuresBeforeSuccess.TryGetValue(operation, out var left))
                    throw failure;
                if (left > 0)
                {
                    FailuresBeforeSuccess[operation] = left - 1;
                    throw failure;
                }
            }
        }
    }

    private sealed class FakeSts(FakeAws aws, string region, string caller) : IStsApi
    {
        public Task<AssumeRoleResponse> AssumeRoleAsync(AssumeRoleRequest request, CancellationToken cancellationToken)
        {
            aws.Record("AssumeRole", region, caller, request);
            return Task.FromResult(new AssumeRoleResponse
            {
                Credentials = new Amazon.SecurityToken.Model.Credentials($"role:{request.RoleArn}", "fake-secret", "fake-token", DateTime.UtcNow.AddHours(1)),
            });
        }

        public Task<GetCallerIdentityResponse> GetCallerIdentityAsync(GetCallerIdentityRequest request, CancellationToken cancellationToken)
        {
            aws.Record("GetCallerIdentity", region, caller, request);
            var account = aws.AccountOf(caller);
            return Task.FromResult(new GetCallerIdentityResponse { Account = account, Arn = $"arn:aws:sts::{account}:assumed-role/fake/{caller}" });
        }
    }

    private sealed class FakeEc2(FakeAws aws, string region, string caller) : IEc2Api
    {
        public Task<DescribeSubnetsResponse> DescribeSubnetsAsync(DescribeSubnetsRequest request, CancellationToken cancellationToken)
        {
            aws.Record("DescribeSubnets", region, caller, request);
            lock (aws._gate)
            {
                // As EC2 does: a subnet of another Region or unknown is InvalidSubnetID.NotFound.
                var unknown = request.SubnetIds.FirstOrDefault(id => !aws.Subnets.TryGetValue(id, out var s) || s.Region != region);
                if (unknown is not null)
                    throw new AmazonEC2Exception($"The subnet ID '{unknown}' does not exist") { ErrorCode = "InvalidSubnetID.NotFound" };
                return Task.FromResult(new DescribeSubnetsResponse
                {
                    Subnets = request.SubnetIds.Select(id => new Subnet { SubnetId = id, AvailabilityZone = aws.Subnets[id].Zone }).ToList(),
                });
            }
        }

        public Task<DescribeVpcEndpointConnectionsResponse> DescribeVpcEndpointConnectionsAsync(DescribeVpcEndpointConnectionsRequest request, CancellationToken cancellationToken)
        {
            aws.Record("DescribeVpcEndpointConnections", region, caller, request);
            var ids = request.Filters?.FirstOrDefault(f => f.Name == "service-id")?.Values ?? [];
            lock (aws._gate)
            {
                var visible = ids.Where(id => aws.Services.TryGetValue(id, out var s) && s.Region == region && s.Owner == aws.AccountOf(caller));
                return Task.FromResult(new DescribeVpcEndpointConnectionsResponse
                {
                    VpcEndpointConnections = visible.SelectMany(id => aws.Services[id].Connections.Select(c => new VpcEndpointConnection
                    {
                        ServiceId = id,
                        VpcEndpointId = c.Key,
                        VpcEndpointOwner = c.Value.Owner,
                        VpcEndpointState = new State(c.Value.State),
                    })).ToList(),
                });
            }
        }

        public Task<AcceptVpcEndpointConnectionsResponse> AcceptVpcEndpointConnectionsAsync(AcceptVpcEndpointConnectionsRequest request, CancellationToken cancellationToken)
        {
            aws.Record("AcceptVpcEndpointConnections", region, caller, request);
            lock (aws._gate)
            {
                var service = aws.Services[request.ServiceId];
                foreach (var id in request.VpcEndpointIds.Where(id => !aws.StuckEndpoints.Contains(id)))
                    service.Connections[id] = (service.Connections[id].Owner, "available");
            }

            return Task.FromResult(new AcceptVpcEndpointConnectionsResponse());
        }

        public Task<RejectVpcEndpointConnectionsResponse> RejectVpcEndpointConnectionsAsync(RejectVpcEndpointConnectionsRequest request, CancellationToken cancellationToken)
        {
            aws.Record("RejectVpcEndpointConnections", region, caller, request);
            lock (aws._gate)
            {
                var service = aws.Services[request.ServiceId];
                foreach (var id in request.VpcEndpointIds)
                    service.Connections[id] = (service.Connections[id].Owner, "rejected");
            }

            return Task.FromResult(new RejectVpcEndpointConnectionsResponse());
        }

        public Task<DescribeVpcPeeringConnectionsResponse> DescribeVpcPeeringConnectionsAsync(DescribeVpcPeeringConnectionsRequest request, CancellationToken cancellationToken)
        {
            aws.Record("DescribeVpcPeeringConnections", region, caller, request);
            lock (aws._gate)
            {
                var found = (request.VpcPeeringConnectionIds ?? []).Where(aws.Peerings.ContainsKey).Select(id =>
                {
                    var p = aws.Peerings[id];
                    var state = p.States.Count > 1 ? p.States.Dequeue() : p.States.Peek();
                    return new VpcPeeringConnection
                    {
                        VpcPeeringConnectionId = id,
                        Status = new VpcPeeringConnectionStateReason { Code = new VpcPeeringConnectionStateReasonCode(state) },
                        RequesterVpcInfo = new VpcPeeringConnectionVpcInfo { Region = p.RequesterRegion, PeeringOptions = new VpcPeeringConnectionOptionsDescription { AllowDnsResolutionFromRemoteVpc = p.RequesterDns } },
                        AccepterVpcInfo = new VpcPeeringConnectionVpcInfo { Region = p.AccepterRegion, PeeringOptions = new VpcPeeringConnectionOptionsDescription { AllowDnsResolutionFromRemoteVpc = p.AccepterDns } },
                    };
                }).ToList();
                return Task.FromResult(new DescribeVpcPeeringConnectionsResponse { VpcPeeringConnections = found });
            }
        }

        public Task<ModifyVpcPeeringConnectionOptionsResponse> ModifyVpcPeeringConnectionOptionsAsync(ModifyVpcPeeringConnectionOptionsRequest request, CancellationToken cancellationToken)
        {
            aws.Record("ModifyVpcPeeringConnectionOptions", region, caller, request);
            lock (aws._gate)
            {
                var p = aws.Peerings[request.VpcPeeringConnectionId];
                // AWS: each side's options in that side's Region only.
                if (request.RequesterPeeringConnectionOptions is { } r && region == p.RequesterRegion)
                    p.RequesterDns = r.AllowDnsResolutionFromRemoteVpc == true;
                if (request.AccepterPeeringConnectionOptions is { } a && region == p.AccepterRegion)
                    p.AccepterDns = a.AllowDnsResolutionFromRemoteVpc == true;
            }

            return Task.FromResult(new ModifyVpcPeeringConnectionOptionsResponse());
        }
    }

    private sealed class FakeSsm(FakeAws aws, string region, string caller) : IRunCommandApi
    {
        public Task<string> SendAsync(SendCommandRequest request, CancellationToken cancellationToken)
        {
            aws.Record("SendCommand", region, caller, request);
            return Task.FromResult("cmd-fake");
        }

        public Task<(string Status, int ExitCode, string Output, string Error)> GetAsync(GetCommandInvocationRequest request, CancellationToken cancellationToken)
        {
            aws.Record("GetCommandInvocation", region, caller, request);
            return Task.FromResult(("Failed", 1, "", "fake: no probe"));
        }
    }

    /// <summary>An EC2 error as the SDK raises it.</summary>
    public static AmazonEC2Exception Ec2Error(string code, string message) =>
        new(message) { ErrorCode = code, StatusCode = System.Net.HttpStatusCode.Forbidden };

    /// <summary>An STS error as the SDK raises it.</summary>
    public static AmazonSecurityTokenServiceException StsError(string code, string message) =>
        new(message) { ErrorCode = code, StatusCode = System.Net.HttpStatusCode.Forbidden };
}
