using System.Text;

namespace Slim.Rebuild.Hardening;

/// <summary>
/// The settings a container of the slim image runs under, as docker run's flags say them: what verification ran (the
/// plan, less what it had to relax) and what slim prints and writes to --hardening-out.
/// </summary>
/// <param name="SeccompProfile">The profile's absolute path; null: the engine's default profile.</param>
/// <param name="ReadOnlyRootfs">--read-only.</param>
/// <param name="Tmpfs">--tmpfs directories, DIR[:OPTIONS] (only with a read-only root).</param>
/// <param name="DropAllCapabilities">--cap-drop=ALL; false: the engine's default set.</param>
/// <param name="AddCapabilities">--cap-add, each (only after dropping all).</param>
/// <param name="NoNewPrivileges">--security-opt=no-new-privileges.</param>
/// <param name="User">--user; null: the image's own.</param>
public sealed record HardenedRun(
    string? SeccompProfile,
    bool ReadOnlyRootfs,
    IReadOnlyList<string> Tmpfs,
    bool DropAllCapabilities,
    IReadOnlyList<string> AddCapabilities,
    bool NoNewPrivileges,
    string? User)
{
    /// <summary>--volume=DIR: anonymous volumes the engine fills from the image (only with a read-only root).</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [];

    /// <summary>
    /// Capabilities the engine was shown not to need, that a cluster may: NET_BIND_SERVICE when the hardened run passed
    /// without it (Docker lowers net.ipv4.ip_unprivileged_port_start to 0 in a container's network namespace; Kubernetes
    /// runtimes may keep the kernel's 1024). Only the securityContext adds them.
    /// </summary>
    public IReadOnlyList<string> ClusterCapabilities { get; init; } = [];

    /// <summary>The docker run arguments, one setting each (image not included), in a fixed order.</summary>
    public IReadOnlyList<string> DockerArguments()
    {
        var args = new List<string>();
        if (SeccompProfile is not null)
        {
            args.Add("--security-opt=seccomp=" + SeccompProfile);
        }

        if (ReadOnlyRootfs)
        {
            args.Add("--read-only");
            args.AddRange(Tmpfs.Select(t => "--tmpfs=" + t));
            args.AddRange(Volumes.Select(v => "--volume=" + v));
        }

        if (DropAllCapabilities)
        {
            args.Add("--cap-drop=ALL");
            args.AddRange(AddCapabilities.Select(c => "--cap-add=" + c));
        }

        if (NoNewPrivileges)
        {
            args.Add("--security-opt=no-new-privileges");
        }

        if (User is not null)
        {
            args.Add("--user=" + User);
        }

        return args;
    }

    /// <summary>The whole command a person can paste: <c>docker run --rm ARGS IMAGE</c>, quoted for a POSIX shell.</summary>
    public string DockerRunLine(string image) =>
        "docker run --rm " + string.Join(' ', DockerArguments().Append(image).Select(ShellQuote));

    private static string ShellQuote(string word)
    {
        if (word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./:,@+%".Contains(c, StringComparison.Ordinal)))
        {
            return word;
        }

        var quoted = new StringBuilder("'");
        quoted.Append(word.Replace("'", "'\\''", StringComparison.Ordinal));
        return quoted.Append('\'').ToString();
    }
}
