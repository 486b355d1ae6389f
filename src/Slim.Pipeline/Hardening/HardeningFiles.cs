using Slim.Pipeline.Report;
using Slim.Rebuild.Hardening;
using Slim.Rebuild.Seccomp;

namespace Slim.Pipeline.Hardening;

/// <summary>--hardening-out DIR: docker-run.args, compose.yaml, securityContext.yaml and seccompprofile.yaml.</summary>
internal static class HardeningFiles
{
    public static async Task<IReadOnlyList<string>> WriteAsync(string directory, HardeningReport hardening, string image, SeccompProfile profile, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(directory);
        Directory.CreateDirectory(full);
        var written = new List<string>();
        foreach (var (name, text) in HardeningDocuments.All(hardening.Run, image, profile))
        {
            var path = Path.Combine(full, name);
            await AtomicFile.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }

        return written;
    }
}
