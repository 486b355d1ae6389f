using Slim.Testing;

namespace Slim.Build.Tests;

/// <summary>
/// How each sample is slimmed: sample-apps/NAME/slim-build.args holds extra `slim build` arguments,
/// one per line (custom probes for routes no link reaches, or a script that runs a CLI several ways). ${SAMPLE_DIR} is the
/// sample's folder, for a host command (`--host-exec`) that runs a client kept beside the sample.
/// </summary>
public static class SampleBuildArguments
{
    public static IReadOnlyList<string> For(SampleApp sample)
    {
        var file = Path.Combine(sample.Directory, "slim-build.args");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Replace("${SAMPLE_DIR}", sample.Directory, StringComparison.Ordinal)).ToList()
            : [];
    }
}
