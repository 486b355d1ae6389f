using Slim.Rebuild.Elf;

namespace Slim.Rebuild.Tests.Elf;

/// <summary>The test machine's own filesystem as an image view: a Debian host has the same layout as our base image.</summary>
internal sealed class HostFiles : IImageFiles
{
    public string? Resolve(string absolutePath)
    {
        if (!File.Exists(absolutePath))
        {
            return null;
        }

        var info = new FileInfo(absolutePath);
        return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
    }
}
