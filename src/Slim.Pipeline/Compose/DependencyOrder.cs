namespace Slim.Pipeline.Compose;

/// <summary>
/// Which services start before the target and in what order: the target's `depends_on`, followed to the end (or the
/// `--dep-include-compose-svc` services and theirs instead), less the `--dep-exclude-compose-svc` ones, each after what it
/// depends on. A cycle, a missing service or one with no image to run is bad input.
/// </summary>
public static class DependencyOrder
{
    public static ComposeTarget For(ComposeFile file, string target, IReadOnlyList<string> include, IReadOnlyList<string> exclude)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(include);
        ArgumentNullException.ThrowIfNull(exclude);
        if (!file.Services.TryGetValue(target, out var service))
        {
            throw new ComposeException($"{file.Path}: services.{target}: no such service (the file has {string.Join(", ", file.Services.Keys)})");
        }

        foreach (var (option, names) in new[] { ("--dep-include-compose-svc", include), ("--dep-exclude-compose-svc", exclude) })
        {
            if (names.FirstOrDefault(n => !file.Services.ContainsKey(n)) is { } missing)
            {
                throw new ComposeException($"{option} {missing}: no service '{missing}' in {file.Path}");
            }
        }

        FindCycle(file);
        var skipped = new HashSet<string>(exclude, StringComparer.Ordinal) { target };
        var order = new List<ComposeService>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var roots = include.Count > 0 ? include : service.DependsOn.Select(d => d.Service);
        foreach (var root in roots)
        {
            Visit(file, root, skipped, seen, order);
        }

        if (order.FirstOrDefault(s => s.Image is null) is { } unbuilt)
        {
            throw new ComposeException($"{file.Path}: services.{unbuilt.Name}: has build: but no image: (slim does not build images; build it and name it with image:)");
        }

        return new ComposeTarget(file, service, order);
    }

    /// <summary>Post-order: every service after the ones it depends on, in the order the file lists them.</summary>
    private static void Visit(ComposeFile file, string name, HashSet<string> skipped, HashSet<string> seen, List<ComposeService> order)
    {
        if (skipped.Contains(name) || !seen.Add(name))
        {
            return;
        }

        var service = file.Services[name];
        foreach (var dependency in service.DependsOn)
        {
            Visit(file, dependency.Service, skipped, seen, order);
        }

        order.Add(service);
    }

    /// <summary>Any cycle among the services (Compose refuses such a file too), named as a path (web -> db -> web).</summary>
    private static void FindCycle(ComposeFile file)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();

        void Walk(string name)
        {
            var at = path.IndexOf(name);
            if (at >= 0)
            {
                throw new ComposeException($"{file.Path}: services.{path[^1]}.depends_on: a dependency cycle: {string.Join(" -> ", path.Skip(at).Append(name))}");
            }

            if (done.Contains(name))
            {
                return;
            }

            path.Add(name);
            foreach (var dependency in file.Services[name].DependsOn)
            {
                Walk(dependency.Service);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(name);
        }

        foreach (var name in file.Services.Keys)
        {
            Walk(name);
        }
    }
}
