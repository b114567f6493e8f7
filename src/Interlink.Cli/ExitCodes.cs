namespace Interlink.Cli;

/// <summary>Exit codes of every interlink command (documented in the README).</summary>
public static class ExitCodes
{
    /// <summary>Success: the input is valid and the command did its job.</summary>
    public const int Ok = 0;

    /// <summary>Interlink itself failed; a bug to report.</summary>
    public const int InternalError = 1;

    /// <summary>The input is invalid: a bad file, bad YAML, a failed rule, or bad usage.</summary>
    public const int InvalidInput = 2;

    /// <summary>
    /// <c>plan</c>: some consumer cannot reach the service, or a security rule fails; <c>deploy</c>: refused before
    /// deploying anything because a security error is not suppressed or overridden (<c>--allow-finding</c>).
    /// </summary>
    public const int FindingsBlock = 3;

    /// <summary>
    /// <c>deploy</c> / <c>destroy</c>: a stack failed, or a step outside CloudFormation did (an AWS error, a wrong
    /// identity, an endpoint connection still pending at the end); re-running resumes where it stopped. Also
    /// <c>status --live</c> and <c>probe</c> when AWS refuses them.
    /// </summary>
    public const int DeployFailed = 4;

    /// <summary><c>diff</c>: the update changes something, and nothing it changes fails or interrupts traffic.</summary>
    public const int Changes = 5;

    /// <summary><c>diff</c>: the update would fail, interrupt traffic, or leave a deployed stack behind.</summary>
    public const int ChangesDisrupt = 6;
}
