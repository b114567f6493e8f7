using System.Runtime.InteropServices;

namespace Interlink.Deploy;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM (a CI job cancelled) into a cancellation instead of an immediate exit, for as long
/// as it lives: the running CDK CLIs are then stopped (<see cref="ProcessCdkRunner"/>), what happened is recorded in
/// the state, and the command says how to resume. Without it the process died at once, the CLI kept running and
/// the state never recorded the stack.
/// </summary>
public sealed class DeployInterruption : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PosixSignalRegistration[] _registrations;
    private readonly Action<PosixSignal, bool> _notify;
    private int _received;

    /// <summary>Listens for SIGINT and SIGTERM until disposed.</summary>
    /// <param name="notify">Told of each signal; the flag is true for the first.</param>
    /// <param name="outer">Cancels as well when this does.</param>
    public DeployInterruption(Action<PosixSignal, bool> notify, CancellationToken outer)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _notify = notify;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled when a signal arrives.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The first signal received (SIGINT until one is).</summary>
    public PosixSignal Signal { get; private set; } = PosixSignal.SIGINT;

    /// <summary>True once a signal arrived.</summary>
    public bool Interrupted => Volatile.Read(ref _received) > 0;

    private void Handle(PosixSignalContext context)
    {
        // Every signal is held back while the CLIs stop: their wait is bounded (ProcessCdkRunner.Grace), and a second
        // Ctrl-C that killed Interlink would leave them running with the state unwritten.
        context.Cancel = true;
        var first = Interlocked.Increment(ref _received) == 1;
        if (first)
            Signal = context.Signal;
        _notify(context.Signal, first);
        if (first)
            _cancel.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _cancel.Dispose();
    }
}
