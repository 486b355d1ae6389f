using System.CommandLine;
using Slim.Cli.Commands;

namespace Slim.Cli.Tests;

/// <summary>`--compose-file` and its companions as `slim build` reads them: the service's settings under the command line's.</summary>
public sealed class ComposeOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("slim-compose-options-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Compose => Path.Combine(_directory, "compose.yaml");

    private void WriteCompose() => File.WriteAllText(Compose, """
        services:
          web:
            image: shop/web:1
            environment: {MODE: compose, LEVEL: info}
            command: ["serve", "--port", "8080"]
            entrypoint: /entry.sh
            ports: ["18080:8080"]
            depends_on:
              db: {condition: service_healthy}
          db:
            image: shop/db:1
          cache:
            image: shop/cache:1
          builder:
            build: ./builder
        """);

    [Fact]
    public void The_target_is_the_services_image_and_runs_with_its_settings_under_the_command_lines()
    {
        WriteCompose();

        var request = Read("--compose-file", Compose, "--target-compose-svc", "web", "--env", "LEVEL=debug", "--cmd", "serve --verbose");

        Assert.Equal("shop/web:1", request.Target.Text);
        var overrides = request.Sensor.Overrides;
        Assert.Equal(["MODE=compose", "LEVEL=info", "LEVEL=debug"], overrides.Env); // the last one wins in the engine
        Assert.Equal(["serve", "--verbose"], overrides.Cmd);
        Assert.Equal(["/entry.sh"], overrides.Entrypoint);
        Assert.Equal(["8080/tcp"], overrides.Expose);
        Assert.Equal("web", request.Sensor.Compose!.Service.Name);
        Assert.Equal(["db"], request.Sensor.Compose.Dependencies.Select(s => s.Name));
    }

    [Fact]
    public void A_target_given_wins_over_the_services_image_and_included_and_excluded_services_count()
    {
        WriteCompose();

        var request = Read("--target", "shop/web:dev", "--compose-file", Compose, "--target-compose-svc", "web", "--dep-include-compose-svc", "cache", "--dep-include-compose-svc", "db", "--dep-exclude-compose-svc", "db");

        Assert.Equal("shop/web:dev", request.Target.Text);
        Assert.Equal(["cache"], request.Sensor.Compose!.Dependencies.Select(s => s.Name));
    }

    [Fact]
    public void Without_a_compose_file_nothing_of_it_is_set() => Assert.Null(Read("--target", "app").Sensor.Compose);

    [Theory]
    [InlineData(new[] { "--target-compose-svc", "web" }, "--target-compose-svc, --dep-include-compose-svc and --dep-exclude-compose-svc need --compose-file")]
    [InlineData(new[] { "--compose-file", "COMPOSE" }, "--compose-file needs --target-compose-svc (the service to slim)")]
    [InlineData(new[] { "--compose-file", "COMPOSE", "--target-compose-svc", "builder" }, "services.builder: no image: to run (slim does not build images")]
    [InlineData(new[] { "--compose-file", "COMPOSE", "--target-compose-svc", "web", "--dep-exclude-compose-svc", "nope" }, "--dep-exclude-compose-svc nope: no service 'nope' in ")]
    [InlineData(new[] { "--compose-file", "/nonexistent/compose.yaml", "--target-compose-svc", "web" }, "--compose-file /nonexistent/compose.yaml: no such file")]
    [InlineData(new[] { "--http-probe=false" }, "--target is required (the image to slim), or --compose-file with --target-compose-svc")]
    public async Task Bad_combinations_are_refused_in_one_line_with_exit_2(string[] args, string message)
    {
        WriteCompose();

        var run = await SlimRun.InvokeAsync(["build", .. args.Select(a => a == "COMPOSE" ? Compose : a)]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    private static Slim.Pipeline.BuildRequest Read(params string[] args)
    {
        var options = new BuildCommandOptions();
        var command = new Command("build");
        options.AddTo(command, imageOptions: true);
        return options.ToRequest(command.Parse(args), profileOnly: false);
    }
}
