using System.Collections.Concurrent;
using System.Formats.Tar;
using Slim.Engine;
using Slim.Engine.Containers;
using Slim.Images.Model;

namespace Slim.Pipeline.Tests.Engine;

/// <summary>
/// An engine in memory for the pipeline's unit tests: images it knows, containers that "run" as the test says (print,
/// exit, wait to be stopped, leave files behind), and a record of every call, so a test can assert what the pipeline asked.
/// </summary>
internal sealed class FakeContainerEngine : IContainerEngine
{
    private readonly ConcurrentDictionary<string, FakeContainer> _containers = new(StringComparer.Ordinal);
    private int _next;

    public Dictionary<string, EngineImage> Images { get; } = new(StringComparer.Ordinal);

    /// <summary>How a container created from a spec behaves; the default exits 0 at once, printing nothing.</summary>
    public Func<ContainerSpec, FakeBehaviour> Behaviour { get; set; } = _ => new FakeBehaviour();

    /// <summary>Operations ("start", "create", "copy-in") that fail with an engine error.</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>User-defined networks that exist.</summary>
    public HashSet<string> Networks { get; } = new(StringComparer.Ordinal);

    public List<(string Id, ContainerSpec Spec)> Created { get; } = [];

    public ConcurrentBag<string> Removed { get; } = [];

    public Uri Endpoint { get; } = new("unix:///fake.sock");

    public bool IsLocal => true;

    public string PublishAddress => "127.0.0.1";

    public string ProbeHost => "127.0.0.1";

    public void AddImage(string name, EngineImage image)
    {
        Images[name] = image;
        Images[image.Id] = image;
    }

    public Task<EngineImage> InspectImageAsync(string name, CancellationToken cancellationToken)
    {
        Record("inspect-image " + name);
        return Images.TryGetValue(name, out var image)
            ? Task.FromResult(image)
            : throw new EngineException(EngineErrorReason.NotFound, name, $"no image '{name}' in the engine");
    }

    public Task<Stream> ExportImageAsync(string name, CancellationToken cancellationToken)
    {
        Record("export " + name);
        throw new EngineException(EngineErrorReason.Failed, name, "the fake engine exports nothing");
    }

    public Task LoadImageAsync(Stream archive, string subject, CancellationToken cancellationToken)
    {
        Record("load " + subject);
        throw new EngineException(EngineErrorReason.Failed, subject, "the fake engine loads nothing");
    }

    public Task TagImageAsync(string id, ImageReference reference, CancellationToken cancellationToken)
    {
        Record($"tag {id} {reference}");
        return Task.CompletedTask;
    }

    public Task RemoveImageAsync(string id, CancellationToken cancellationToken)
    {
        Record("remove-image " + id);
        return Task.CompletedTask;
    }

    public Task<bool> NetworkExistsAsync(string name, CancellationToken cancellationToken)
    {
        Record("inspect-network " + name);
        return Task.FromResult(Networks.Contains(name));
    }

    public Task<string> CreateNetworkAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        Record("create-network " + name);
        return Task.FromResult(name);
    }

    public Task RemoveNetworkAsync(string name, CancellationToken cancellationToken)
    {
        Record("remove-network " + name);
        return Task.CompletedTask;
    }

    public Task CreateVolumeAsync(string name, IReadOnlyDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        Record("create-volume " + name);
        return Task.CompletedTask;
    }

    public Task RemoveVolumeAsync(string name, CancellationToken cancellationToken)
    {
        Record("remove-volume " + name);
        return Task.CompletedTask;
    }

    public Task<string> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        Fail("create", spec.Image);
        var id = "c" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lock (Created)
        {
            Created.Add((id, spec));
        }

        _containers[id] = new FakeContainer(Behaviour(spec));
        return Task.FromResult(id);
    }

    public Task CopyIntoContainerAsync(string id, string path, Stream tar, CancellationToken cancellationToken)
    {
        Fail("copy-in", id);
        Record($"copy-in {id} {path}");
        return Task.CompletedTask;
    }

    public async Task<Stream?> CopyFromContainerAsync(string id, string path, CancellationToken cancellationToken)
    {
        Record($"copy-out {id} {path}");
        var files = Container(id).Behaviour.Artifacts;
        if (files.Count == 0)
        {
            return null;
        }

        // As the engine does: the copied directory's own name first.
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var root = path.TrimEnd('/')[(path.TrimEnd('/').LastIndexOf('/') + 1)..];
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, root + "/"), cancellationToken);
            foreach (var (name, content) in files)
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, $"{root}/{name}") { DataStream = new MemoryStream(content) }, cancellationToken);
            }
        }

        tar.Position = 0;
        return tar;
    }

    public Task StartContainerAsync(string id, CancellationToken cancellationToken)
    {
        Fail("start", id);
        Record("start " + id);
        Container(id).Start();
        return Task.CompletedTask;
    }

    public Task<ContainerState> InspectContainerAsync(string id, CancellationToken cancellationToken)
    {
        var container = Container(id);
        return Task.FromResult(new ContainerState(container.Running, container.ExitCode, new Dictionary<string, int>(container.Behaviour.Ports, StringComparer.Ordinal)) { Health = container.Behaviour.Health });
    }

    public Task SignalContainerAsync(string id, string signal, CancellationToken cancellationToken)
    {
        Record($"signal {id} {signal}");
        Container(id).Stop(signal == "SIGKILL" ? 137 : 143);
        return Task.CompletedTask;
    }

    public Task<long> WaitContainerAsync(string id, CancellationToken cancellationToken) =>
        Container(id).Exited.Task.WaitAsync(cancellationToken);

    public Task<ContainerLogs> ContainerLogsAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(new ContainerLogs(CapturedOutput.Of(Container(id).Behaviour.Stdout), CapturedOutput.Empty));

    public Task<ExecResult> ExecAsync(string id, IReadOnlyList<string> command, string? user, CancellationToken cancellationToken)
    {
        Record($"exec {id} {string.Join(' ', command)}");
        return Task.FromResult(new ExecResult(command, 0, CapturedOutput.Of(Container(id).Behaviour.ExecStdout), CapturedOutput.Empty));
    }

    public Task RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        Record("remove " + id);
        Removed.Add(id);
        _containers.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    private FakeContainer Container(string id) =>
        _containers.TryGetValue(id, out var container) ? container : throw new EngineException(EngineErrorReason.NotFound, id, $"no container '{id}' in the engine");

    private void Fail(string operation, string subject)
    {
        if (Failing.Contains(operation))
        {
            throw new EngineException(EngineErrorReason.Failed, subject, $"{operation} '{subject}' failed: the fake engine was told to fail it");
        }
    }

    private void Record(string call) => Calls.Enqueue(call);

    private sealed class FakeContainer(FakeBehaviour behaviour)
    {
        public FakeBehaviour Behaviour { get; } = behaviour;

        public TaskCompletionSource<long> Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Running { get; private set; }

        public long? ExitCode { get; private set; }

        public void Start()
        {
            Running = true;
            if (Behaviour.ExitsWith is { } code)
            {
                Stop(code);
            }
        }

        public void Stop(long code)
        {
            if (!Running)
            {
                return;
            }

            Running = false;
            ExitCode = code;
            Exited.TrySetResult(code);
        }
    }
}
