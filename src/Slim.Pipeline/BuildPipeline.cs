using System.Diagnostics;
using Slim.Engine;
using Slim.Engine.Images;
using Slim.Images.Layers;
using Slim.Images.Model;
using Slim.Images.Sinks;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Pipeline.Report;
using Slim.Pipeline.Sensor;
using Slim.Pipeline.Verify;
using Slim.Rebuild.Index;
using Slim.Rebuild.Seccomp;
using Slim.Rebuild.Selection;
using Slim.Rebuild.Writing;
using Slim.Trace;

namespace Slim.Pipeline;

/// <summary>
/// `slim build` from end to end (DESIGN.md, the pipeline): sensor run, file index, selection, the new
/// layer and image, the seccomp profile, verification and the report. Progress goes to
/// <paramref name="stage"/> (a stage name and a detail line); nothing here writes to the screen.
/// Temporary files live in one directory that is removed whatever happens.
/// </summary>
public sealed class BuildPipeline(EngineClient engine, TracerBundle bundle, Action<string, string> stage)
{
    public async Task<BuildReport> RunAsync(BuildRequest request, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var durations = new System.Collections.Concurrent.ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var artifacts = new Dictionary<string, string>(StringComparer.Ordinal);
        var target = await engine.InspectImageAsync(request.Target, cancellationToken).ConfigureAwait(false);
        var slimName = request.Output is null ? request.Tag ?? SlimTag.For(request.Target) : null;
        if (slimName is not null && await new SlimTagGuard(engine).NamesAsync(slimName, target.ID, cancellationToken).ConfigureAwait(false))
        {
            throw new BuildException($"--tag {slimName} names the original image itself; slim never replaces the original: choose another tag");
        }

        // 1. Trace the app while probes exercise it; meanwhile read the image's layers into the file
        //    index, which does not depend on the trace (two cores: the sensor mostly waits on the app).
        //    The index pass also spools the traced files' contents once the trace is in.
        // Everything after this reads the image by its ID: a tag moved meanwhile cannot mix two images.
        request = request with { Sensor = request.Sensor with { ImageId = target.ID } };
        await using var source = request.ProfileOnly ? null : new DaemonImageSource(engine, (DaemonImageLocation)ImageLocation.Parse("docker-daemon:" + target.ID), null);
        var workspace = request.ProfileOnly ? null : Directory.CreateTempSubdirectory("slim-build-");
        var spool = workspace is null ? null : new ContentSpool(workspace.FullName);
        var previous = slimName is null || request.ProfileOnly ? null : await new SlimTagGuard(engine).ImageIdAsync(slimName, cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(request, target, slimName, source, spool, workspace?.FullName, durations, artifacts, total, cancellationToken).ConfigureAwait(false);
        }
        catch when (slimName is not null && !request.ProfileOnly)
        {
            // Cancelled or failed after the slim image was loaded (during verification or repair): a build that did not
            // finish leaves no image behind, and the tag goes back to what it named before.
            await new SlimTagGuard(engine).UndoAsync(slimName, previous).ConfigureAwait(false);
            throw;
        }
        finally
        {
            spool?.Dispose();
            workspace?.Delete(recursive: true);
        }
    }

