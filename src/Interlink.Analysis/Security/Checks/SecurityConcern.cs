using Interlink.Analysis.Assembly;

namespace Interlink.Analysis.Security.Checks;

/// <summary>
/// One concern of the security rule pack (endpoint services, hosts, IAM...): the rules it owns, judged template by
/// template (<see cref="CheckStack"/>) or across the whole assembly (<see cref="CheckAssembly"/>).
/// </summary>
internal abstract class SecurityConcern(SecurityContext context)
{
    protected SecurityContext Context => context;

    /// <summary>Checks one template.</summary>
    public virtual void CheckStack(StackView view)
    {
    }

    /// <summary>Checks what spans templates (after every template was checked).</summary>
    public virtual void CheckAssembly()
    {
    }

    protected void Add(SecurityRule rule, StackView view, string logicalId, string message, bool cannotCheck = false) =>
        context.Add(rule, view, logicalId, message, cannotCheck);
}
