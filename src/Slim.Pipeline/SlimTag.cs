using Slim.Images.Model;

namespace Slim.Pipeline;

/// <summary>The default name of a slim image: `myapp:1.2` becomes `myapp.slim:1.2`.</summary>
internal static class SlimTag
{
    public static string For(string target)
    {
        if (target.StartsWith("sha256:", StringComparison.Ordinal) || !ImageReference.TryParse(target, out var reference))
        {
            throw new BuildException($"cannot derive a name for the slim image from '{target}'; give one with --tag");
        }

        var text = target.Contains('@', StringComparison.Ordinal) ? target[..target.IndexOf('@', StringComparison.Ordinal)] : target;
        var slash = text.LastIndexOf('/');
        var colon = text.LastIndexOf(':');
        var (repository, tag) = colon > slash ? (text[..colon], text[(colon + 1)..]) : (text, reference.Tag ?? "latest");
        return $"{repository}.slim:{tag}";
    }
}
