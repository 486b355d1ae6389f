using Docker.DotNet.Models;
using Slim.Engine;

namespace Slim.Engine.Containers;

/// <summary>Runs commands inside a running container through the engine's exec API.</summary>
public static class ContainerExec
{
    public static async Task<ExecResult> RunAsync(
        EngineClient engine, string containerId, IReadOnlyList<string> command, string? user, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var created = await engine.Api.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
        {
            Cmd = command.ToList(),
            AttachStdout = true,
            AttachStderr = true,
            User = user ?? "",
        }, cancellationToken).ConfigureAwait(false);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        string stdout, stderr;
        try
        {
            using var stream = await engine.Api.Exec.StartContainerExecAsync(created.ID, new ContainerExecStartParameters(), limit.Token).ConfigureAwait(false);
            (stdout, stderr) = await stream.ReadOutputToEndAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EngineException(EngineErrorReason.Failed, containerId, $"exec `{string.Join(' ', command.TakeLast(1))}` ran longer than {timeout.TotalMinutes:0} min");
        }

        var inspect = await engine.Api.Exec.InspectContainerExecAsync(created.ID, cancellationToken).ConfigureAwait(false);
        return new ExecResult(command, inspect.ExitCode ?? -1, stdout, stderr);
    }
}
