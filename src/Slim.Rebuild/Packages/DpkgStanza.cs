namespace Slim.Rebuild.Packages;

/// <summary>
/// One paragraph of dpkg's status file: the fields slim reads, and the paragraph's text as it was (with its trailing
/// newline, without the blank line that separates it from the next), so a pruned status file copies it byte for byte.
/// </summary>
public sealed record DpkgStanza(string Package, string Version, string Architecture, string Status, string Text)
{
    /// <summary>Installed (or half-installed) packages own files; "not-installed" and "config-files" ones own none that count.</summary>
    public bool IsInstalled => Status.EndsWith(" installed", StringComparison.Ordinal) || Status.EndsWith(" half-installed", StringComparison.Ordinal);
}
