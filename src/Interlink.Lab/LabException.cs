namespace Interlink.Lab;

/// <summary>Something the lab cannot do; the message is one line naming what is wrong and the fix.</summary>
/// <param name="message">What is wrong.</param>
public sealed class LabException(string message) : Exception(message);
