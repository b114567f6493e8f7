namespace Interlink.Pipeline;

/// <summary>Input the pipeline cannot use (an unreadable assembly, a missing bundle): one line saying what and how to fix it.</summary>
/// <param name="message">What is wrong and what to do.</param>
public sealed class DesignInputException(string message) : Exception(message);
