using System.Collections.Concurrent;
using System.Diagnostics;
using Slim.Engine;
using Slim.Images.Sources;
using Slim.Pipeline.Report;
using Slim.Pipeline.Sensor;
using Slim.Pipeline.Verify;
using Slim.Rebuild.Index;
using Slim.Rebuild.Packages;
using Slim.Rebuild.Seccomp;
using Slim.Rebuild.Selection;
using Slim.Trace;

namespace Slim.Pipeline.Stages;

/// <summary>
/// What the stages of one build hand on to each other, and what it holds that must go when the build ends (the image's
/// export, the content spool, the temporary directory), whatever happened.
/// </summary>
internal sealed class BuildContext(BuildRequest request, IContainerEngine engine, TracerBundle bundle, Action<string, string> progress) : IAsyncDisposable
{
    private HashSet<string>? _wanted;

    /// <summary>The request; resolve pins the image ID into it, repair adds paths to its rules.</summary>
    public BuildRequest Request { get; set; } = request;

    public IContainerEngine Engine { get; } = engine;

    public TracerBundle Bundle { get; } = bundle;

    /// <summary>A stage name and a detail line; nothing in the pipeline writes to the screen.</summary>
    public Action<string, string> Progress { get; } = progress;

    public Stopwatch Total { get; } = Stopwatch.StartNew();

    /// <summary>Seconds per step (the index step runs beside the sensor, hence concurrent).</summary>
    public ConcurrentDictionary<string, double> Durations { get; } = new(StringComparer.Ordinal);

    /// <summary>Files the build writes, by role (report, seccompProfile, trace).</summary>
    public Dictionary<string, string> Artifacts { get; } = new(StringComparer.Ordinal);

    // Resolve
    public EngineImage? Target { get; set; }

    /// <summary>The slim image's name in the engine; null when it is written to --output instead.</summary>
    public string? SlimName { get; set; }

    /// <summary>What <see cref="SlimName"/> named before this build, given back if the build does not finish.</summary>
    public string? PreviousSlimId { get; set; }

    /// <summary>Set once resolve has checked and remembered the slim tag: from then on a failure gives the tag back.</summary>
    public bool RestoreTagOnFailure { get; set; }

    // Index
    public IExportingImageSource? Source { get; set; }

    public DirectoryInfo? Workspace { get; set; }

    public ContentSpool? Spool { get; set; }

    public CancellationTokenSource? IndexCancellation { get; set; }

    public Task<(SourceImage Image, FileIndex Index)>? Index { get; set; }

    /// <summary>Index keys of the files the trace names, once it is in: the index pass spools their contents.</summary>
    public HashSet<string>? Wanted
    {
        get => Volatile.Read(ref _wanted);
        set => Volatile.Write(ref _wanted, value);
    }

    // Sensor and seccomp
    public SensorResult? Sensor { get; set; }

    public IReadOnlyList<string> Traced { get; set; } = [];

    public SeccompProfile? Profile { get; set; }

    public string? ProfileJson { get; set; }

    public string? SeccompPath { get; set; }

    public string? TracePath { get; set; }

    // Rebuild and write
    public SourceImage? Image { get; set; }

    public ImageTree? Tree { get; set; }

    public int TargetFiles { get; set; }

    public FileSelection? Selection { get; set; }

    public SelectionSummary? SelectionSummary { get; set; }

    /// <summary>The original's packages and what the slim image keeps of them.</summary>
    public PackageInventory? Packages { get; set; }

    public ImageSummary? Result { get; set; }

    // Verify and repair
    public VerificationResult? Verification { get; set; }

    public List<RepairRound> Repairs { get; } = [];

    public string? VerificationSkipped { get; set; }

    // Harden
    public Hardening.HardeningReport? Hardening { get; set; }

    public string? HardeningSkipped { get; set; }

    // Report
    public BuildReport? Report { get; set; }

    public SensorResult RequireSensor() => Sensor ?? throw new InvalidOperationException("the sensor stage has not run");

    public EngineImage RequireTarget() => Target ?? throw new InvalidOperationException("the resolve stage has not run");

    public void AddDuration(string step, TimeSpan elapsed) =>
        Durations.AddOrUpdate(step, elapsed.TotalSeconds, (_, sum) => sum + elapsed.TotalSeconds);

    public async ValueTask DisposeAsync()
    {
        // Stop the index build before the source (and its temporary export) goes away.
        if (IndexCancellation is not null)
        {
            await IndexCancellation.CancelAsync().ConfigureAwait(false);
            await (Index ?? Task.CompletedTask).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            IndexCancellation.Dispose();
        }

        Spool?.Dispose();
        Workspace?.Delete(recursive: true);
        if (Source is not null)
        {
            await Source.DisposeAsync().ConfigureAwait(false);
        }
    }
}
