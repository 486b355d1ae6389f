using Slim.Pipeline.Compose;
using Slim.Testing;

namespace Slim.Pipeline.Tests.Compose;

/// <summary>Compose files read without an engine: each form of each key slim uses, and each way a file can be unusable.</summary>
public sealed class ComposeFileReaderTests : IDisposable
{
    private static readonly Dictionary<string, string> Variables = new(StringComparer.Ordinal) { ["TAG"] = "7", ["FROM_HOST"] = "host value", ["EMPTY"] = "" };
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private ComposeFile Parse(string yaml) => ComposeFileReader.Parse(yaml, "compose.yaml", _directory.Path, name => Variables.GetValueOrDefault(name));

    private ComposeException Refused(string yaml) => Assert.Throws<ComposeException>(() => Parse(yaml));

    [Fact]
    public void The_map_forms_are_read()
    {
        File.WriteAllText(Path.Combine(_directory.Path, "web.env"), "# a comment\n\nFROM_FILE=1\nQUOTED=\"a b\"\nexport EXPORTED=yes\nFROM_HOST\nOVERRIDDEN=file\n");
        var file = Parse("""
            services:
              web:
                image: "kv-web:${TAG}"
                environment:
                  PLAIN: value
                  NUMBER: 5
                  FROM_HOST:
                  UNSET_ON_HOST:
                  OVERRIDDEN: environment
                env_file: [web.env]
                command: busybox httpd -f -p "0.0.0.0:8080" -h '/srv/my www'
                entrypoint: ["/bin/sh", "-c"]
                depends_on:
                  kv: {condition: service_healthy}
                  migrate: {condition: service_completed_successfully}
                  cache: {condition: service_started}
                  queue: {}
                ports:
                  - 8080
                  - "9090:9000"
                  - "127.0.0.1:9443:443/tcp"
                  - "5353:53/udp"
                  - "7000-7002:7000-7002"
                  - target: 8443
                    published: 18443
                    protocol: tcp
                volumes:
                  - /data
                  - ./site:/srv/www:ro
                  - cache:/var/cache/web
                  - type: bind
                    source: /etc/hostname
                    target: /etc/web-host
                    read_only: true
                  - type: volume
                    source: cache
                    target: /cache2
                  - type: volume
                    target: /scratch
                  - type: tmpfs
                    target: /tmp
                networks:
                  front:
                    aliases: [www, site]
                  back:
              kv: {image: redis-kv}
              migrate: {image: migrate}
              cache: {image: cache}
              queue: {image: queue}
            networks:
              front:
              back: {}
              outside: {external: true, name: corp-net}
            volumes:
              cache:
              shared: {external: true}
            x-unknown: ignored
            """);

        var web = file.Services["web"];
        Assert.Equal("kv-web:7", web.Image);
        Assert.Equal(["FROM_FILE=1", "QUOTED=a b", "EXPORTED=yes", "FROM_HOST=host value", "OVERRIDDEN=file", "PLAIN=value", "NUMBER=5", "FROM_HOST=host value", "OVERRIDDEN=environment"], web.Environment);
        Assert.Equal(["busybox", "httpd", "-f", "-p", "0.0.0.0:8080", "-h", "/srv/my www"], web.Command);
        Assert.Equal(["/bin/sh", "-c"], web.Entrypoint);
        Assert.Equal(
            [new("kv", DependencyCondition.Healthy), new("migrate", DependencyCondition.CompletedSuccessfully), new("cache", DependencyCondition.Started), new ComposeDependency("queue", DependencyCondition.Started)],
            web.DependsOn);
        Assert.Equal(["8080/tcp", "9000/tcp", "443/tcp", "53/udp", "7000/tcp", "7001/tcp", "7002/tcp", "8443/tcp"], web.Ports);
        Assert.Equal(
            [
                new(ComposeVolumeKind.Anonymous, null, "/data", false),
                new(ComposeVolumeKind.Bind, Path.Combine(_directory.Path, "site"), "/srv/www", true),
                new(ComposeVolumeKind.Named, "cache", "/var/cache/web", false),
                new(ComposeVolumeKind.Bind, "/etc/hostname", "/etc/web-host", true),
                new(ComposeVolumeKind.Named, "cache", "/cache2", false),
                new(ComposeVolumeKind.Anonymous, null, "/scratch", false),
                new ComposeVolume(ComposeVolumeKind.Anonymous, null, "/tmp", false),
            ],
            web.Volumes);
        Assert.Equal(["front", "back"], web.Networks.Select(n => n.Name));
        Assert.Equal(["www", "site"], web.Networks[0].Aliases);
        Assert.Empty(web.Networks[1].Aliases);
        Assert.Equal([ComposeFile.DefaultNetwork], file.Services["kv"].Networks.Select(n => n.Name));
        Assert.Null(file.Services["kv"].Command);
        Assert.Null(file.Services["kv"].Healthcheck);
        Assert.Equal("corp-net", file.Networks["outside"].ExternalName);
        Assert.Null(file.Networks["front"].ExternalName);
        Assert.Contains(ComposeFile.DefaultNetwork, file.Networks.Keys);
        Assert.Equal("shared", file.Volumes["shared"].ExternalName);
        Assert.Null(file.Volumes["cache"].ExternalName);
    }

