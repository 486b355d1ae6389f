using Slim.Rebuild.Hardening;

namespace Slim.Pipeline.Hardening;

/// <summary>
/// The hardening of the slim image (DESIGN.md step 9) as proved: the plan read from the trace, the settings the slim
/// image then passed verification under (all at once), what had to be relaxed and why, and the exact docker run line.
/// </summary>
/// <param name="Plan">What the trace asked for.</param>
/// <param name="Proved">True when the slim image gave the original's answers under <paramref name="Run"/>.</param>
/// <param name="Run">The settings proved (the plan's, less what was relaxed).</param>
/// <param name="DockerRun">The exact command: <c>docker run --rm FLAGS IMAGE</c>.</param>
/// <param name="Capabilities">The capabilities added after --cap-drop ALL (empty: none; null: the engine's default set was kept).</param>
/// <param name="Relaxed">Each setting the first run under all of them showed to break the app, and what broke.</param>
/// <param name="NonRootUser">The non-root user the slim image was proved to run as; null when it needs root (or was not tried).</param>
/// <param name="Runs">How many hardened verification runs it took.</param>
/// <param name="Failures">What differed in the first run under all the settings; empty when it passed at once.</param>
public sealed record HardeningReport(
    HardeningPlan Plan,
    bool Proved,
    HardenedRun Run,
    string DockerRun,
    IReadOnlyList<string>? Capabilities,
    IReadOnlyList<string> Relaxed,
    string? NonRootUser,
    int Runs,
    IReadOnlyList<string> Failures);
