namespace Slim.Testing;

/// <summary>The docker CLI, as an independent party that builds, runs and inspects images for tests.</summary>
public static class Docker
{
    public static Task<CommandResult> RunAsync(params string[] arguments) =>
        RunAsync(arguments, TimeSpan.FromMinutes(10));

    public static Task<CommandResult> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        UnitRun.RefuseEngine("`docker " + string.Join(' ', arguments) + "`");
        return ExternalCommand.RunAsync("docker", arguments, timeout);
    }

    public static async Task<bool> ImageExistsAsync(string reference) =>
        (await RunAsync("image", "inspect", "--format", "{{.Id}}", reference).ConfigureAwait(false)).Succeeded;

    /// <summary>Container ids (running or not) that carry every label given (<c>key</c> or <c>key=value</c>), to prove a test left nothing behind.</summary>
    public static async Task<IReadOnlyList<string>> ContainersWithLabelAsync(params string[] labels)
    {
        var result = await RunAsync(["ps", "-aq", .. labels.SelectMany(l => new[] { "--filter", $"label={l}" })]).ConfigureAwait(false);
        result.EnsureSuccess();
        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
