using System.CommandLine;
using Slim.Engine;
using Slim.Images;
using Slim.Images.Copy;
using Slim.Pipeline;
using Slim.Pipeline.Sensor;

namespace Slim.Cli.Commands;

/// <summary>
/// Runs a command's body and turns every failure into one line on stderr and an exit code: the one place where
/// domain errors (<see cref="ImageException"/>, <see cref="EngineException"/>) meet the user. Stack traces only with --debug.
/// </summary>
internal static class CommandFailures
{
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int EngineUnavailable = 3;
    public const int Cancelled = 130;

    public static async Task<int> RunAsync(ParseResult parse, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        var debug = parse.GetValue(SlimCommandLine.Debug);
        try
        {
            return await body(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("slim: cancelled; nothing was written").ConfigureAwait(false);
            return Cancelled;
        }
        catch (Exception e)
        {
            var (code, line) = Describe(e);
            await error.WriteLineAsync("slim: " + line).ConfigureAwait(false);
            if (debug)
            {
                await error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return code;
        }
    }

    /// <summary>The exit code and the one line for a failure.</summary>
    internal static (int Code, string Line) Describe(Exception e) => e switch
    {
        ImageException image => (image.Reason switch
        {
            ImageErrorReason.InvalidReference or ImageErrorReason.UnsupportedTransport => BadInput,
            _ => Failed,
        }, image.Message),
        EngineException engine => (engine.Reason == EngineErrorReason.Unavailable ? EngineUnavailable : Failed, engine.Message),
        FormatException => (BadInput, e.Message),
        BuildException or SensorException => (Failed, e.Message),
        UnauthorizedAccessException or IOException => (Failed, e.Message),
        _ => (Failed, $"unexpected error: {e.Message} (run with --debug for details)"),
    };
}
