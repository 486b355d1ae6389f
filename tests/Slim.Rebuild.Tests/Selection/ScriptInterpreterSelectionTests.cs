using Slim.Images.Model;
using Slim.Images.Sources;
using Slim.Images.Transports;
using Slim.Rebuild.Index;
using Slim.Rebuild.Selection;
using Slim.Testing;
using Slim.Trace;

namespace Slim.Rebuild.Tests.Selection;

/// <summary>
/// Scripts through the whole planner (it reads the kept files' first bytes from the image): a merged-/usr image with
/// /bin -> usr/bin, /usr/bin/sh -> dash, env, a node only in /usr/local/bin, and scripts of every kind under /app.
/// </summary>
public sealed class ScriptInterpreterSelectionTests : IDisposable
{
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Data = (UnixFileMode)0b110_100_100;

    private static readonly SelectionRules Rules = new() { SearchPath = ["/usr/local/bin", "/usr/bin"], IncludeCertificates = false };

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_bin_sh_script_keeps_its_interpreter_and_the_symlinks_to_it()
    {
        var paths = await PlanAsync(Trace(files: ["/app/start.sh"]));

        Assert.Equal(SelectionReason.ScriptInterpreter, paths["/usr/bin/dash"]);
        Assert.Equal(SelectionReason.Symlink, paths["/bin"]);
        Assert.Equal(SelectionReason.Symlink, paths["/usr/bin/sh"]);
        Assert.DoesNotContain("/usr/bin/env", paths.Keys);
    }

    [Fact]
    public async Task An_env_script_keeps_env_and_the_program_found_in_the_search_path()
    {
        var paths = await PlanAsync(Trace(files: ["/app/server.js"]));

        Assert.Equal(SelectionReason.ScriptInterpreter, paths["/usr/bin/env"]);
        Assert.Equal(SelectionReason.ScriptInterpreter, paths["/usr/local/bin/node"]);
        Assert.DoesNotContain("/opt/node/bin/node", paths.Keys); // not in the search path
    }

    [Fact]
    public async Task An_env_dash_S_line_is_split_like_env_splits_it()
    {
        var paths = await PlanAsync(Trace(files: ["/app/split.js"]));

        Assert.Contains("/usr/local/bin/node", paths.Keys);
    }

    [Fact]
    public async Task A_script_whose_interpreter_is_a_script_keeps_both_interpreters()
    {
        var paths = await PlanAsync(Trace(files: ["/app/outer"]));

        Assert.Equal(SelectionReason.ScriptInterpreter, paths["/app/inner"]);
        Assert.Equal(SelectionReason.ScriptInterpreter, paths["/usr/bin/dash"]);
        Assert.Contains("/usr/bin/sh", paths.Keys);
    }

    [Fact]
    public async Task A_file_without_an_execute_bit_is_not_read_for_an_interpreter()
    {
        var paths = await PlanAsync(Trace(files: ["/app/template.sh"]));

        Assert.Contains("/app/template.sh", paths.Keys);
        Assert.DoesNotContain("/usr/bin/perl", paths.Keys);
    }

    [Fact]
    public async Task The_programs_traced_processes_ran_are_kept_even_when_no_file_access_names_them()
    {
        var process = new TracedProcess(1, 0, "/usr/bin/dash", ["/bin/sh", "/app/start.sh"], ["/usr/bin/tool", "/usr/bin/dash"], 1, null);

        var paths = await PlanAsync(Trace(files: [], processes: [process]));

        Assert.Equal(SelectionReason.Traced, paths["/usr/bin/tool"]);
        Assert.Equal(SelectionReason.Traced, paths["/usr/bin/dash"]);
    }

    private async Task<IReadOnlyDictionary<string, SelectionReason>> PlanAsync(TraceReport trace)
    {
        var tar = new TestTar()
            .Directory("usr/").Directory("usr/bin/").Directory("usr/local/").Directory("usr/local/bin/").Directory("app/")
            .Directory("opt/").Directory("opt/node/").Directory("opt/node/bin/")
            .Symlink("bin", "usr/bin")
            .File("usr/bin/dash", "not really dash", Executable)
            .Symlink("usr/bin/sh", "dash")
            .File("usr/bin/env", "not really env", Executable)
            .File("usr/bin/perl", "not really perl", Executable)
            .File("usr/bin/tool", "a tool", Executable)
            .File("usr/local/bin/node", "not really node", Executable)
            .File("opt/node/bin/node", "another node", Executable)
            .File("app/start.sh", "#!/bin/sh\necho start\n", Executable)
            .File("app/server.js", "#!/usr/bin/env node\nconsole.log(1)\n", Executable)
            .File("app/split.js", "#!/usr/bin/env -S node --no-warnings\nconsole.log(1)\n", Executable)
            .File("app/inner", "#!/bin/sh\necho inner \"$@\"\n", Executable)
            .File("app/outer", "#!/app/inner\n", Executable)
            .File("app/template.sh", "#!/usr/bin/perl\n", Data);
        var archive = _dir.Write("image.tar", new TestImage().Layer(tar).ClassicArchive());
        await using var source = ImageSources.Open(ImageLocation.Parse("docker-archive:" + archive));
        var image = await source.GetImageAsync(CancellationToken.None);
        var tree = new ImageTree(await FileIndex.BuildAsync(source, image, CancellationToken.None));
        using var spool = new ContentSpool(_dir.Path);

        var selection = await SelectionPlanner.PlanAsync(source, image, tree, [trace], Rules, spool, CancellationToken.None, new ContainerConfig());
        return selection.Paths;
    }

    private static TraceReport Trace(string[] files, TracedProcess[]? processes = null) => new(
        TraceReport.CurrentVersion, TraceKind.Run, TraceMode.Seccomp, ["app"], new TracedUser("root", 0, 0, []),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, TraceCompletion.Exited, null, new FanotifyState(false, [], null),
        processes ?? [], files.Select(p => new TracedFile(p, true, p, [PathAccessKind.Exec], [])).ToList(), [], [], []);
}
