using System.Text;
using Slim.Rebuild.Seccomp;

namespace Slim.Rebuild.Hardening;

/// <summary>
/// The proved settings in the forms people deploy with: docker-run.args, a Compose service fragment, a Kubernetes
/// securityContext (seccompProfile of type Localhost) and the profile as a Security Profiles Operator SeccompProfile.
/// </summary>
public static class HardeningDocuments
{
    public const string DockerRunArgsFile = "docker-run.args";
    public const string ComposeFile = "compose.yaml";
    public const string SecurityContextFile = "securityContext.yaml";
    public const string SeccompProfileFile = "seccompprofile.yaml";

    /// <summary>The namespace the SeccompProfile manifest names; the operator installs it as operator/NAMESPACE/NAME.json.</summary>
    public const string ProfileNamespace = "default";

    /// <summary>The four files by name.</summary>
    public static IReadOnlyDictionary<string, string> All(HardenedRun run, string image, SeccompProfile profile)
    {
        ArgumentNullException.ThrowIfNull(run);
        var name = YamlText.KubernetesName(image.Split('/')[^1]);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [DockerRunArgsFile] = string.Concat(run.DockerArguments().Select(a => a + "\n")),
            [ComposeFile] = Compose(run, image, name),
            [SecurityContextFile] = SecurityContext(run, name),
            [SeccompProfileFile] = SeccompProfileManifest(profile, name),
        };
    }

    public static string Compose(HardenedRun run, string image, string service)
    {
        ArgumentNullException.ThrowIfNull(run);
        var yaml = new StringBuilder();
        yaml.Append("# The settings slim proved for ").Append(image).Append(" (docker compose service fragment).\n");
        yaml.Append("services:\n");
        yaml.Append("  ").Append(service).Append(":\n");
        yaml.Append("    image: ").Append(YamlText.Quote(image)).Append('\n');
        if (run.User is not null)
        {
            yaml.Append("    user: ").Append(YamlText.Quote(run.User)).Append('\n');
        }

        if (run.ReadOnlyRootfs)
        {
            yaml.Append("    read_only: true\n");
            if (run.Tmpfs.Count > 0)
            {
                yaml.Append("    tmpfs: ").Append(YamlText.List(run.Tmpfs)).Append('\n');
            }

            if (run.Volumes.Count > 0)
            {
                // Anonymous volumes: Compose fills them from the image as docker run does.
                yaml.Append("    volumes: ").Append(YamlText.List(run.Volumes)).Append('\n');
            }
        }

        if (run.DropAllCapabilities)
        {
            yaml.Append("    cap_drop: [\"ALL\"]\n");
            if (run.AddCapabilities.Count > 0)
            {
                yaml.Append("    cap_add: ").Append(YamlText.List(run.AddCapabilities)).Append('\n');
            }
        }

        var security = new List<string>();
        if (run.SeccompProfile is not null)
        {
            security.Add("seccomp=" + run.SeccompProfile);
        }

        if (run.NoNewPrivileges)
        {
            security.Add("no-new-privileges:true");
        }

        if (security.Count > 0)
        {
            yaml.Append("    security_opt: ").Append(YamlText.List(security)).Append('\n');
        }

        return yaml.ToString();
    }

    public static string SecurityContext(HardenedRun run, string profileName)
    {
        ArgumentNullException.ThrowIfNull(run);
        var yaml = new StringBuilder();
        yaml.Append("# A container's securityContext, as slim proved it.");
        if (run.ReadOnlyRootfs && run.Tmpfs.Count > 0)
        {
            yaml.Append(" Mount an emptyDir volume at each of: ").Append(string.Join(", ", run.Tmpfs.Select(t => t.Split(':')[0]))).Append('.');
        }

        if (run.ReadOnlyRootfs && run.Volumes.Count > 0)
        {
            // An emptyDir starts empty; docker's anonymous volume started with the image's files.
            yaml.Append(" Mount an emptyDir volume filled from the image (an init container copying it) at each of: ")
                .Append(string.Join(", ", run.Volumes)).Append('.');
        }

        yaml.Append('\n');
        yaml.Append("securityContext:\n");
        if (run.User is { } user && user.Split(':') is var parts && int.TryParse(parts[0], out var uid))
        {
            yaml.Append("  runAsUser: ").Append(uid).Append('\n');
            if (parts.Length > 1 && int.TryParse(parts[1], out var gid))
            {
                yaml.Append("  runAsGroup: ").Append(gid).Append('\n');
            }

            yaml.Append("  runAsNonRoot: ").Append(uid != 0 ? "true" : "false").Append('\n');
        }

        yaml.Append("  readOnlyRootFilesystem: ").Append(run.ReadOnlyRootfs ? "true" : "false").Append('\n');
        yaml.Append("  allowPrivilegeEscalation: ").Append(run.NoNewPrivileges ? "false" : "true").Append('\n');
        if (run.DropAllCapabilities)
        {
            yaml.Append("  capabilities:\n");
            yaml.Append("    drop: [\"ALL\"]\n");
            var add = run.AddCapabilities.Concat(run.ClusterCapabilities).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (run.ClusterCapabilities.Count > 0)
            {
                yaml.Append("    # ").Append(string.Join(", ", run.ClusterCapabilities))
                    .Append(": docker passed without it (it lowers net.ipv4.ip_unprivileged_port_start to 0); a cluster's runtime may not\n");
            }

            yaml.Append("    add: ").Append(YamlText.List(add)).Append('\n');
        }

        if (run.SeccompProfile is not null)
        {
            yaml.Append("  seccompProfile:\n");
            yaml.Append("    type: Localhost\n");
            yaml.Append("    localhostProfile: ").Append(YamlText.Quote($"operator/{ProfileNamespace}/{profileName}.json")).Append('\n');
        }

        return yaml.ToString();
    }

    public static string SeccompProfileManifest(SeccompProfile profile, string name)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var yaml = new StringBuilder();
        yaml.Append("apiVersion: security-profiles-operator.x-k8s.io/v1beta1\n");
        yaml.Append("kind: SeccompProfile\n");
        yaml.Append("metadata:\n");
        yaml.Append("  name: ").Append(YamlText.Quote(name)).Append('\n');
        yaml.Append("  namespace: ").Append(YamlText.Quote(ProfileNamespace)).Append('\n');
        yaml.Append("spec:\n");
        yaml.Append("  defaultAction: ").Append(YamlText.Quote(profile.DefaultAction)).Append('\n');
        yaml.Append("  architectures: ").Append(YamlText.List(profile.Architectures)).Append('\n');
        yaml.Append("  syscalls:\n");
        foreach (var rule in profile.Syscalls)
        {
            yaml.Append("    - action: ").Append(YamlText.Quote(rule.Action)).Append('\n');
            yaml.Append("      names:\n");
            foreach (var call in rule.Names)
            {
                yaml.Append("        - ").Append(YamlText.Quote(call)).Append('\n');
            }
        }

        return yaml.ToString();
    }
}
