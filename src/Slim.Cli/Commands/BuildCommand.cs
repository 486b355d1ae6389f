using System.CommandLine;
using System.Diagnostics;
using Slim.Cli.Views;
using Slim.Engine;
using Slim.Pipeline;
using Slim.Pipeline.Sensor;

namespace Slim.Cli.Commands;

/// <summary>
/// `slim build` (trace, select, rebuild, verify) and `slim profile` (trace and write the seccomp profile only):
/// the same pipeline, the same options for what they share.
/// </summary>
internal static class BuildCommand
{
    public static Command Create() => Create(profileOnly: false);

    public static Command CreateProfile() => Create(profileOnly: true);

    private static Command Create(bool profileOnly)
    {
        var options = new BuildCommandOptions();
        var command = profileOnly
            ? new Command("profile", "Trace an image's app and write a seccomp profile and a report; no image is built.")
            : new Command("build", "Make a small FROM-scratch image holding only what the app uses, plus a seccomp profile.");
        options.AddTo(command, imageOptions: !profileOnly);
        var push = new Option<string?>("--push") { Description = "Also push the slim image to docker://HOST[:PORT]/REPO[:TAG] and print its digest." };
        if (!profileOnly)
        {
            command.Options.Add(push);
        }
        command.SetAction((parse, cancellationToken) => CommandFailures.RunAsync(
            parse,
            async ct =>
            {
                var registry = RegistryCommandLine.From(parse);
                var pushTo = BuildRegistry.PushDestination(parse.GetValue(push), profileOnly ? null : parse.GetValue(options.Output));

                var target = await BuildRegistry.PullTargetAsync(options.TargetOf(parse), registry, parse.InvocationConfiguration.Error, ct).ConfigureAwait(false);
                var request = options.ToRequest(parse, profileOnly, target);
                using var signal = request.Sensor.ContinueAfter?.Kind == ContinueAfterKind.Signal ? new ProfilingSignal() : null;
                request = request with { Sensor = request.Sensor with { ProfilingSignal = signal } };
                var error = parse.InvocationConfiguration.Error;
                var clock = Stopwatch.StartNew();
                void Progress(string stage, string detail) =>
                    error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:0.0}s] {stage,-7} {detail}");

                using var engine = await EngineClient.ConnectAsync(new EngineOptions(), ct).ConfigureAwait(false);
                var pipeline = new BuildPipeline(engine, TracerBundle.Locate(), Progress);
                var report = await pipeline.RunAsync(request, ct).ConfigureAwait(false);
                BuildSummaryView.Render(report, parse.InvocationConfiguration.Output);
                if (report.Verification is { Passed: false } verification)
                {
                    await error.WriteLineAsync($"slim: {report.Result?.Reference} does not behave like {request.Target}: {verification.Failures[0]}").ConfigureAwait(false);
                    return ExitCodes.SlimImageDiffers;
                }

                if (pushTo is not null && report.Result?.Reference is { } built)
                {
                    var pushed = await BuildRegistry.PushAsync(built, pushTo, registry, ct).ConfigureAwait(false);
                    await parse.InvocationConfiguration.Output.WriteLineAsync($"pushed {pushed}").ConfigureAwait(false);
                }

                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }
}
