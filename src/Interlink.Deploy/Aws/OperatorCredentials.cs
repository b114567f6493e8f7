using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;

namespace Interlink.Deploy.Aws;

/// <summary>Whose credentials deploy needs to act on one stack's resources outside CloudFormation.</summary>
/// <param name="Stack">The stack that owns the resources (endpoint service, one side of a peering, a client host).</param>
/// <param name="Region">Its Region: every call, STS included, goes there.</param>
/// <param name="OwnerAccount">Its account; null in single-account designs, meaning the deploying account.</param>
/// <param name="Profile">The <c>--profile</c> mapped to the stack, its account or its role; null when none is.</param>
/// <param name="OperatorRoleArn">The stack's <c>OperatorRoleArn</c> output, when it has one and it is deployed.</param>
public sealed record OperatorTarget(string Stack, string Region, string? OwnerAccount, string? Profile, string? OperatorRoleArn);

/// <summary>Credentials proven to act as a stack's owner account.</summary>
/// <param name="Target">What they are for.</param>
/// <param name="Account">The account STS GetCallerIdentity named (equal to the owner's).</param>
/// <param name="Credentials">The credentials; null means the ambient ones (SDK default chain).</param>
/// <param name="Via">How they were obtained, for messages (a profile, the operator role, the ambient credentials).</param>
public sealed record OperatorSession(OperatorTarget Target, string Account, AWSCredentials? Credentials, string Via);

/// <summary>
/// The one credential model of <c>deploy</c>, <c>destroy</c>, <c>status --live</c> and <c>probe</c> for what they do
/// outside CloudFormation, in each stack's own account and Region:
/// <list type="number">
/// <item>base credentials: the <c>--profile</c> mapped to the stack (or its account or role), else the ambient ones;</item>
/// <item>when the base credentials already act as the stack's owner account (a profile of that account, or a
/// single-account design), they are used as they are;</item>
/// <item>otherwise the stack's operator role (its <c>OperatorRoleArn</c> output, trusting the deploying account) is
/// assumed from them with STS AssumeRole in the stack's Region, session name <c>interlink-DESIGN</c>;</item>
/// <item>whatever was chosen, STS GetCallerIdentity must name the owner account before any EC2 or SSM call: an
/// endpoint service's connections are visible only to its owner, so the wrong account would silently see none.</item>
/// </list>
/// Sessions are cached per stack and renewed five minutes before the assumed role's credentials expire.
/// </summary>
/// <param name="aws">Makes the STS clients.</param>
/// <param name="design">The design name, for the role session name (CloudTrail shows it).</param>
/// <param name="assumeRetryDelay">
/// Wait between AssumeRole attempts refused with AccessDenied (default 5 s, 4 attempts): a role the stack has just
/// created may not be assumable yet, because IAM is eventually consistent ("Changes that I make are not always
/// immediately visible", IAM User Guide, Troubleshoot IAM —
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency).
/// </param>
public sealed class OperatorCredentials(IAwsClients aws, string design, TimeSpan? assumeRetryDelay = null)
{
    private const int AssumeAttempts = 4;

    /// <summary>
    /// Role session names allow 2–64 characters of <c>[\w+=,.@-]</c>
    /// (STS API Reference, AssumeRole, RoleSessionName: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
    /// </summary>
    private const int MaxSessionName = 64;

    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, Lazy<Task<(OperatorSession Session, DateTime? Expires)>>> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _baseAccounts = new(StringComparer.Ordinal);

    /// <summary>The role session name deploy uses: <c>interlink-DESIGN</c>, cut to STS's 64 characters.</summary>
    public string SessionName { get; } = SessionNameFor(design);

    /// <summary>The role session name for <paramref name="design"/>.</summary>
    public static string SessionNameFor(string design)
    {
        var name = "interlink-" + new string(design.Select(c => char.IsAsciiLetterOrDigit(c) || "+=,.@-_".Contains(c) ? c : '-').ToArray());
        return name.Length <= MaxSessionName ? name : name[..MaxSessionName];
    }

