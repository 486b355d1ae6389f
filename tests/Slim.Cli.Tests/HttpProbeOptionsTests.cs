using System.CommandLine;
using Slim.Cli.Commands;

namespace Slim.Cli.Tests;

/// <summary>The crawl's command-line options as `slim build` reads them into <see cref="Slim.Pipeline.Probes.HttpProbeOptions"/>.</summary>
public sealed class HttpProbeOptionsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("slim-probe-options-").FullName;

    [Fact]
    public void Defaults_are_three_hops_a_hundred_requests_and_no_named_api_document()
    {
        var probe = Read("--target", "app").Sensor.HttpProbeOptions;

        Assert.Equal(3, probe.MaxDepth);
        Assert.Equal(100, probe.MaxRequests);
        Assert.Empty(probe.ApiDocumentPaths);
        Assert.Empty(probe.ApiDocuments);
        Assert.True(probe.Discover);
    }

    [Fact]
    public void Crawl_bounds_and_api_documents_are_read_from_the_flags()
    {
        var file = Path.Combine(_directory, "api.yaml");
        File.WriteAllText(file, "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n");

        var probe = Read(
            "--target", "app", "--http-crawl-max-depth", "5", "--http-crawl-max-page-count", "20",
            "--http-probe-apispec", "/v3/api-docs", "--http-probe-apispec", "docs/openapi.json", "--http-probe-apispec-file", file).Sensor.HttpProbeOptions;

        Assert.Equal(5, probe.MaxDepth);
        Assert.Equal(20, probe.MaxRequests);
        Assert.Equal(["/v3/api-docs", "/docs/openapi.json"], probe.ApiDocumentPaths);
        Assert.StartsWith("openapi: 3.0.0", Assert.Single(probe.ApiDocuments), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--http-crawl-max-depth", "-1", "expected 0 or more")]
    [InlineData("--http-crawl-max-page-count", "0", "expected 1 or more")]
    [InlineData("--http-probe-apispec-file", "/nonexistent/api.json", "does not exist")]
    public async Task Bad_values_are_refused_in_one_line_with_exit_2(string option, string value, string message)
    {
        var run = await SlimRun.InvokeAsync("build", "--target", "app", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_file_that_is_no_api_document_is_refused()
    {
        var file = Path.Combine(_directory, "notes.json");
        File.WriteAllText(file, "{\"name\": \"not an api\"}");

        var run = await SlimRun.InvokeAsync("build", "--target", "app", "--http-probe-apispec-file", file);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not an OpenAPI or Swagger document", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Slim.Pipeline.BuildRequest Read(params string[] args)
    {
        var options = new BuildCommandOptions();
        var command = new Command("build");
        options.AddTo(command, imageOptions: true);
        return options.ToRequest(command.Parse(args), profileOnly: false);
    }
}
