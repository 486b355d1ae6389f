using Slim.Rebuild.Seccomp;

namespace Slim.Pipeline.Stages;

/// <summary>The seccomp profile: every call the app made, plus what the runtime needs; and where it and the trace will be written.</summary>
internal sealed class SeccompStage : IBuildStage
{
    public Task RunAsync(BuildContext context, CancellationToken cancellationToken)
    {
        var sensor = context.RequireSensor();
        context.Traced = sensor.Reports.SelectMany(r => r.Syscalls).Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList();
        SetProfile(context);
        var name = SafeFileName(context.SlimName ?? context.Request.Target.Text);
        var seccompPath = Path.GetFullPath(context.Request.SeccompOut ?? $"{name}-seccomp.json");
        context.SeccompPath = seccompPath;
        context.Artifacts["seccompProfile"] = seccompPath;
        context.TracePath = Path.Combine(Path.GetDirectoryName(seccompPath)!, $"{name}-trace.json");
        context.Artifacts["trace"] = context.TracePath;
        return Task.CompletedTask;
    }

    /// <summary>Builds the profile from <see cref="BuildContext.Traced"/> (again after a repair round found new calls).</summary>
    public static void SetProfile(BuildContext context)
    {
        context.Profile = SeccompProfileBuilder.FromTrace(context.Traced);
        context.ProfileJson = SeccompProfileJson.Serialize(context.Profile);
    }

    private static string SafeFileName(string reference)
    {
        var name = reference.Split('/')[^1];
        return string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-'));
    }
}
