using Amazon.Runtime;

namespace Interlink.Deploy.Aws;

/// <summary>
/// A step deploy takes outside CloudFormation (accepting endpoint connections, peering DNS options, assuming a
/// role) failed, or found AWS not as it must be. A deploy failure (exit 4), never "a bug": the message names the
/// stack, what was being done, the AWS error code when there is one, and what to change.
/// </summary>
/// <param name="stack">The stack the step concerns.</param>
/// <param name="message">One line.</param>
public sealed class DeployStepException(string stack, string message) : Exception($"{stack}: {message}")
{
    /// <summary>The stack the step concerns.</summary>
    public string Stack { get; } = stack;
}

/// <summary>Runs one AWS call and turns any AWS SDK error into a <see cref="DeployStepException"/>.</summary>
public static class AwsCall
{
    /// <summary>Runs <paramref name="call"/>; <paramref name="doing"/> says what it was for ("accepting … of vpce-svc-…").</summary>
    public static async Task<T> RunAsync<T>(string stack, string doing, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException)
        {
            throw Failure(stack, doing, e);
        }
    }

    /// <summary>The deploy failure for an AWS SDK error raised while <paramref name="doing"/>.</summary>
    public static DeployStepException Failure(string stack, string doing, Exception error) => error switch
    {
        // AmazonEC2Exception, AmazonSecurityTokenServiceException, … all derive from it and carry AWS's error code.
        AmazonServiceException e => new DeployStepException(stack, $"{doing} failed: {e.ErrorCode ?? e.GetType().Name}: {OneLine(e.Message)}{Hint(e.ErrorCode)}"),
        // Raised before AWS answers: no credentials found, an unknown Region, the network.
        _ => new DeployStepException(stack, $"{doing} failed before AWS answered: {OneLine(error.Message)}"),
    };

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');

    private static string Hint(string? code) => code switch
    {
        "AccessDenied" or "UnauthorizedOperation" or "AccessDeniedException" =>
            "; the stack's operator role (OperatorRoleArn output) or the profile lacks this permission, or the role does not trust the deploying account (see README, Deploying for real)",
        "ExpiredToken" or "ExpiredTokenException" or "RequestExpired" => "; refresh the credentials and run again",
        _ => "",
    };
}
