using System.Text;

namespace Interlink.Templates.Hosts;

/// <summary>
/// How a boot script receives deploy-time values (<c>Fn::Sub</c> variables: parameters, asset locations, the Region)
/// without the shell ever evaluating them: CloudFormation substitutes them into the body of a heredoc whose
/// delimiter is quoted, which bash copies verbatim (no parameter expansion, command substitution or arithmetic;
/// bash manual, "Here Documents"), into a file the script reads back line by line with <c>read -r</c>. A value
/// such as <c>$(reboot)</c> is then only text in a variable. Every such parameter also has an
/// <c>AllowedPattern</c> without line breaks, so no value can end the heredoc early.
/// </summary>
public static class BootValues
{
    /// <summary>The heredoc delimiter; no allowed value can contain a line break, let alone this line.</summary>
    public const string Delimiter = "INTERLINK_VALUES";

    /// <summary>
    /// Script lines that write <paramref name="values"/> (shell variable name, <c>Fn::Sub</c> variable) to
    /// <paramref name="file"/> and read each back into its shell variable.
    /// </summary>
    public static string Render(string file, IReadOnlyList<(string ShellVariable, string SubVariable)> values)
    {
        var script = new StringBuilder();
        script.Append($"install -d -m 0700 {Path.GetDirectoryName(file)!.Replace('\\', '/')}\n");
        script.Append($"cat > {file} <<'{Delimiter}'\n");
        foreach (var (_, sub) in values)
            script.Append("${").Append(sub).Append("}\n");
        script.Append(Delimiter).Append('\n');
        script.Append("{ ");
        foreach (var (shell, _) in values)
            script.Append("IFS= read -r ").Append(shell).Append("; ");
        script.Append($"}} < {file}\n");
        return script.ToString();
    }

    /// <summary>
    /// Script lines that fetch <c>s3://$bucket/$key</c> to <paramref name="target"/> with bounded retries (the NAT route
    /// or the instance profile's credentials may not be usable yet at first boot), then refuse the file unless its
    /// SHA-256 is <c>$sha256</c>. Failures are tested in <c>if</c>, where <c>set -e</c> does not end the script early.
    /// </summary>
    public static string FetchVerified(string target, string what, int attempts = 10, int backoffSeconds = 6) => $$"""
        fetched=0
        for attempt in $(seq 1 {{attempts}}); do
          if aws s3 cp "s3://$bucket/$key" "{{target}}" --region "$region" --only-show-errors; then
            fetched=1
            break
          fi
          echo "interlink: fetching the {{what}} failed (attempt $attempt of {{attempts}}); retrying in $((attempt * {{backoffSeconds}})) s"
          sleep $((attempt * {{backoffSeconds}}))
        done
        if [ "$fetched" != 1 ]; then
          echo "interlink: could not fetch the {{what}} from s3://$bucket/$key after {{attempts}} attempts" >&2
          exit 1
        fi
        actual=$(sha256sum "{{target}}" | cut -d ' ' -f 1)
        if [ "$actual" != "$sha256" ]; then
          echo "interlink: the {{what}}'s SHA-256 is $actual, not the expected $sha256; not installing it" >&2
          rm -f "{{target}}"
          exit 1
        fi

        """;
}
