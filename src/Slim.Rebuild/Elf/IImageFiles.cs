namespace Slim.Rebuild.Elf;

/// <summary>
/// The view of an image's final filesystem that library resolution needs: whether a path exists
/// (following the image's own symlinks, never the host's) and its canonical path.
/// </summary>
public interface IImageFiles
{
    /// <summary>The path with every symlink resolved inside the image, or null when it does not exist.</summary>
    string? Resolve(string absolutePath);
}
