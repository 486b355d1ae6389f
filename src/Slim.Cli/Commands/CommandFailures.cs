using System.CommandLine;
using Slim.Trace.Errors;

namespace Slim.Cli.Commands;

/// <summary>
/// Runs a command's body and turns every failure into one line on stderr and an exit code: the one place where domain
/// errors (every <see cref="SlimException"/>) meet the user. The exit code follows from the root reason alone; anything
/// that is not a <see cref="SlimException"/> (or an I/O failure of the machine) is a bug, reported as an unexpected error.
/// Stack traces only with --debug.
/// </summary>
internal static class CommandFailures
{
    public const string CancelledLine = "cancelled; nothing was written";

    /// <summary>Runs a command whose own exit codes are <see cref="ExitCodes.Ok"/> and <see cref="ExitCodes.SlimImageDiffers"/>.</summary>
    public static Task<int> RunAsync(ParseResult parse, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        RunAsync(parse, body, Describe, cancellationToken);

    /// <summary>
    /// Runs `slim gate`, whose exit 1 means "a rule failed": every failure that kept the rules from being checked is
    /// bad input (2), except an engine that does not answer (3).
    /// </summary>
    public static Task<int> RunGateAsync(ParseResult parse, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        RunAsync(parse, body, DescribeForGate, cancellationToken);

    private static async Task<int> RunAsync(ParseResult parse, Func<CancellationToken, Task<int>> body, Func<Exception, (int Code, string Line)> describe, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var debug = parse.GetValue(SlimCommandLine.Debug);
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("slim: " + CancelledLine).ConfigureAwait(false);
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            var (code, line) = describe(e);
            await error.WriteLineAsync("slim: " + line).ConfigureAwait(false);
            if (debug)
            {
                await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return code;
        }
    }

    /// <summary>The exit code of each root reason.</summary>
    internal static int ExitCode(ErrorReason reason) => reason switch
    {
        // A corrupt, truncated or tampered image is something the user handed us: bad input, as a parse error is.
        ErrorReason.BadInput or ErrorReason.InvalidImage or ErrorReason.DigestMismatch => ExitCodes.BadInput,
        ErrorReason.EngineUnavailable => ExitCodes.EngineUnavailable,
        ErrorReason.Failed or ErrorReason.NotFound
            or ErrorReason.Unsupported or ErrorReason.OutputRefused => ExitCodes.Failed,
        _ => ExitCodes.Failed,
    };

    /// <summary>The exit code and the one line for a failure.</summary>
    internal static (int Code, string Line) Describe(Exception e) => e switch
    {
        SlimException slim => (ExitCode(slim.Reason), slim.Message),
        // the machine's own failures (disk full, permission denied) say what and where in their message
        UnauthorizedAccessException or IOException => (ExitCodes.Failed, e.Message),
        _ => (ExitCodes.Failed, $"unexpected error: {e.Message} (run with --debug for details)"),
    };

    /// <summary>The exit code and the one line for a failure of `slim gate`, where 1 is taken by failed rules.</summary>
    internal static (int Code, string Line) DescribeForGate(Exception e)
    {
        var (code, line) = Describe(e);
        return (code == ExitCodes.Failed ? ExitCodes.BadInput : code, line);
    }
}
