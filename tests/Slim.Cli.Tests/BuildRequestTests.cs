using System.CommandLine;
using Slim.Cli.Commands;
using Slim.Images.Transports;
using Slim.Trace.Errors;

namespace Slim.Cli.Tests;

/// <summary>`slim build`'s names and locations become types when the request is made, before anything runs.</summary>
public sealed class BuildRequestTests
{
    [Fact]
    public void Target_tag_and_output_are_parsed_and_keep_the_text_given()
    {
        var request = Read("--target", "example/app:1", "--tag", "app-slim", "--output", "oci-archive:out.tar");

        Assert.Equal("example/app:1", request.Target.Text);
        Assert.Equal("docker.io/example/app:1", request.Target.Reference!.ToString());
        Assert.Equal("app-slim", request.Tag!.Text);
        Assert.Equal("docker.io/library/app-slim:latest", request.Tag.Reference!.ToString());
        Assert.Equal("out.tar", Assert.IsType<OciArchiveLocation>(request.Output).Path);
    }

    [Theory]
    [InlineData("--tag", "Bad Tag!")]
    [InlineData("--target", "Bad Target!")]
    [InlineData("--output", "docker-daemon:sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("--output", "dir:/tmp/x")]
    public void A_bad_name_or_location_is_bad_input_naming_its_option(string option, string value)
    {
        string[] args = option == "--target" ? ["--target", value] : ["--target", "example/app:1", option, value];

        var e = Assert.ThrowsAny<SlimException>(() => Read(args));

        Assert.Equal(ErrorReason.BadInput, e.Reason);
        Assert.StartsWith($"{option} {value}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_package_database_is_kept_and_the_sbom_goes_beside_the_report_unless_told_otherwise()
    {
        var defaults = Read("--target", "example/app:1");
        var told = Read("--target", "example/app:1", "--keep-package-db=false", "--sbom", "out/app.cdx.json");

        Assert.Equal((true, null), (defaults.KeepPackageDatabase, defaults.SbomPath));
        Assert.Equal((false, "out/app.cdx.json"), (told.KeepPackageDatabase, told.SbomPath));
    }

    [Fact]
    public async Task A_bad_tag_exits_2_with_one_line()
    {
        var run = await SlimRun.InvokeAsync("build", "--target", "example/app:1", "--tag", "Bad Tag!");

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("slim: --tag Bad Tag!", line, StringComparison.Ordinal);
    }

    private static Slim.Pipeline.BuildRequest Read(params string[] args)
    {
        var options = new BuildCommandOptions();
        var command = new Command("build");
        options.AddTo(command, imageOptions: true);
        return options.ToRequest(command.Parse(args), profileOnly: false);
    }
}
