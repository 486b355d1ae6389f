using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Slim.Pipeline.Compose;

/// <summary>
/// Reads a Compose file (YamlDotNet's node model) into a <see cref="ComposeFile"/>: the service keys slim uses, in each form the
/// Compose specification allows, with `${VAR}` interpolation from the environment. Unknown keys are ignored. Anything it cannot
/// use is a <see cref="ComposeException"/> of one line naming the file and the key (`compose.yaml: services.web.ports[0]: …`).
/// </summary>
public sealed class ComposeFileReader
{
    private readonly string _path;
    private readonly string _directory;
    private readonly Func<string, string?> _environment;
    private readonly ComposeNodes _nodes;
    private readonly ComposeAttachments _attachments;

    private ComposeFileReader(string path, string directory, Func<string, string?> environment)
    {
        _path = path;
        _directory = directory;
        _environment = environment;
        _nodes = new ComposeNodes(path, directory, environment);
        _attachments = new ComposeAttachments(_nodes);
    }

    /// <summary>Reads the file; variables come from <paramref name="environment"/> (null: this process's environment).</summary>
    public static ComposeFile Read(string path, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ComposeException(e is FileNotFoundException or DirectoryNotFoundException ? $"--compose-file {path}: no such file" : $"--compose-file {path}: {e.Message}", e);
        }