    private async Task<BuildReport> RunAsync(
        BuildRequest request,
        Docker.DotNet.Models.ImageInspectResponse target,
        string? slimName,
        DaemonImageSource? source,
        ContentSpool? spool,
        string? workspace,
        System.Collections.Concurrent.ConcurrentDictionary<string, double> durations,
        Dictionary<string, string> artifacts,
        Stopwatch total,
        CancellationToken cancellationToken)
    {
        HashSet<string>? wanted = null;
        using var indexing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var indexTask = source is null || spool is null
            ? null
            : IndexAsync(source, request.Target, spool, key => Volatile.Read(ref wanted)?.Contains(key) == true, durations, indexing.Token);
        SensorResult sensor;
        var clock = Stopwatch.StartNew();
        try
        {
            sensor = await new SensorRun(engine, bundle, d => stage("sensor", d)).RunAsync(request.Sensor, cancellationToken).ConfigureAwait(false);
            durations["sensor"] = clock.Elapsed.TotalSeconds;
            EnsureTheAppRan(request.Target, sensor);
            Volatile.Write(ref wanted, WantedKeys(sensor));
        }
        catch
        {
            // Stop the index build before the source (and its temporary export) goes away.
            await indexing.CancelAsync().ConfigureAwait(false);
            await (indexTask ?? Task.CompletedTask).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        // 2. The seccomp profile: every call the app made, plus what the runtime needs.
        IReadOnlyList<string> traced = sensor.Reports.SelectMany(r => r.Syscalls).Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList();
        var profile = SeccompProfileBuilder.FromTrace(traced);
        var profileJson = SeccompProfileJson.Serialize(profile);
        var seccompPath = Path.GetFullPath(request.SeccompOut ?? $"{SafeFileName(slimName ?? request.Target)}-seccomp.json");
        artifacts["seccompProfile"] = seccompPath;
        var tracePath = Path.Combine(Path.GetDirectoryName(seccompPath)!, $"{SafeFileName(slimName ?? request.Target)}-trace.json");
        artifacts["trace"] = tracePath;

        ImageSummary? result = null;
        SelectionSummary? selectionSummary = null;
        VerificationResult? verification = null;
        var repairs = new List<RepairRound>();
        string? verificationSkipped = request.Verify ? null : "--verify=false";
        var targetFiles = 0;
        if (source is not null && indexTask is not null && spool is not null && workspace is not null)
        {
            var (image, index) = await indexTask.ConfigureAwait(false);
            targetFiles = index.Count;
            var tree = new ImageTree(index);
            FileSelection selection;
            (result, selectionSummary, selection) = await RebuildAsync(request, sensor, source, image, tree, spool, slimName, workspace, durations, cancellationToken).ConfigureAwait(false);

            if (request.Verify && slimName is null)
            {
                verificationSkipped = $"the slim image was written to {request.Output}, not loaded into the engine, so it was not run";
                stage("verify", "skipped: " + verificationSkipped);
            }

            if (request.Verify && slimName is not null)
            {
                clock.Restart();
                verification = await new VerificationRun(engine, d => stage("verify", d))
                    .RunAsync(slimName, request.Sensor, sensor, profileJson, cancellationToken).ConfigureAwait(false);
                durations["verify"] = clock.Elapsed.TotalSeconds;

                // 3. Repair: trace the slim image under the same probes, add what it looked for and the original has, again.
                var repairTraces = new List<TraceReport>();
                for (var round = 1; !verification.Passed && round <= request.RepairRounds; round++)
                {
                    clock.Restart();
                    stage("repair", $"round {round}: tracing {slimName} under the same probes to find what it misses");
                    var slimRun = await new SensorRun(engine, bundle, d => stage("repair", d))
                        .RunAsync(request.Sensor with { Image = slimName, ImageId = result!.Id, KeepContainer = false }, cancellationToken).ConfigureAwait(false);
                    // What it looked for first; a listed directory's other entries only when that is all there is, since
                    // every interpreter lists its module folders and all of them would come in.
                    var found = RepairCandidates.Find(tree, selection.Paths, slimRun.Reports);
                    var lookedFor = found.Where(c => c.Cause == RepairCause.LookedFor).ToList();
                    var candidates = lookedFor.Count > 0 ? lookedFor : found;
                    var newCalls = slimRun.Reports.SelectMany(r => r.Syscalls).Select(c => c.Name).Distinct(StringComparer.Ordinal).Except(traced, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    repairTraces.AddRange(slimRun.Reports);
                    var previousId = result.Id;
                    var before = selection.Paths.Count;
                    if (candidates.Count > 0)
                    {
                        request = request with { Rules = request.Rules with { RepairPaths = [.. request.Rules.RepairPaths, .. candidates.Select(c => c.Path)] } };
                    }

                    if (newCalls.Count > 0)
                    {
                        traced = [.. traced, .. newCalls];
                        profile = SeccompProfileBuilder.FromTrace(traced);
                        profileJson = SeccompProfileJson.Serialize(profile);
                    }

                    var answered = verification.Failures;
                    if (candidates.Count == 0 && newCalls.Count == 0)
                    {
                        repairs.Add(new RepairRound(round, answered, 0, [], [], "nothing to add: the slim image looked for nothing the original has"));
                        durations["repair"] = durations.GetValueOrDefault("repair") + clock.Elapsed.TotalSeconds;
                        break;
                    }

                    (result, selectionSummary, selection) = await RebuildAsync(request, sensor, source, image, tree, spool, slimName, workspace, durations, cancellationToken).ConfigureAwait(false);
                    var added = selection.Paths.Count - before;
                    if (previousId != result.Id && previousId is not null)
                    {
                        // The tag moved to the repaired image: the one it replaced is slim's own leftover.
                        await engine.RemoveImageAsync(previousId, cancellationToken).ConfigureAwait(false);
                    }

                    repairs.Add(new RepairRound(
                        round,
                        answered,
                        added,
                        candidates.Take(50).Select(c => c.Via is null ? c.Path : $"{c.Path} (listed in {c.Via})").ToList(),
                        newCalls,
                        added == 0 && newCalls.Count == 0 ? "what it looked for is excluded by the rules" : null));
                    stage("repair", $"round {round}: added {added} paths{(newCalls.Count > 0 ? $" and {newCalls.Count} system calls" : "")}; verifying again");
                    durations["repair"] = durations.GetValueOrDefault("repair") + clock.Elapsed.TotalSeconds;
                    if (added == 0 && newCalls.Count == 0)
                    {
                        break;
                    }

                    clock.Restart();
                    verification = await new VerificationRun(engine, d => stage("verify", d))
                        .RunAsync(slimName, request.Sensor, sensor, profileJson, cancellationToken).ConfigureAwait(false);
                    durations["verify"] = durations.GetValueOrDefault("verify") + clock.Elapsed.TotalSeconds;
                }
            }
        }

        durations["total"] = total.Elapsed.TotalSeconds;
        var reportPath = Path.GetFullPath(request.ReportPath ?? "slim.report.json");
        artifacts["report"] = reportPath;
        var main = sensor.Reports[0];
        var report = new BuildReport
        {
            Command = request.ProfileOnly ? "profile" : "build",
            Target = new ImageSummary(request.Target, target.ID, null, target.Size, targetFiles),
            Result = result,
            Ratio = result is { Size: > 0 } ? Math.Round((double)target.Size / result.Size, 2) : null,
            Selection = selectionSummary,
            Syscalls = new SyscallSummary(traced.Count, profile.Syscalls.Sum(s => s.Names.Count), profile.Syscalls.SelectMany(s => s.Names).ToList()),
            Probes = new ProbeSummary(
                sensor.ContinueAfter.ToString(),
                sensor.Command,
                sensor.Outcome.Http,
                sensor.Outcome.Exec,
                sensor.Outcome.UnansweredPorts,
                sensor.Outcome.ExitCode,
                sensor.Reports.Sum(r => r.Processes.Count),
                sensor.Reports.Sum(r => r.Files.Count),
                main.Fanotify.Active,
                sensor.Reports.SelectMany(r => r.Errors).Select(e => e.Message).Distinct(StringComparer.Ordinal).Take(20).ToList()),
            Verification = verification,
            Repair = repairs,
            VerificationSkipped = verification is null && !request.ProfileOnly ? verificationSkipped : null,
            DurationsSeconds = new SortedDictionary<string, double>(durations, StringComparer.Ordinal),
            Artifacts = artifacts,
        };
        // The files come last, together: a cancelled or failed build leaves none of them behind.
        await WriteAtomicallyAsync(seccompPath, profileJson, cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(tracePath, TraceReportJson.ToJson(sensor.Reports[0]), cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(reportPath, System.Text.Json.JsonSerializer.Serialize(report, BuildReportJsonContext.Default.BuildReport), cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>Index keys (no leading slash) of every path the trace names, and the loader's cache: the files selection will read.</summary>
    private static HashSet<string> WantedKeys(SensorResult sensor)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { "etc/ld.so.cache" };
        foreach (var file in sensor.Reports.SelectMany(r => r.Files))
        {
            keys.Add(ImageTree.ToKey(file.Path));
            if (file.Target is { } resolved)
            {
                keys.Add(ImageTree.ToKey(resolved));
            }
        }

        return keys;
    }

    private async Task<(SourceImage Image, FileIndex Index)> IndexAsync(
        DaemonImageSource source, string target, ContentSpool spool, Func<string, bool> wanted,
        System.Collections.Concurrent.ConcurrentDictionary<string, double> durations, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var clock = Stopwatch.StartNew();
        stage("index", $"reading the layers of {target}");
        // Indexed as the engine exports it: the export's time and the index's overlap instead of adding up.
        var (image, streamed) = await source.ReadWhileExportingAsync(
            (export, file, token) => DockerSaveIndexer.BuildAsync(export, spool, wanted, source.Description, file, token), cancellationToken).ConfigureAwait(false);
        // Compressed layers (the containerd image store exports them so): index the landed archive, which unpacks them.
        var index = streamed ?? await FileIndex.BuildAsync(source, image, cancellationToken).ConfigureAwait(false);
        durations["index"] = clock.Elapsed.TotalSeconds;

        return (image, index);
    }

    private async Task<(ImageSummary Result, SelectionSummary Summary, FileSelection Selection)> RebuildAsync(
        BuildRequest request, SensorResult sensor, DaemonImageSource source, SourceImage image, ImageTree tree, ContentSpool spool,
        string? slimName, string temporary, System.Collections.Concurrent.ConcurrentDictionary<string, double> durations, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        stage("select", $"choosing from {tree.Index.Count} paths");
        var rules = WithImageEnvironment(request.Rules, image.Config.Config);
        var config = request.ConfigChanges.Apply(image.Config.Config);
        var selection = await SelectionPlanner.PlanAsync(source, image, tree, sensor.Reports, rules, spool, cancellationToken, config).ConfigureAwait(false);
        durations.AddOrUpdate("select", clock.Elapsed.TotalSeconds, (_, sum) => sum + clock.Elapsed.TotalSeconds);

        clock.Restart();
        stage("write", $"writing {selection.Paths.Count} paths as one layer");
        ImageLocation destination = request.Output is { } output ? ImageLocation.Parse(output) : ImageLocation.Parse("docker-daemon:" + slimName);
        await using var sink = destination is DaemonImageLocation daemon ? new DaemonImageSink(engine, daemon) : ImageSinks.Open(destination);
        var layerPath = Path.Combine(temporary, "layer.tar");
        WrittenLayer layer;
        await using (var file = new FileStream(layerPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            var compression = sink.RequiresUncompressedLayers ? LayerCompression.None : LayerCompression.Gzip;
            layer = await SlimLayerBuilder.WriteAsync(source, image, tree, selection, spool, file, compression, cancellationToken).ConfigureAwait(false);
        }

        var name = destination switch
        {
            DaemonImageLocation d => d.Reference,
            _ => null,
        };
        stage("write", $"{(destination is DaemonImageLocation ? "loading" : "writing")} {layer.UncompressedSize / 1048576.0:0.0} MiB into {destination}");
        var slim = await SlimImageWriter.WriteAsync(
            image, config, layer, () => new FileStream(layerPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous),
            sink, name, cancellationToken).ConfigureAwait(false);
        durations.AddOrUpdate("write", clock.Elapsed.TotalSeconds, (_, sum) => sum + clock.Elapsed.TotalSeconds);

        var size = slim.UncompressedBytes;
        if (slimName is not null)
        {
            size = (await engine.InspectImageAsync(slimName, cancellationToken).ConfigureAwait(false)).Size;
        }

        var result = new ImageSummary(slimName ?? request.Output!, slim.ConfigDigest.ToString(), slim.ManifestDigest.ToString(), size, slim.Entries);
        var tracedBytes = selection.Paths
            .Where(p => p.Value == SelectionReason.Traced)
            .Select(p => tree.Entry(p.Key))
            .Where(f => f is { Kind: LayerEntryKind.File or LayerEntryKind.Hardlink })
            .DistinctBy(f => (f!.ContentLayer, f.ContentPath))
            .Sum(f => f!.Size);
        var summary = new SelectionSummary(
            selection.Paths.Count,
            tracedBytes,
            selection.Paths.GroupBy(p => p.Value.ToString().ToLowerInvariant()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            selection.Excluded,
            selection.CutDirectories,
            rules.ListedDirectories.ToString().ToLowerInvariant());
        return (result, summary, selection);
    }

    /// <summary>The image's PATH and LD_LIBRARY_PATH steer executable lookup and library resolution.</summary>
    private static SelectionRules WithImageEnvironment(SelectionRules rules, ContainerConfig? config)
    {
        string? Get(string name) => config?.Env?.FirstOrDefault(e => e.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];
        var path = Get("PATH");
        var libraryPath = Get("LD_LIBRARY_PATH");
        return rules with
        {
            SearchPath = path is null ? rules.SearchPath : path.Split(':', StringSplitOptions.RemoveEmptyEntries),
            LibraryPath = libraryPath is null ? rules.LibraryPath : libraryPath.Split(':', StringSplitOptions.RemoveEmptyEntries),
        };
    }

    /// <summary>A slim image built from a run where the app never came up would be built on nothing: refuse.</summary>
    private static void EnsureTheAppRan(string target, SensorResult sensor)
    {
        var outcome = sensor.Outcome;
        if (sensor.ContinueAfter.Kind == ContinueAfterKind.Probe && outcome.Http.Count == 0 && outcome.UnansweredPorts.Count > 0)
        {
            var lastLine = (outcome.Stderr + "\n" + outcome.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => !l.StartsWith("slim-tracer", StringComparison.Ordinal));
            throw new BuildException($"{target} never answered on {string.Join(", ", outcome.UnansweredPorts)} (app exit code {outcome.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none: still running"}){(lastLine is null ? "" : $"; its last words: {lastLine}")}");
        }

        if (sensor.Reports[0].Processes.Count == 0)
        {
            throw new BuildException($"the tracer saw no process start in {target}; see the container log with --keep-sensor");
        }
    }

    private static string SafeFileName(string reference)
    {
        var name = reference.Split('/')[^1];
        return string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-'));
    }

    /// <summary>Writes to a temporary file beside the target, then renames: no half-written artifact on Ctrl-C.</summary>
    private static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await File.WriteAllTextAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
