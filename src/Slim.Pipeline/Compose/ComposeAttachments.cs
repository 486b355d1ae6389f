using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Slim.Pipeline.Compose;

/// <summary>What a Compose service is attached to: its published ports, its volumes and its networks, in each form the file allows.</summary>
internal sealed class ComposeAttachments(ComposeNodes nodes)
{
    private readonly ComposeNodes _nodes = nodes;

    public List<string> Ports(YamlMappingNode service, string key)
    {
        var ports = new List<string>();
        if (ComposeNodes.Child(service, "ports") is not { } node || ComposeNodes.IsNull(node))
        {
            return ports;
        }

        var list = node as YamlSequenceNode ?? throw _nodes.Error(key, "expected a list");
        for (var i = 0; i < list.Children.Count; i++)
        {
            var entryKey = $"{key}[{i}]";
            if (list.Children[i] is YamlMappingNode map)
            {
                var target = _nodes.OptionalString(map, "target", entryKey) ?? throw _nodes.Error(entryKey, "expected target:");
                ports.AddRange(PortRange(target, _nodes.OptionalString(map, "protocol", entryKey) ?? "tcp", entryKey));
                continue;
            }

            var text = _nodes.Scalar(list.Children[i], entryKey);
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
            throw _nodes.Error(key, $"'{text}/{protocol}': expected a container port (80, 8080:80, 127.0.0.1:8080:80/tcp, 8000-8005)");
        }

        return Enumerable.Range(from, to - from + 1).Select(p => $"{p.ToString(CultureInfo.InvariantCulture)}/{protocol}").ToList();
    }

    public List<ComposeVolume> Volumes(YamlMappingNode service, string key, Dictionary<string, ComposeNamedVolume> declared)
    {
        var volumes = new List<ComposeVolume>();
        if (ComposeNodes.Child(service, "volumes") is not { } node || ComposeNodes.IsNull(node))
        {
            return volumes;
        }

        var list = node as YamlSequenceNode ?? throw _nodes.Error(key, "expected a list");
        for (var i = 0; i < list.Children.Count; i++)
        {
            var entryKey = $"{key}[{i}]";
            ComposeVolume volume;
            if (list.Children[i] is YamlMappingNode map)
            {
                var type = _nodes.OptionalString(map, "type", entryKey) ?? "volume";
                var source = _nodes.OptionalString(map, "source", entryKey);
                var target = _nodes.OptionalString(map, "target", entryKey) ?? throw _nodes.Error(entryKey, "expected target:");
                var readOnly = _nodes.Bool(map, "read_only", entryKey) ?? false;
                volume = type switch
                {
                    "bind" => new ComposeVolume(ComposeVolumeKind.Bind, _nodes.HostPath(source ?? throw _nodes.Error(entryKey, "a bind mount needs source:")), target, readOnly),
                    "volume" when source is null => new ComposeVolume(ComposeVolumeKind.Anonymous, null, target, readOnly),
                    "volume" => new ComposeVolume(ComposeVolumeKind.Named, source, target, readOnly),
                    "tmpfs" => new ComposeVolume(ComposeVolumeKind.Anonymous, null, target, false),
                    _ => throw _nodes.Error(entryKey + ".type", $"'{type}': expected volume, bind or tmpfs"),
                };
            }
            else
            {
                var text = _nodes.Scalar(list.Children[i], entryKey);
                var parts = text.Split(':');
                if (parts.Length > 3 || parts.Any(p => p.Length == 0))
                {
                    throw _nodes.Error(entryKey, $"'{text}': expected PATH, SOURCE:PATH or SOURCE:PATH:MODE");
                }

                var readOnly = parts.Length == 3 && parts[2].Split(',').Contains("ro", StringComparer.Ordinal);
                volume = parts.Length == 1
                    ? new ComposeVolume(ComposeVolumeKind.Anonymous, null, parts[0], false)
                    : parts[0][0] is '/' or '.' or '~'
                        ? new ComposeVolume(ComposeVolumeKind.Bind, _nodes.HostPath(parts[0]), parts[1], readOnly)
                        : new ComposeVolume(ComposeVolumeKind.Named, parts[0], parts[1], readOnly);
            }

            if (!volume.Target.StartsWith('/'))
            {
                throw _nodes.Error(entryKey, $"'{volume.Target}': the path in the container must be absolute");
            }

            if (volume.Kind == ComposeVolumeKind.Named && !declared.ContainsKey(volume.Source!))
            {
                throw _nodes.Error(entryKey, $"volume '{volume.Source}' is not declared in the top-level volumes:");
            }

            volumes.Add(volume);
        }

        return volumes;
    }

    public List<ComposeServiceNetwork> ServiceNetworks(YamlMappingNode service, string key, Dictionary<string, ComposeNetwork> declared)
    {
        var networks = new List<ComposeServiceNetwork>();
        switch (ComposeNodes.Child(service, "networks"))
        {
            case null:
                break;
            case var none when ComposeNodes.IsNull(none):
                break;
            case YamlSequenceNode list:
                for (var i = 0; i < list.Children.Count; i++)
                {
                    networks.Add(new ComposeServiceNetwork(_nodes.Scalar(list.Children[i], $"{key}[{i}]"), []));
                }

                break;
            case YamlMappingNode map:
                foreach (var (name, value) in _nodes.Pairs(map, key))
                {
                    var aliases = value is YamlMappingNode settings && ComposeNodes.Child(settings, "aliases") is { } aliasNode && !ComposeNodes.IsNull(aliasNode)
                        ? (aliasNode as YamlSequenceNode ?? throw _nodes.Error($"{key}.{name}.aliases", "expected a list")).Children.Select((n, i) => _nodes.Scalar(n, $"{key}.{name}.aliases[{i}]")).ToList()
                        : [];
                    networks.Add(new ComposeServiceNetwork(name, aliases));
                }

                break;
            default:
                throw _nodes.Error(key, "expected a list of networks or a mapping of network: {aliases: […]}");
        }

        foreach (var network in networks)
        {
            if (!declared.ContainsKey(network.Name))
            {
                throw _nodes.Error(key, $"network '{network.Name}' is not declared in the top-level networks:");
            }
        }

        return networks.Count > 0 ? networks : [new ComposeServiceNetwork(ComposeFile.DefaultNetwork, [])];
    }

    /// <summary>The engine name of an external network or volume (`external: true`, with `name:` or its key); null when slim makes it.</summary>
    public string? External(YamlNode node, string key)
    {
        if (node is not YamlMappingNode map)
        {
            return ComposeNodes.IsNull(node) ? null : throw _nodes.Error(key, "expected a mapping");
        }

        return _nodes.Bool(map, "external", key) == true ? _nodes.OptionalString(map, "name", key) ?? key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..] : null;
    }
}