    [Fact]
    public void The_list_forms_are_read()
    {
        File.WriteAllText(Path.Combine(_directory.Path, "one.env"), "ONE=1\n");
        var file = Parse("""
            services:
              web:
                image: web
                environment: ["A=1", "B=x=y", FROM_HOST, UNSET_ON_HOST]
                env_file: one.env
                command: ["sh", "-c", "echo $$HOME"]
                entrypoint: /docker-entrypoint.sh --verbose
                depends_on: [kv, db]
                networks: [back]
              kv: {image: kv}
              db: {image: db}
            networks:
              back:
            """);

        var web = file.Services["web"];
        Assert.Equal(["ONE=1", "A=1", "B=x=y", "FROM_HOST=host value"], web.Environment);
        Assert.Equal(["sh", "-c", "echo $HOME"], web.Command);
        Assert.Equal(["/docker-entrypoint.sh", "--verbose"], web.Entrypoint);
        Assert.Equal([new("kv", DependencyCondition.Started), new ComposeDependency("db", DependencyCondition.Started)], web.DependsOn);
        Assert.Equal([new ComposeServiceNetwork("back", [])], web.Networks);
    }

    [Fact]
    public void Healthchecks_are_read_in_each_form()
    {
        var file = Parse("""
            services:
              cmd:
                image: a
                healthcheck:
                  test: ["CMD", "redis-cli", "ping"]
                  interval: 1m30s
                  timeout: 500ms
                  retries: 5
                  start_period: 1.5s
              shell-list:
                image: a
                healthcheck: {test: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]}
              shell-string:
                image: a
                healthcheck: {test: "pg_isready -U postgres", interval: 2s}
              none:
                image: a
                healthcheck: {test: ["NONE"]}
              disabled:
                image: a
                healthcheck: {disable: true}
              timings-only:
                image: a
                healthcheck: {interval: 1h}
            """);

        var cmd = file.Services["cmd"].Healthcheck!;
        Assert.Equal(["CMD", "redis-cli", "ping"], cmd.Test);
        Assert.Equal(TimeSpan.FromSeconds(90), cmd.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), cmd.Timeout);
        Assert.Equal(5, cmd.Retries);
        Assert.Equal(TimeSpan.FromSeconds(1.5), cmd.StartPeriod);
        Assert.Equal(["CMD-SHELL", "curl -f http://localhost/ || exit 1"], file.Services["shell-list"].Healthcheck!.Test);
        Assert.Equal(["CMD-SHELL", "pg_isready -U postgres"], file.Services["shell-string"].Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromSeconds(2), file.Services["shell-string"].Healthcheck!.Interval);
        Assert.True(file.Services["none"].Healthcheck!.Disabled);
        Assert.True(file.Services["disabled"].Healthcheck!.Disabled);
        Assert.Empty(file.Services["timings-only"].Healthcheck!.Test);
        Assert.Equal(TimeSpan.FromHours(1), file.Services["timings-only"].Healthcheck!.Interval);
        Assert.Equal(TimeSpan.Zero, file.Services["timings-only"].Healthcheck!.Timeout);
    }

    [Theory]
    [InlineData("${TAG}", "7")]
    [InlineData("$TAG-x", "7-x")]
    [InlineData("${MISSING}", "")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${EMPTY-fallback}", "")]
    [InlineData("${MISSING-${TAG}}", "7")]
    [InlineData("${TAG:+set}", "set")]
    [InlineData("cost $$5", "cost $5")]
    [InlineData("$", "$")]
    public void Variables_are_interpolated(string value, string expected) =>
        Assert.Equal(expected, ComposeInterpolation.Apply(value, name => Variables.GetValueOrDefault(name)));

    [Theory]
    [InlineData("10s", 10_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    [InlineData("250ms", 250)]
    [InlineData("0", 0)]
    public void Durations_are_read(string text, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ComposeDuration.TryParse(text));

    [Theory]
    [InlineData("10")]
    [InlineData("s")]
    [InlineData("1x")]
    [InlineData("")]
    public void Durations_without_a_unit_are_none(string text) => Assert.Null(ComposeDuration.TryParse(text));

    [Theory]
    [InlineData("services:\n  web:\n    image: [unclosed\n", "compose.yaml: line ")]
    [InlineData("just a string\n", "compose.yaml: expected a mapping with services:")]
    [InlineData("version: '3'\n", "compose.yaml: services: expected a mapping of one or more services")]
    [InlineData("services:\n  web: nginx\n", "compose.yaml: services.web: expected a mapping")]
    [InlineData("services:\n  web:\n    image: w\n    depends_on:\n      kv: {condition: service_ready}\n  kv: {image: k}\n", "compose.yaml: services.web.depends_on.kv.condition: 'service_ready': expected service_started, service_healthy or service_completed_successfully")]
    [InlineData("services:\n  web:\n    image: w\n    depends_on: [db]\n", "compose.yaml: services.web.depends_on: no service 'db' in the file")]
    [InlineData("services:\n  web:\n    image: w\n    healthcheck: {test: [CMD, x], interval: 10}\n", "compose.yaml: services.web.healthcheck.interval: '10': expected a duration like 30s or 1m30s")]
    [InlineData("services:\n  web:\n    image: w\n    healthcheck: {test: [RUN, x]}\n", "compose.yaml: services.web.healthcheck.test: expected")]
    [InlineData("services:\n  web:\n    image: w\n    healthcheck: {retries: many}\n", "compose.yaml: services.web.healthcheck.retries: 'many': expected a whole number")]
    [InlineData("services:\n  web:\n    image: w\n    ports: [\"8080:http\"]\n", "compose.yaml: services.web.ports[0]: 'http/tcp': expected a container port")]
    [InlineData("services:\n  web:\n    image: w\n    ports: 8080\n", "compose.yaml: services.web.ports: expected a list")]
    [InlineData("services:\n  web:\n    image: w\n    volumes: [\"data:/data\"]\n", "compose.yaml: services.web.volumes[0]: volume 'data' is not declared in the top-level volumes:")]
    [InlineData("services:\n  web:\n    image: w\n    volumes: [\"./x:relative\"]\n", "compose.yaml: services.web.volumes[0]: 'relative': the path in the container must be absolute")]
    [InlineData("services:\n  web:\n    image: w\n    volumes: [{type: npipe, source: x, target: /x}]\n", "compose.yaml: services.web.volumes[0].type: 'npipe': expected volume, bind or tmpfs")]
    [InlineData("services:\n  web:\n    image: w\n    networks: [back]\n", "compose.yaml: services.web.networks: network 'back' is not declared in the top-level networks:")]
    [InlineData("services:\n  web:\n    image: w\n    env_file: missing.env\n", "compose.yaml: services.web.env_file: missing.env: no such file")]
    [InlineData("services:\n  web:\n    image: w\n    environment: value\n", "compose.yaml: services.web.environment: expected a mapping (NAME: value) or a list (NAME=value)")]
    [InlineData("services:\n  web:\n    image: \"${NEEDED:?set NEEDED first}\"\n", "compose.yaml: services.web.image: NEEDED is required: set NEEDED first")]
    [InlineData("services:\n  web:\n    image: \"${UNCLOSED\"\n", "compose.yaml: services.web.image: '${UNCLOSED': ${ without its closing }")]
    [InlineData("services:\n  web:\n    image: w\n    command: echo \"unclosed\n", "compose.yaml: services.web.command: 'echo \"unclosed': a \" quote is not closed")]
    [InlineData("services:\n  web:\n    image: w\n    healthcheck: {disable: maybe}\n", "compose.yaml: services.web.healthcheck.disable: 'maybe': expected true or false")]
    public void An_unusable_file_is_one_line_naming_the_file_and_the_key(string yaml, string start)
    {
        var refused = Refused(yaml);

        Assert.StartsWith(start, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.Equal(Trace.Errors.ErrorReason.BadInput, refused.Reason);
    }

    [Fact]
    public void An_optional_env_file_that_is_missing_is_skipped()
    {
        var file = Parse("services:\n  web:\n    image: w\n    env_file:\n      - path: missing.env\n        required: false\n");

        Assert.Empty(file.Services["web"].Environment);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var refused = Assert.Throws<ComposeException>(() => ComposeFileReader.Read(Path.Combine(_directory.Path, "nothing.yaml")));

        Assert.Equal($"--compose-file {Path.Combine(_directory.Path, "nothing.yaml")}: no such file", refused.Message);
    }

    [Fact]
    public void A_file_on_disk_reads_paths_from_its_own_directory()
    {
        var path = Path.Combine(_directory.Path, "compose.yaml");
        File.WriteAllText(path, "services:\n  web:\n    image: w\n    volumes: [\"./www:/srv/www\"]\n");

        var file = ComposeFileReader.Read(path, _ => null);

        Assert.Equal(Path.Combine(_directory.Path, "www"), file.Services["web"].Volumes[0].Source);
    }
}