        return Parse(text, path, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!, environment ?? Environment.GetEnvironmentVariable);
    }

    /// <summary>Reads a file's text; relative paths in it start at <paramref name="directory"/>.</summary>
    public static ComposeFile Parse(string text, string path, string directory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        var reader = new ComposeFileReader(path, directory, environment);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var message = (e.InnerException?.Message ?? e.Message).Split('\n')[0].Trim();
            throw new ComposeException($"{path}: line {e.Start.Line}: not valid YAML: {message}", e);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw reader._nodes.Error("", "expected a mapping with services:");
        }

        return reader.ReadFile(root);
    }

    private ComposeFile ReadFile(YamlMappingNode root)
    {
        var networks = new Dictionary<string, ComposeNetwork>(StringComparer.Ordinal);
        foreach (var (name, node) in _nodes.Entries(root, "networks"))
        {
            networks[name] = new ComposeNetwork(name, _attachments.External(node, "networks." + name));
        }

        networks.TryAdd(ComposeFile.DefaultNetwork, new ComposeNetwork(ComposeFile.DefaultNetwork, null));
        var volumes = new Dictionary<string, ComposeNamedVolume>(StringComparer.Ordinal);
        foreach (var (name, node) in _nodes.Entries(root, "volumes"))
        {
            volumes[name] = new ComposeNamedVolume(name, _attachments.External(node, "volumes." + name));
        }

        if (ComposeNodes.Child(root, "services") is not YamlMappingNode servicesNode || servicesNode.Children.Count == 0)
        {
            throw _nodes.Error("services", "expected a mapping of one or more services");
        }

        var services = new Dictionary<string, ComposeService>(StringComparer.Ordinal);
        foreach (var (name, node) in _nodes.Entries(root, "services"))
        {
            services[name] = ReadService(name, node as YamlMappingNode ?? throw _nodes.Error("services." + name, "expected a mapping"), networks, volumes);
        }

        foreach (var service in services.Values)
        {
            for (var i = 0; i < service.DependsOn.Count; i++)
            {
                if (!services.ContainsKey(service.DependsOn[i].Service))
                {
                    throw _nodes.Error($"services.{service.Name}.depends_on", $"no service '{service.DependsOn[i].Service}' in the file");
                }
            }
        }

        return new ComposeFile(_path, _directory, services, networks, volumes);
    }

    private ComposeService ReadService(string name, YamlMappingNode node, Dictionary<string, ComposeNetwork> networks, Dictionary<string, ComposeNamedVolume> volumes)
    {
        var key = "services." + name;
        var environment = new List<string>();
        environment.AddRange(EnvFiles(node, key + ".env_file"));
        environment.AddRange(EnvironmentEntries(node, key + ".environment"));
        return new ComposeService
        {
            Name = name,
            Image = _nodes.OptionalString(node, "image", key),
            HasBuild = ComposeNodes.Child(node, "build") is { } build && !ComposeNodes.IsNull(build),
            Environment = environment,
            Command = Words(node, "command", key),
            Entrypoint = Words(node, "entrypoint", key),
            DependsOn = DependsOn(node, key + ".depends_on"),
            Healthcheck = Healthcheck(node, key + ".healthcheck"),
            Ports = _attachments.Ports(node, key + ".ports"),
            Volumes = _attachments.Volumes(node, key + ".volumes", volumes),
            Networks = _attachments.ServiceNetworks(node, key + ".networks", networks),
        };
    }

    private List<string> EnvironmentEntries(YamlMappingNode service, string key)
    {
        var entries = new List<string>();
        switch (ComposeNodes.Child(service, "environment"))
        {
            case null:
                break;
            case YamlMappingNode map:
                foreach (var (name, value) in _nodes.Pairs(map, key))
                {
                    var resolved = ComposeNodes.IsNull(value) ? _environment(name) : _nodes.Scalar(value, $"{key}.{name}");
                    if (resolved is not null)
                    {
                        entries.Add($"{name}={resolved}");
                    }
                }

                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    var entry = _nodes.Scalar(list.Children[i], $"{key}[{i}]");
                    if (entry.Contains('=', StringComparison.Ordinal))
                    {
                        entries.Add(entry);
                    }
                    else if (_environment(entry) is { } fromHost)
                    {
                        entries.Add($"{entry}={fromHost}");
                    }
                }

                break;
            case var other when ComposeNodes.IsNull(other):
                break;
            default:
                throw _nodes.Error(key, "expected a mapping (NAME: value) or a list (NAME=value)");
        }

        return entries;
    }

    private List<string> EnvFiles(YamlMappingNode service, string key)
    {
        var entries = new List<string>();
        var node = ComposeNodes.Child(service, "env_file");
        var files = node switch
        {
            null => [],
            YamlScalarNode when !ComposeNodes.IsNull(node) => [(node, $"{key}")],
            YamlSequenceNode list => list.Children.Select((n, i) => (n, $"{key}[{i}]")).ToList(),
            _ when ComposeNodes.IsNull(node) => [],
            _ => throw _nodes.Error(key, "expected a file or a list of files"),
        };
        foreach (var (entry, entryKey) in files)
        {
            var (path, required) = entry is YamlMappingNode map
                ? (_nodes.OptionalString(map, "path", entryKey) ?? throw _nodes.Error(entryKey, "expected path:"), _nodes.Bool(map, "required", entryKey) ?? true)
                : (_nodes.Scalar(entry, entryKey), true);
            var full = _nodes.HostPath(path);
            if (!File.Exists(full))
            {
                if (required)
                {
                    throw _nodes.Error(entryKey, $"{path}: no such file");
                }

                continue;
            }

            foreach (var raw in File.ReadAllLines(full))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                line = line.StartsWith("export ", StringComparison.Ordinal) ? line[7..].TrimStart() : line;
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals < 0)
                {
                    if (_environment(line) is { } fromHost)
                    {
                        entries.Add($"{line}={fromHost}");
                    }

                    continue;
                }

                var value = line[(equals + 1)..];
                if (value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'')
                {
                    value = value[1..^1];
                }

                entries.Add($"{line[..equals].TrimEnd()}={value}");
            }
        }

        return entries;
    }

    private IReadOnlyList<string>? Words(YamlMappingNode service, string name, string key)
    {
        var node = ComposeNodes.Child(service, name);
        key += "." + name;
        return node switch
        {
            null => null,
            _ when ComposeNodes.IsNull(node) => null,
            YamlScalarNode => Split(_nodes.Scalar(node, key), key),
            YamlSequenceNode list => list.Children.Select((n, i) => _nodes.Scalar(n, $"{key}[{i}]")).ToList(),
            _ => throw _nodes.Error(key, "expected a string or a list of strings"),
        };
    }

    private IReadOnlyList<string> Split(string text, string key)
    {
        try
        {
            return ComposeWords.Split(text);
        }
        catch (FormatException e)
        {
            throw _nodes.Error(key, e.Message);
        }
    }

    private List<ComposeDependency> DependsOn(YamlMappingNode service, string key)
    {
        var dependencies = new List<ComposeDependency>();
        switch (ComposeNodes.Child(service, "depends_on"))
        {
            case null:
                break;
            case var none when ComposeNodes.IsNull(none):
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    dependencies.Add(new ComposeDependency(_nodes.Scalar(list.Children[i], $"{key}[{i}]"), DependencyCondition.Started));
                }

                break;
            case YamlMappingNode map:
                foreach (var (name, value) in _nodes.Pairs(map, key))
                {
                    var condition = value is YamlMappingNode settings ? _nodes.OptionalString(settings, "condition", $"{key}.{name}") : null;
                    dependencies.Add(new ComposeDependency(name, condition switch
                    {
                        null or "service_started" => DependencyCondition.Started,
                        "service_healthy" => DependencyCondition.Healthy,
                        "service_completed_successfully" => DependencyCondition.CompletedSuccessfully,
                        _ => throw _nodes.Error($"{key}.{name}.condition", $"'{condition}': expected service_started, service_healthy or service_completed_successfully"),
                    }));
                }

                break;
            default:
                throw _nodes.Error(key, "expected a list of services or a mapping of service: {condition: …}");
        }

        return dependencies;
    }

    private ComposeHealthcheck? Healthcheck(YamlMappingNode service, string key)
    {
        var node = ComposeNodes.Child(service, "healthcheck");
        if (node is null || ComposeNodes.IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            throw _nodes.Error(key, "expected a mapping (test, interval, timeout, retries, start_period)");
        }

        if (_nodes.Bool(map, "disable", key) == true)
        {
            return new ComposeHealthcheck(["NONE"]);
        }

        IReadOnlyList<string> test = ComposeNodes.Child(map, "test") switch
        {
            null => [], // the image's own test, with these timings
            YamlScalarNode scalar when ComposeNodes.IsNull(scalar) => [],
            YamlScalarNode scalar => ["CMD-SHELL", _nodes.Scalar(scalar, key + ".test")],
            YamlSequenceNode list => list.Children.Select((n, i) => _nodes.Scalar(n, $"{key}.test[{i}]")).ToList(),
            _ => throw _nodes.Error(key + ".test", "expected a string or a list"),
        };
        if (test.Count > 0)
        {
            test = test[0] switch
            {
                "NONE" => ["NONE"],
                "CMD" when test.Count > 1 => test,
                "CMD-SHELL" when test.Count > 1 => ["CMD-SHELL", string.Join(' ', test.Skip(1))],
                _ => throw _nodes.Error(key + ".test", "expected [\"CMD\", args…], [\"CMD-SHELL\", command], [\"NONE\"] or a shell command"),
            };
        }

        var retries = _nodes.OptionalString(map, "retries", key);
        return new ComposeHealthcheck(test)
        {
            Interval = Duration(map, "interval", key),
            Timeout = Duration(map, "timeout", key),
            StartPeriod = Duration(map, "start_period", key),
            Retries = retries is null ? 0 : int.TryParse(retries, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : throw _nodes.Error(key + ".retries", $"'{retries}': expected a whole number"),
        };
    }

    private TimeSpan Duration(YamlMappingNode map, string name, string key)
    {
        var text = _nodes.OptionalString(map, name, key);
        return text is null ? TimeSpan.Zero : ComposeDuration.TryParse(text) ?? throw _nodes.Error($"{key}.{name}", $"'{text}': expected a duration like 30s or 1m30s");
    }
}
