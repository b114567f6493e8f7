using Spectre.Console.Cli;
using Spectre.Console.Cli.Help;
using Spectre.Console.Rendering;

namespace Interlink.Cli.Rendering;

/// <summary>
/// Spectre's help, except that a COMMANDS list shows each command's first sentence only: a command's own
/// <c>--help</c> may say in detail what it does (<c>destroy</c> names every stack it deletes), but in the list of
/// all commands that paragraph wrapped into a wall among one-line summaries.
/// </summary>
internal sealed class SummaryHelpProvider(ICommandAppSettings settings) : HelpProvider(settings)
{
    /// <inheritdoc />
    public override IEnumerable<IRenderable> GetCommands(ICommandModel model, ICommandInfo? command) =>
        base.GetCommands(new SummaryModel(model), command is null ? null : new SummaryInfo(command, summarizeSelf: false));

    /// <summary>The text up to the end of the first sentence (a '.' before a space and a capital letter).</summary>
    internal static string? FirstSentence(string? description)
    {
        if (description is null)
            return null;
        for (var i = 0; i + 2 < description.Length; i++)
        {
            if (description[i] == '.' && description[i + 1] == ' ' && char.IsUpper(description[i + 2]))
                return description[..(i + 1)];
        }

        return description;
    }

    private static IReadOnlyList<ICommandInfo> Summaries(IReadOnlyList<ICommandInfo> commands) =>
        commands.Select(c => (ICommandInfo)new SummaryInfo(c, summarizeSelf: true)).ToList();

    private sealed class SummaryModel(ICommandModel inner) : ICommandModel
    {
        public string ApplicationName => inner.ApplicationName;
        public string? ApplicationVersion => inner.ApplicationVersion;
        public IReadOnlyList<string[]> Examples => inner.Examples;
        public IReadOnlyList<ICommandInfo> Commands => Summaries(inner.Commands);
        public ICommandInfo? DefaultCommand => inner.DefaultCommand;
    }

    /// <summary>A command as the COMMANDS list sees it: its children (and, as a child, itself) summarized.</summary>
    private sealed class SummaryInfo(ICommandInfo inner, bool summarizeSelf) : ICommandInfo
    {
        public string Name => inner.Name;
        public string? Description => summarizeSelf ? FirstSentence(inner.Description) : inner.Description;
        public bool IsBranch => inner.IsBranch;
        public bool IsDefaultCommand => inner.IsDefaultCommand;
        public bool IsHidden => inner.IsHidden;
        public IReadOnlyList<ICommandParameter> Parameters => inner.Parameters;
        public ICommandInfo? Parent => inner.Parent;
        public IReadOnlyList<string[]> Examples => inner.Examples;
        public IReadOnlyList<ICommandInfo> Commands => Summaries(inner.Commands);
        public ICommandInfo? DefaultCommand => inner.DefaultCommand;
    }
}
