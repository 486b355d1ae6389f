using System.Globalization;

namespace Slim.Trace;

/// <summary>
/// The command line of <c>slim-tracer run|exec [options] -- CMD ARGS…</c>: built by the pipeline with
/// <see cref="ToArgv"/> and read by the tracer with <see cref="Parse"/>, so the two sides cannot disagree on a flag.
/// </summary>
/// <param name="Kind">The verb: the container's main command, or a docker exec'd one.</param>
/// <param name="Command">The command to trace, as given (the tracer looks it up in PATH).</param>
public sealed record TracerArguments(TraceKind Kind, IReadOnlyList<string> Command)
{
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    public const string Usage = """
        usage: slim-tracer run  [--report FILE] [--user USER[:GROUP]] [--mode seccomp|syscall] [--grace SECONDS] [--no-fanotify] -- CMD [ARGS...]
               slim-tracer exec [--report FILE] [--mode seccomp|syscall] -- CMD [ARGS...]
        Traces CMD and every process it starts; writes a JSON trace report (default: <bundle>/artifacts/).
        """;

    /// <summary>Where to write the report; null for the default beside the bundle (<see cref="TracerMount.Artifacts"/>).</summary>
    public string? Report { get; init; }

    /// <summary>The <c>--user</c> to drop to before exec'ing the command (a name or uid[:gid]).</summary>
    public string? User { get; init; }

    public TraceMode Mode { get; init; } = TraceMode.Seccomp;

    /// <summary>How long SIGTERM/SIGINT give the application before SIGKILL; null for <see cref="DefaultGrace"/>.</summary>
    public TimeSpan? Grace { get; init; }

    /// <summary>Whether to watch the mounts with fanotify as well.</summary>
    public bool Fanotify { get; init; } = true;

    /// <summary>Set by the thin init: this instance traces for a container, so fanotify keeps every pid.</summary>
    public bool UnderInit { get; init; }

    /// <summary>Where the thin init wants the exit status (it may not see it through waitpid).</summary>
    public int? StatusFd { get; init; }

    /// <summary>The root for /etc/passwd lookups and symlink walks.</summary>
    public string Root { get; init; } = "/";

    public TimeSpan GracePeriod => Grace ?? DefaultGrace;

    /// <summary>The words of the command line, verb first; options left at their defaults are left out.</summary>
    public IReadOnlyList<string> ToArgv()
    {
        List<string> argv = [VerbOf(Kind)];
        if (Report is not null)
        {
            argv.AddRange(["--report", Report]);
        }

        if (User is not null)
        {
            argv.AddRange(["--user", User]);
        }

        if (Mode != TraceMode.Seccomp)
        {
            argv.AddRange(["--mode", ModeName(Mode)]);
        }

        if (Grace is { } grace)
        {
            argv.AddRange(["--grace", grace.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)]);
        }

        if (!Fanotify)
        {
            argv.Add("--no-fanotify");
        }

        if (UnderInit)
        {
            argv.Add("--under-init");
        }

        if (StatusFd is { } fd)
        {
            argv.AddRange(["--status-fd", fd.ToString(CultureInfo.InvariantCulture)]);
        }

        if (Root != "/")
        {
            argv.AddRange(["--root", Root]);
        }

        argv.Add("--");
        argv.AddRange(Command);
        return argv;
    }

    /// <summary>Parses a command line, verb first; throws <see cref="ArgumentException"/> with a one-line reason.</summary>
    public static TracerArguments Parse(IReadOnlyList<string> argv)
    {
        if (argv.Count == 0)
        {
            throw new ArgumentException("no command (run or exec)");
        }

        var kind = argv[0] switch
        {
            "run" => TraceKind.Run,
            "exec" => TraceKind.Exec,
            var other => throw new ArgumentException($"unknown command {other}\n{Usage}"),
        };
        var arguments = new TracerArguments(kind, []);
        for (var i = 1; i < argv.Count; i++)
        {
            string Value() => i + 1 < argv.Count ? argv[++i] : throw new ArgumentException($"{argv[i]} needs a value");
            switch (argv[i])
            {
                case "--":
                    arguments = arguments with { Command = [.. argv.Skip(i + 1)] };
                    i = argv.Count;
                    break;
                case "--report": arguments = arguments with { Report = Value() }; break;
                case "--user": arguments = arguments with { User = Value() }; break;
                case "--mode":
                    arguments = arguments with
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
                    arguments = arguments with
                    {
                        Grace = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0 && double.IsFinite(s)
                            ? TimeSpan.FromSeconds(s)
                            : throw new ArgumentException("--grace expects seconds"),
                    };
                    break;
                case "--no-fanotify": arguments = arguments with { Fanotify = false }; break;
                case "--under-init": arguments = arguments with { UnderInit = true }; break;
                case "--status-fd":
                    arguments = arguments with
                    {
                        StatusFd = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var fd)
                            ? fd
                            : throw new ArgumentException("--status-fd expects a number"),
                    };
                    break;
                case "--root": arguments = arguments with { Root = Value() }; break;
                default:
                    if (!argv[i].StartsWith('-'))
                    {
                        // Like strace: the command may follow the options without "--".
                        arguments = arguments with { Command = [.. argv.Skip(i)] };
                        i = argv.Count;
                        break;
                    }

                    throw new ArgumentException($"unknown option {argv[i]}");
            }
        }

        return arguments.Command.Count == 0 ? throw new ArgumentException("no command to trace (put it after --)") : arguments;
    }

    private static string VerbOf(TraceKind kind) => kind switch
    {
        TraceKind.Run => "run",
        TraceKind.Exec => "exec",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown trace kind"),
    };

    private static string ModeName(TraceMode mode) => mode switch
    {
        TraceMode.Seccomp => "seccomp",
        TraceMode.Syscall => "syscall",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown trace mode"),
    };
}
