using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Slim.Pipeline.Compose;

/// <summary>
/// The node accessors of one Compose file: values with `${VAR}` filled in, host paths against the file's folder, and errors
/// of one line naming the file and the key.
/// </summary>
internal sealed class ComposeNodes(string path, string directory, Func<string, string?> environment)
{
    private readonly string _path = path;
    private readonly string _directory = directory;
    private readonly Func<string, string?> _environment = environment;

    public string HostPath(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "");
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(_directory, path));
    }

    public IEnumerable<(string Name, YamlNode Node)> Entries(YamlMappingNode root, string key)
    {
        var node = Child(root, key);
        if (node is null || IsNull(node))
        {
            return [];
        }

        return Pairs(node as YamlMappingNode ?? throw Error(key, "expected a mapping"), key);
    }

    public List<(string Name, YamlNode Node)> Pairs(YamlMappingNode map, string key) =>
        map.Children.Select(p => (p.Key is YamlScalarNode { Value: { Length: > 0 } name } ? name : throw Error(key, "expected names as keys"), p.Value)).ToList();

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    public string? OptionalString(YamlMappingNode map, string name, string key) =>
        Child(map, name) is { } node && !IsNull(node) ? Scalar(node, $"{key}.{name}") : null;

    public bool? Bool(YamlMappingNode map, string name, string key) => OptionalString(map, name, key) switch
    {
        null => null,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        var other => throw Error($"{key}.{name}", $"'{other}': expected true or false"),
    };

    public string Scalar(YamlNode node, string key)
    {
        if (node is not YamlScalarNode { Value: { } value })
        {
            throw Error(key, "expected a single value");
        }

        try
        {
            return ComposeInterpolation.Apply(value, _environment);
        }
        catch (FormatException e)
        {
            throw Error(key, e.Message);
        }
    }

    public ComposeException Error(string key, string message) =>
        new(Trace.Errors.ErrorReason.BadInput, _path, key.Length == 0 ? $"{_path}: {message}" : $"{_path}: {key}: {message}");
}
