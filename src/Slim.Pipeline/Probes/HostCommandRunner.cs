using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Slim.Pipeline.Probes;

/// <summary>
/// Runs `--host-exec` commands on this machine (`/bin/sh -c`), one after another, against the container's published
/// ports: SLIM_TARGET_HOST, SLIM_PORT_&lt;containerport&gt; and SLIM_URL_&lt;containerport&gt; say where it is. Each command
/// is its own process group (setsid), so a time limit or Ctrl-C ends everything it started, not only the shell.
/// </summary>
public sealed class HostCommandRunner(string host, IReadOnlyDictionary<string, int> publishedPorts, TimeSpan timeout)
{
    /// <summary>Characters of each stream kept (the end of it): what a failure shows and what verification compares.</summary>
    public const int OutputLimit = 16 * 1024;

    /// <summary>The variables a command sees besides slim's own environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = EnvironmentFor(host, publishedPorts);

    public static IReadOnlyDictionary<string, string> EnvironmentFor(string host, IReadOnlyDictionary<string, int> publishedPorts)
    {
        ArgumentNullException.ThrowIfNull(publishedPorts);
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["SLIM_TARGET_HOST"] = host };
        foreach (var (containerPort, hostPort) in publishedPorts)
        {
            var parts = containerPort.Split('/');
            if (parts.Length == 2 && parts[1] != "tcp")
            {
                continue; // an HTTP URL or a TCP client says nothing useful about a UDP port
            }

            var port = hostPort.ToString(CultureInfo.InvariantCulture);
            variables[$"SLIM_PORT_{parts[0]}"] = port;
            variables[$"SLIM_URL_{parts[0]}"] = $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
        }

        return variables;
    }

    public async Task<HostCommandResult> RunAsync(string command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "/bin/sh", "-c", command })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        var stdout = new OutputTail(OutputLimit);
        var stderr = new OutputTail(OutputLimit);
        process.OutputDataReceived += (_, e) => stdout.Add(e.Data);
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start /bin/sh for `{command}`");
        }

        process.StandardInput.Close(); // nothing to read: a command that asks for input gets end of file, not a hang
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        int? exitCode;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            exitCode = process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await KillGroupAsync(process).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            exitCode = null;
            stderr.Add($"slim: `{command}` still ran after {timeout.TotalSeconds:0} s and was killed");
        }

        // The streams end when the last process holding them does; a daemon the command left behind must not hold us.
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return new HostCommandResult(command, exitCode, stdout.Text, stderr.Text, Math.Round(clock.Elapsed.TotalMilliseconds, 1))
        {
            OutputTruncated = stdout.Truncated || stderr.Truncated,
        };
    }

    /// <summary>SIGKILL to the command's process group (setsid made its pid the group's id), then to what is left of its tree.</summary>
    private static async Task KillGroupAsync(Process process)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", "-" + process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false, RedirectStandardError = true });
            if (kill is not null)
            {
                await kill.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>The last <c>limit</c> characters of a stream of lines.</summary>
    private sealed class OutputTail(int limit)
    {
        private readonly StringBuilder _text = new();
        private readonly Lock _lock = new();

        public bool Truncated { get; private set; }

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return _text.ToString();
                }
            }
        }

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_lock)
            {
                _text.Append(line).Append('\n');
                if (_text.Length > limit)
                {
                    _text.Remove(0, _text.Length - limit);
                    Truncated = true;
                }
            }
        }
    }
}
