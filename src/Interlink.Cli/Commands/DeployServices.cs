using Interlink.Deploy;
using Interlink.Deploy.Aws;

namespace Interlink.Cli.Commands;

/// <summary>
/// What deploy, destroy, status and probe talk to: the CDK CLI and AWS. The real ones by default; tests put a
/// stand-in CDK CLI and fake AWS clients in place for the current async flow only (<see cref="Use"/>), so parallel
/// tests never see each other's fakes.
/// </summary>
/// <param name="Cdk">The CDK CLI for a real (not dry) run of the project whose config is in the given directory.</param>
/// <param name="Aws">AWS clients; disposed after the command when disposable.</param>
/// <param name="PollInterval">How often deploy looks again while endpoint connections settle or a peering becomes active.</param>
/// <param name="WaitTimeout">How long deploy waits for either.</param>
/// <param name="AcceptInterval">How often connections are accepted while consumer stacks deploy (null: the orchestrator's default).</param>
/// <param name="Images">Where the service hosts' image is read the first time (SSM public parameters; null: the real one).</param>
internal sealed record DeployServices(Func<string, ICdkRunner> Cdk, Func<IAwsClients> Aws, TimeSpan PollInterval, TimeSpan WaitTimeout, TimeSpan? AcceptInterval = null,
    Func<IImageParameterSource>? Images = null)
{
    /// <summary>The image parameter source in effect.</summary>
    public IImageParameterSource ImageSource() => Images?.Invoke() ?? new SsmImageParameterSource();


    private static readonly AsyncLocal<DeployServices?> Override = new();

    /// <summary>The real CDK CLI and AWS.</summary>
    public static DeployServices Real { get; } = new(
        projectRoot => CdkCliLocator.Locate(projectRoot) is var cli ? new ProcessCdkRunner(cli.Path, cli.Source) : null!,
        () => new AwsSdkClients(),
        TimeSpan.FromSeconds(10),
        TimeSpan.FromMinutes(5));

    /// <summary>The services in effect for this flow.</summary>
    public static DeployServices Current => Override.Value ?? Real;

    /// <summary>Uses <paramref name="services"/> in the current async flow until disposed (tests).</summary>
    public static IDisposable Use(DeployServices services)
    {
        var previous = Override.Value;
        Override.Value = services;
        return new Restore(() => Override.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
