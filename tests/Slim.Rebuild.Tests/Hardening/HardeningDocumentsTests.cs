using Slim.Rebuild.Hardening;
using Slim.Rebuild.Seccomp;
using YamlDotNet.RepresentationModel;

namespace Slim.Rebuild.Tests.Hardening;

/// <summary>The four --hardening-out documents, read back: the args line by line, the YAML with YamlDotNet.</summary>
public sealed class HardeningDocumentsTests
{
    private static readonly HardenedRun Run = new("/work/out/app-seccomp.json", true, ["/run", "/var/lib/nginx"], true, ["NET_BIND_SERVICE", "SETUID"], true, "65534:65534");

    private static readonly SeccompProfile Profile = new(SeccompProfile.ErrnoAction, SeccompProfile.X8664Architectures, [new SeccompRule(["read", "write", "exit_group"], SeccompProfile.AllowAction)]);

    [Fact]
    public void Docker_run_args_hold_one_setting_per_line_with_absolute_paths_and_no_image()
    {
        var args = HardeningDocuments.All(Run, "shop/app.slim:1", Profile)[HardeningDocuments.DockerRunArgsFile];

        Assert.Equal(
            ["--security-opt=seccomp=/work/out/app-seccomp.json", "--read-only", "--tmpfs=/run", "--tmpfs=/var/lib/nginx", "--cap-drop=ALL",
             "--cap-add=NET_BIND_SERVICE", "--cap-add=SETUID", "--security-opt=no-new-privileges", "--user=65534:65534"],
            args.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("docker run --rm " + string.Join(' ', Run.DockerArguments()) + " shop/app.slim:1", Run.DockerRunLine("shop/app.slim:1"));
        Assert.Equal("docker run --rm '--user=a b' img", new HardenedRun(null, false, [], false, [], false, "a b").DockerRunLine("img"));
    }

    [Fact]
    public void The_compose_fragment_is_a_service_with_the_same_settings()
    {
        var service = (YamlMappingNode)((YamlMappingNode)Load(HardeningDocuments.All(Run, "shop/app.slim:1", Profile)[HardeningDocuments.ComposeFile])["services"])["app-slim-1"];

        Assert.Equal("shop/app.slim:1", Scalar(service["image"]));
        Assert.Equal("65534:65534", Scalar(service["user"]));
        Assert.Equal("true", Scalar(service["read_only"]));
        Assert.Equal(["/run", "/var/lib/nginx"], Strings(service["tmpfs"]));
        Assert.Equal(["ALL"], Strings(service["cap_drop"]));
        Assert.Equal(["NET_BIND_SERVICE", "SETUID"], Strings(service["cap_add"]));
        Assert.Equal(["seccomp=/work/out/app-seccomp.json", "no-new-privileges:true"], Strings(service["security_opt"]));
    }

    [Fact]
    public void The_security_context_has_a_localhost_seccomp_profile_and_the_capabilities()
    {
        var context = (YamlMappingNode)Load(HardeningDocuments.All(Run, "shop/app.slim:1", Profile)[HardeningDocuments.SecurityContextFile])["securityContext"];

        Assert.Equal("65534", Scalar(context["runAsUser"]));
        Assert.Equal("65534", Scalar(context["runAsGroup"]));
        Assert.Equal("true", Scalar(context["runAsNonRoot"]));
        Assert.Equal("true", Scalar(context["readOnlyRootFilesystem"]));
        Assert.Equal("false", Scalar(context["allowPrivilegeEscalation"]));
        var capabilities = (YamlMappingNode)context["capabilities"];
        Assert.Equal(["ALL"], Strings(capabilities["drop"]));
        Assert.Equal(["NET_BIND_SERVICE", "SETUID"], Strings(capabilities["add"]));
        var seccomp = (YamlMappingNode)context["seccompProfile"];
        Assert.Equal("Localhost", Scalar(seccomp["type"]));
        Assert.Equal("operator/default/app-slim-1.json", Scalar(seccomp["localhostProfile"]));
    }

    [Fact]
    public void The_seccomp_profile_manifest_is_an_operator_resource_with_the_profiles_calls()
    {
        var manifest = Load(HardeningDocuments.All(Run, "registry.local/shop/App_Server.slim:1", Profile)[HardeningDocuments.SeccompProfileFile]);

        Assert.Equal("security-profiles-operator.x-k8s.io/v1beta1", Scalar(manifest["apiVersion"]));
        Assert.Equal("SeccompProfile", Scalar(manifest["kind"]));
        Assert.Equal("app-server-slim-1", Scalar(((YamlMappingNode)manifest["metadata"])["name"]));
        var spec = (YamlMappingNode)manifest["spec"];
        Assert.Equal("SCMP_ACT_ERRNO", Scalar(spec["defaultAction"]));
        Assert.Equal(["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"], Strings(spec["architectures"]));
        var rule = (YamlMappingNode)((YamlSequenceNode)spec["syscalls"]).Single();
        Assert.Equal("SCMP_ACT_ALLOW", Scalar(rule["action"]));
        Assert.Equal(["read", "write", "exit_group"], Strings(rule["names"]));
    }

    [Fact]
    public void A_port_capability_docker_passed_without_is_only_in_the_security_context_and_volumes_filled_from_the_image_are_mounted()
    {
        var run = new HardenedRun("/p.json", true, ["/run/app:uid=100,gid=102,mode=2775"], true, ["SETUID"], true, null)
        {
            Volumes = ["/srv/data"],
            ClusterCapabilities = ["NET_BIND_SERVICE"],
        };
        var documents = HardeningDocuments.All(run, "img", Profile);
        var service = (YamlMappingNode)((YamlMappingNode)Load(documents[HardeningDocuments.ComposeFile])["services"])["img"];
        var contextText = documents[HardeningDocuments.SecurityContextFile];
        var context = (YamlMappingNode)Load(contextText)["securityContext"];

        Assert.Equal(
            ["--security-opt=seccomp=/p.json", "--read-only", "--tmpfs=/run/app:uid=100,gid=102,mode=2775", "--volume=/srv/data", "--cap-drop=ALL",
             "--cap-add=SETUID", "--security-opt=no-new-privileges"],
            documents[HardeningDocuments.DockerRunArgsFile].Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["SETUID"], Strings(service["cap_add"]));
        Assert.Equal(["/run/app:uid=100,gid=102,mode=2775"], Strings(service["tmpfs"]));
        Assert.Equal(["/srv/data"], Strings(service["volumes"]));
        Assert.Equal(["NET_BIND_SERVICE", "SETUID"], Strings(((YamlMappingNode)context["capabilities"])["add"]));
        Assert.Contains("ip_unprivileged_port_start", contextText, StringComparison.Ordinal);
        Assert.Contains("emptyDir volume at each of: /run/app.", contextText, StringComparison.Ordinal);
        Assert.Contains("filled from the image (an init container copying it) at each of: /srv/data.", contextText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_relaxed_settings_writes_no_flags_it_did_not_prove()
    {
        var relaxed = new HardenedRun("/p.json", false, ["/run"], false, ["SETUID"], false, null);
        var documents = HardeningDocuments.All(relaxed, "img", Profile);
        var service = (YamlMappingNode)((YamlMappingNode)Load(documents[HardeningDocuments.ComposeFile])["services"])["img"];
        var context = (YamlMappingNode)Load(documents[HardeningDocuments.SecurityContextFile])["securityContext"];

        Assert.Equal(["--security-opt=seccomp=/p.json"], documents[HardeningDocuments.DockerRunArgsFile].Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(service.Children.ContainsKey("read_only"));
        Assert.False(service.Children.ContainsKey("cap_drop"));
        Assert.False(service.Children.ContainsKey("user"));
        Assert.Equal("false", Scalar(context["readOnlyRootFilesystem"]));
        Assert.Equal("true", Scalar(context["allowPrivilegeEscalation"]));
        Assert.False(context.Children.ContainsKey("capabilities"));
    }

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string? Scalar(YamlNode node) => ((YamlScalarNode)node).Value;

    private static List<string?> Strings(YamlNode node) => [.. ((YamlSequenceNode)node).Children.Select(Scalar)];
}
