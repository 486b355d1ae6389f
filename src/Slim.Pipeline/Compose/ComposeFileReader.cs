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

    private ComposeFileReader(string path, string directory, Func<string, string?> environment)
    {
        _path = path;
        _directory = directory;
        _environment = environment;
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
            throw reader.Error("", "expected a mapping with services:");
        }

        return reader.ReadFile(root);
    }

    private ComposeFile ReadFile(YamlMappingNode root)
    {
        var networks = new Dictionary<string, ComposeNetwork>(StringComparer.Ordinal);
        foreach (var (name, node) in Entries(root, "networks"))
        {
            networks[name] = new ComposeNetwork(name, External(node, "networks." + name));
        }

        networks.TryAdd(ComposeFile.DefaultNetwork, new ComposeNetwork(ComposeFile.DefaultNetwork, null));
        var volumes = new Dictionary<string, ComposeNamedVolume>(StringComparer.Ordinal);
        foreach (var (name, node) in Entries(root, "volumes"))
        {
            volumes[name] = new ComposeNamedVolume(name, External(node, "volumes." + name));
        }

        if (Child(root, "services") is not YamlMappingNode servicesNode || servicesNode.Children.Count == 0)
        {
            throw Error("services", "expected a mapping of one or more services");
        }

        var services = new Dictionary<string, ComposeService>(StringComparer.Ordinal);
        foreach (var (name, node) in Entries(root, "services"))
        {
            services[name] = ReadService(name, node as YamlMappingNode ?? throw Error("services." + name, "expected a mapping"), networks, volumes);
        }

        foreach (var service in services.Values)
        {
            for (var i = 0; i < service.DependsOn.Count; i++)
            {
                if (!services.ContainsKey(service.DependsOn[i].Service))
                {
                    throw Error($"services.{service.Name}.depends_on", $"no service '{service.DependsOn[i].Service}' in the file");
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
            Image = OptionalString(node, "image", key),
            HasBuild = Child(node, "build") is { } build && !IsNull(build),
            Environment = environment,
            Command = Words(node, "command", key),
            Entrypoint = Words(node, "entrypoint", key),
            DependsOn = DependsOn(node, key + ".depends_on"),
            Healthcheck = Healthcheck(node, key + ".healthcheck"),
            Ports = Ports(node, key + ".ports"),
            Volumes = Volumes(node, key + ".volumes", volumes),
            Networks = ServiceNetworks(node, key + ".networks", networks),
        };
    }

    private List<string> EnvironmentEntries(YamlMappingNode service, string key)
    {
        var entries = new List<string>();
        switch (Child(service, "environment"))
        {
            case null:
                break;
            case YamlMappingNode map:
                foreach (var (name, value) in Pairs(map, key))
                {
                    var resolved = IsNull(value) ? _environment(name) : Scalar(value, $"{key}.{name}");
                    if (resolved is not null)
                    {
                        entries.Add($"{name}={resolved}");
                    }
                }

                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    var entry = Scalar(list.Children[i], $"{key}[{i}]");
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
            case var other when IsNull(other):
                break;
            default:
                throw Error(key, "expected a mapping (NAME: value) or a list (NAME=value)");
        }

        return entries;
    }

    private List<string> EnvFiles(YamlMappingNode service, string key)
    {
        var entries = new List<string>();
        var node = Child(service, "env_file");
        var files = node switch
        {
            null => [],
            YamlScalarNode when !IsNull(node) => [(node, $"{key}")],
            YamlSequenceNode list => list.Children.Select((n, i) => (n, $"{key}[{i}]")).ToList(),
            _ when IsNull(node) => [],
            _ => throw Error(key, "expected a file or a list of files"),
        };
        foreach (var (entry, entryKey) in files)
        {
            var (path, required) = entry is YamlMappingNode map
                ? (OptionalString(map, "path", entryKey) ?? throw Error(entryKey, "expected path:"), Bool(map, "required", entryKey) ?? true)
                : (Scalar(entry, entryKey), true);
            var full = HostPath(path);
            if (!File.Exists(full))
            {
                if (required)
                {
                    throw Error(entryKey, $"{path}: no such file");
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
        var node = Child(service, name);
        key += "." + name;
        return node switch
        {
            null => null,
            _ when IsNull(node) => null,
            YamlScalarNode => Split(Scalar(node, key), key),
            YamlSequenceNode list => list.Children.Select((n, i) => Scalar(n, $"{key}[{i}]")).ToList(),
            _ => throw Error(key, "expected a string or a list of strings"),
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
            throw Error(key, e.Message);
        }
    }

    private List<ComposeDependency> DependsOn(YamlMappingNode service, string key)
    {
        var dependencies = new List<ComposeDependency>();
        switch (Child(service, "depends_on"))
        {
            case null:
                break;
            case var none when IsNull(none):
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    dependencies.Add(new ComposeDependency(Scalar(list.Children[i], $"{key}[{i}]"), DependencyCondition.Started));
                }

                break;
            case YamlMappingNode map:
                foreach (var (name, value) in Pairs(map, key))
                {
                    var condition = value is YamlMappingNode settings ? OptionalString(settings, "condition", $"{key}.{name}") : null;
                    dependencies.Add(new ComposeDependency(name, condition switch
                    {
                        null or "service_started" => DependencyCondition.Started,
                        "service_healthy" => DependencyCondition.Healthy,
                        "service_completed_successfully" => DependencyCondition.CompletedSuccessfully,
                        _ => throw Error($"{key}.{name}.condition", $"'{condition}': expected service_started, service_healthy or service_completed_successfully"),
                    }));
                }

                break;
            default:
                throw Error(key, "expected a list of services or a mapping of service: {condition: …}");
        }

        return dependencies;
    }

    private ComposeHealthcheck? Healthcheck(YamlMappingNode service, string key)
    {
        var node = Child(service, "healthcheck");
        if (node is null || IsNull(node))
        {
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            throw Error(key, "expected a mapping (test, interval, timeout, retries, start_period)");
        }

        if (Bool(map, "disable", key) == true)
        {
            return new ComposeHealthcheck(["NONE"]);
        }

        IReadOnlyList<string> test = Child(map, "test") switch
        {
            null => [], // the image's own test, with these timings
            YamlScalarNode scalar when IsNull(scalar) => [],
            YamlScalarNode scalar => ["CMD-SHELL", Scalar(scalar, key + ".test")],
            YamlSequenceNode list => list.Children.Select((n, i) => Scalar(n, $"{key}.test[{i}]")).ToList(),
            _ => throw Error(key + ".test", "expected a string or a list"),
        };
        if (test.Count > 0)
        {
            test = test[0] switch
            {
                "NONE" => ["NONE"],
                "CMD" when test.Count > 1 => test,
                "CMD-SHELL" when test.Count > 1 => ["CMD-SHELL", string.Join(' ', test.Skip(1))],
                _ => throw Error(key + ".test", "expected [\"CMD\", args…], [\"CMD-SHELL\", command], [\"NONE\"] or a shell command"),
            };
        }

        var retries = OptionalString(map, "retries", key);
        return new ComposeHealthcheck(test)
        {
            Interval = Duration(map, "interval", key),
            Timeout = Duration(map, "timeout", key),
            StartPeriod = Duration(map, "start_period", key),
            Retries = retries is null ? 0 : int.TryParse(retries, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : throw Error(key + ".retries", $"'{retries}': expected a whole number"),
        };
    }

    private TimeSpan Duration(YamlMappingNode map, string name, string key)
    {
        var text = OptionalString(map, name, key);
        return text is null ? TimeSpan.Zero : ComposeDuration.TryParse(text) ?? throw Error($"{key}.{name}", $"'{text}': expected a duration like 30s or 1m30s");
    }

    private List<string> Ports(YamlMappingNode service, string key)
    {
        var ports = new List<string>();
        if (Child(service, "ports") is not { } node || IsNull(node))
        {
            return ports;
        }

        var list = node as YamlSequenceNode ?? throw Error(key, "expected a list");
        for (var i = 0; i < list.Children.Count; i++)
        {
            var entryKey = $"{key}[{i}]";
            if (list.Children[i] is YamlMappingNode map)
            {
                var target = OptionalString(map, "target", entryKey) ?? throw Error(entryKey, "expected target:");
                ports.AddRange(PortRange(target, OptionalString(map, "protocol", entryKey) ?? "tcp", entryKey));
                continue;
            }

            var text = Scalar(list.Children[i], entryKey);
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            var protocol = slash < 0 ? "tcp" : text[(slash + 1)..];
            var address = slash < 0 ? text : text[..slash];
            ports.AddRange(PortRange(address[(address.LastIndexOf(':') + 1)..], protocol, entryKey));
        }

        return ports;
    }

    private List<string> PortRange(string text, string protocol, string key)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var (first, last) = dash < 0 ? (text, text) : (text[..dash], text[(dash + 1)..]);
        if (!ushort.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from) || !ushort.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            || from == 0 || to < from || to - from > 1000 || protocol is not ("tcp" or "udp" or "sctp"))
        {
            throw Error(key, $"'{text}/{protocol}': expected a container port (80, 8080:80, 127.0.0.1:8080:80/tcp, 8000-8005)");
        }

        return Enumerable.Range(from, to - from + 1).Select(p => $"{p.ToString(CultureInfo.InvariantCulture)}/{protocol}").ToList();
    }

    private List<ComposeVolume> Volumes(YamlMappingNode service, string key, Dictionary<string, ComposeNamedVolume> declared)
    {
        var volumes = new List<ComposeVolume>();
        if (Child(service, "volumes") is not { } node || IsNull(node))
        {
            return volumes;
        }

        var list = node as YamlSequenceNode ?? throw Error(key, "expected a list");
        for (var i = 0; i < list.Children.Count; i++)
        {
            var entryKey = $"{key}[{i}]";
            ComposeVolume volume;
            if (list.Children[i] is YamlMappingNode map)
            {
                var type = OptionalString(map, "type", entryKey) ?? "volume";
                var source = OptionalString(map, "source", entryKey);
                var target = OptionalString(map, "target", entryKey) ?? throw Error(entryKey, "expected target:");
                var readOnly = Bool(map, "read_only", entryKey) ?? false;
                volume = type switch
                {
                    "bind" => new ComposeVolume(ComposeVolumeKind.Bind, HostPath(source ?? throw Error(entryKey, "a bind mount needs source:")), target, readOnly),
                    "volume" when source is null => new ComposeVolume(ComposeVolumeKind.Anonymous, null, target, readOnly),
                    "volume" => new ComposeVolume(ComposeVolumeKind.Named, source, target, readOnly),
                    "tmpfs" => new ComposeVolume(ComposeVolumeKind.Anonymous, null, target, false),
                    _ => throw Error(entryKey + ".type", $"'{type}': expected volume, bind or tmpfs"),
                };
            }
            else
            {
                var text = Scalar(list.Children[i], entryKey);
                var parts = text.Split(':');
                if (parts.Length > 3 || parts.Any(p => p.Length == 0))
                {
                    throw Error(entryKey, $"'{text}': expected PATH, SOURCE:PATH or SOURCE:PATH:MODE");
                }

                var readOnly = parts.Length == 3 && parts[2].Split(',').Contains("ro", StringComparer.Ordinal);
                volume = parts.Length == 1
                    ? new ComposeVolume(ComposeVolumeKind.Anonymous, null, parts[0], false)
                    : parts[0][0] is '/' or '.' or '~'
                        ? new ComposeVolume(ComposeVolumeKind.Bind, HostPath(parts[0]), parts[1], readOnly)
                        : new ComposeVolume(ComposeVolumeKind.Named, parts[0], parts[1], readOnly);
            }

            if (!volume.Target.StartsWith('/'))
            {
                throw Error(entryKey, $"'{volume.Target}': the path in the container must be absolute");
            }

            if (volume.Kind == ComposeVolumeKind.Named && !declared.ContainsKey(volume.Source!))
            {
                throw Error(entryKey, $"volume '{volume.Source}' is not declared in the top-level volumes:");
            }

            volumes.Add(volume);
        }

        return volumes;
    }

    private List<ComposeServiceNetwork> ServiceNetworks(YamlMappingNode service, string key, Dictionary<string, ComposeNetwork> declared)
    {
        var networks = new List<ComposeServiceNetwork>();
        switch (Child(service, "networks"))
        {
            case null:
                break;
            case var none when IsNull(none):
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    networks.Add(new ComposeServiceNetwork(Scalar(list.Children[i], $"{key}[{i}]"), []));
                }

                break;
            case YamlMappingNode map:
                foreach (var (name, value) in Pairs(map, key))
                {
                    var aliases = value is YamlMappingNode settings && Child(settings, "aliases") is { } aliasNode && !IsNull(aliasNode)
                        ? (aliasNode as YamlSequenceNode ?? throw Error($"{key}.{name}.aliases", "expected a list")).Children.Select((n, i) => Scalar(n, $"{key}.{name}.aliases[{i}]")).ToList()
                        : [];
                    networks.Add(new ComposeServiceNetwork(name, aliases));
                }

                break;
            default:
                throw Error(key, "expected a list of networks or a mapping of network: {aliases: […]}");
        }

        foreach (var network in networks)
        {
            if (!declared.ContainsKey(network.Name))
            {
                throw Error(key, $"network '{network.Name}' is not declared in the top-level networks:");
            }
        }

        return networks.Count > 0 ? networks : [new ComposeServiceNetwork(ComposeFile.DefaultNetwork, [])];
    }

    /// <summary>The engine name of an external network or volume (`external: true`, with `name:` or its key); null when slim makes it.</summary>
    private string? External(YamlNode node, string key)
    {
        if (node is not YamlMappingNode map)
        {
            return IsNull(node) ? null : throw Error(key, "expected a mapping");
        }

        return Bool(map, "external", key) == true ? OptionalString(map, "name", key) ?? key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..] : null;
    }

    private string HostPath(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : "");
        }

        return System.IO.Path.GetFullPath(System.IO.Path.Combine(_directory, path));
    }

    private IEnumerable<(string Name, YamlNode Node)> Entries(YamlMappingNode root, string key)
    {
        var node = Child(root, key);
        if (node is null || IsNull(node))
        {
            return [];
        }

        return Pairs(node as YamlMappingNode ?? throw Error(key, "expected a mapping"), key);
    }

    private List<(string Name, YamlNode Node)> Pairs(YamlMappingNode map, string key) =>
        map.Children.Select(p => (p.Key is YamlScalarNode { Value: { Length: > 0 } name } ? name : throw Error(key, "expected names as keys"), p.Value)).ToList();

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    private string? OptionalString(YamlMappingNode map, string name, string key) =>
        Child(map, name) is { } node && !IsNull(node) ? Scalar(node, $"{key}.{name}") : null;

    private bool? Bool(YamlMappingNode map, string name, string key) => OptionalString(map, name, key) switch
    {
        null => null,
        "true" or "True" or "TRUE" => true,
        "false" or "False" or "FALSE" => false,
        var other => throw Error($"{key}.{name}", $"'{other}': expected true or false"),
    };

    private string Scalar(YamlNode node, string key)
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

    private ComposeException Error(string key, string message) =>
        new(Trace.Errors.ErrorReason.BadInput, _path, key.Length == 0 ? $"{_path}: {message}" : $"{_path}: {key}: {message}");
}