    /// <summary>
    /// Credentials that act as <paramref name="target"/>'s owner account; throws <see cref="DeployStepException"/>
    /// (AWS error, or the identity is another account) naming the stack, both accounts and what to change.
    /// </summary>
    public async Task<OperatorSession> ForAsync(OperatorTarget target, CancellationToken cancellationToken)
    {
        var key = $"{target.Stack}|{target.Region}|{target.Profile}|{target.OperatorRoleArn}";
        while (true)
        {
            var entry = _sessions.GetOrAdd(key, _ => new Lazy<Task<(OperatorSession, DateTime?)>>(() => ResolveAsync(target, cancellationToken)));
            try
            {
                var (session, expires) = await entry.Value;
                if (expires is null || expires.Value.ToUniversalTime() - DateTime.UtcNow > RenewBefore)
                    return session;
            }
            catch
            {
                // A failure is not cached: the next pass asks again (a role may just have been created).
                _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<(OperatorSession, DateTime?)>>>(key, entry));
                throw;
            }

            _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<(OperatorSession, DateTime?)>>>(key, entry));
        }
    }

    private async Task<(OperatorSession, DateTime?)> ResolveAsync(OperatorTarget target, CancellationToken cancellationToken)
    {
        var baseCredentials = aws.Profile(target.Profile);
        var baseVia = target.Profile is null ? "the ambient credentials" : $"profile '{target.Profile}'";
        var baseAccount = await BaseAccountAsync(target, baseCredentials, baseVia, cancellationToken);
        // Single-account designs name no account: the owner is whoever deploys, i.e. the base credentials' account.
        var owner = target.OwnerAccount ?? baseAccount;
        if (baseAccount == owner)
            return (new OperatorSession(target, baseAccount, baseCredentials, baseVia), null);

        if (target.OperatorRoleArn is not { Length: > 0 } role)
        {
            throw new DeployStepException(target.Stack,
                $"{baseVia} act as account {baseAccount}, but {target.Stack} belongs to account {owner} and has no OperatorRoleArn output to assume; " +
                $"pass --profile {owner}=PROFILE for a profile of account {owner}");
        }

        var request = new AssumeRoleRequest { RoleArn = role, RoleSessionName = SessionName };
        var assumed = await AssumeAsync(target, request, baseCredentials, $"assuming {role} (sts:AssumeRole in {target.Region}) with {baseVia} of account {baseAccount}", cancellationToken);
        var credentials = new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);
        var via = $"role {role}";
        var identity = await AwsCall.RunAsync(target.Stack, $"checking the identity of {via} (sts:GetCallerIdentity in {target.Region})",
            () => aws.Sts(target.Region, credentials).GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken));
        if (identity.Account != owner)
        {
            throw new DeployStepException(target.Stack,
                $"{via} acts as account {identity.Account}, but {target.Stack} belongs to account {owner}; the OperatorRoleArn output must name a role in account {owner}");
        }

        return (new OperatorSession(target, identity.Account, credentials, via), assumed.Credentials.Expiration);
    }

    private async Task<AssumeRoleResponse> AssumeAsync(OperatorTarget target, AssumeRoleRequest request, AWSCredentials? from, string doing, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await aws.Sts(target.Region, from).AssumeRoleAsync(request, cancellationToken);
            }
            catch (Amazon.Runtime.AmazonServiceException e) when (e.ErrorCode == "AccessDenied" && attempt < AssumeAttempts)
            {
                await Task.Delay(assumeRetryDelay ?? TimeSpan.FromSeconds(5), cancellationToken);
            }
            catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException)
            {
                throw AwsCall.Failure(target.Stack, doing, e);
            }
        }
    }

    /// <summary>The account of the base credentials, asked once per (profile, Region); a failure is asked again next time.</summary>
    private async Task<string> BaseAccountAsync(OperatorTarget target, AWSCredentials? credentials, string via, CancellationToken cancellationToken)
    {
        var key = $"{target.Profile}|{target.Region}";
        var entry = _baseAccounts.GetOrAdd(key, _ => new Lazy<Task<string>>(async () =>
            (await AwsCall.RunAsync(target.Stack, $"checking the identity of {via} (sts:GetCallerIdentity in {target.Region})",
                () => aws.Sts(target.Region, credentials).GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken))).Account));
        try
        {
            return await entry.Value;
        }
        catch
        {
            _baseAccounts.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(key, entry));
            throw;
        }
    }
}
