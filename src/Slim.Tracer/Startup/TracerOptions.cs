using Slim.Tracer.Tracing;

namespace Slim.Tracer.Startup;

/// <summary>The command line of <c>slim-tracer run|exec [options] -- CMD ARGS…</c>.</summary>
/// <param name="Kind"><c>run</c> (the container's main command) or <c>exec</c> (a docker exec'd command).</param>
/// <param name="Report">Where to write the report; null for the default beside the bundle (/.slim/artifacts/).</param>
/// <param name="User">The <c>--user</c> to drop to before exec'ing the command.</param>
/// <param name="Grace">How long SIGTERM/SIGINT give the application before SIGKILL.</param>
/// <param name="Fanotify">Whether to watch the mounts with fanotify as well.</param>
/// <param name="UnderInit">Set by the thin init: this instance traces for a container, so fanotify keeps every pid.</param>
/// <param name="StatusFd">Where the thin init wants our exit status (it may not see it through waitpid).</param>
/// <param name="Root">The root for /etc/passwd lookups and symlink walks.</param>
internal sealed record TracerOptions(
    string Kind,
    IReadOnlyList<string> Command,
    string? Report = null,
    string? User = null,
    TraceMode Mode = TraceMode.Seccomp,
    TimeSpan? Grace = null,
    bool Fanotify = true,
    bool UnderInit = false,
    int? StatusFd = null,
    string Root = "/")
{
    public TimeSpan GracePeriod => Grace ?? TimeSpan.FromSeconds(5);

    public const string Usage = """
        usage: slim-tracer run  [--report FILE] [--user USER[:GROUP]] [--mode seccomp|syscall] [--grace SECONDS] [--no-fanotify] -- CMD [ARGS...]
               slim-tracer exec [--report FILE] [--mode seccomp|syscall] -- CMD [ARGS...]
        Traces CMD and every process it starts; writes a JSON trace report (default: <bundle>/artifacts/).
        """;

    /// <summary>Parses arguments after the verb; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static TracerOptions Parse(string kind, IReadOnlyList<string> args)
    {
        var options = new TracerOptions(kind, []);
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--":
                    options = options with { Command = [.. args.Skip(i + 1)] };
                    i = args.Count;
                    break;
                case "--report": options = options with { Report = Value() }; break;
                case "--user": options = options with { User = Value() }; break;
                case "--mode":
                    options = options with
                    {
                        Mode = Value() switch
                        {
                            "seccomp" => TraceMode.Seccomp,
                            "syscall" => TraceMode.Syscall,
                            var other => throw new ArgumentException($"--mode {other}: expected seccomp or syscall"),
                        },
                    };
                    break;
                case "--grace":
                    options = options with
                    {
                        Grace = double.TryParse(Value(), System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0
                            ? TimeSpan.FromSeconds(s)
                            : throw new ArgumentException("--grace expects seconds"),
                    };
                    break;
                case "--no-fanotify": options = options with { Fanotify = false }; break;
                case "--under-init": options = options with { UnderInit = true }; break;
                case "--status-fd":
                    options = options with { StatusFd = int.TryParse(Value(), out var fd) ? fd : throw new ArgumentException("--status-fd expects a number") };
                    break;
                case "--root": options = options with { Root = Value() }; break;
                default:
                    if (!args[i].StartsWith('-'))
                    {
                        // Like strace: the command may follow the options without "--".
                        options = options with { Command = [.. args.Skip(i)] };
                        i = args.Count;
                        break;
                    }

                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        return options.Command.Count == 0 ? throw new ArgumentException("no command to trace (put it after --)") : options;
    }
}
