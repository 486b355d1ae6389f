using Slim.Cli.Commands;
using Slim.Engine;
using Slim.Images;
using Slim.Images.Copy;

namespace Slim.Cli.Tests;

public sealed class EngineOptionsTests
{
    [Theory]
    [InlineData("1.41", "1.41")]
    [InlineData("1.45", "1.41")] // newer engines are spoken to in the tested version
    [InlineData("1.40", "1.40")] // older ones in their own
    public void The_api_version_is_the_lower_of_the_engines_and_the_tested_one(string engine, string expected) =>
        Assert.Equal(Version.Parse(expected), EngineOptions.Pin(Version.Parse(engine)));

    [Fact]
    public void An_engine_older_than_the_minimum_is_refused() =>
        Assert.Null(EngineOptions.Pin(new Version(1, 24)));

    [Theory]
    [InlineData(null, "unix:///var/run/docker.sock")]
    [InlineData("", "unix:///var/run/docker.sock")]
    [InlineData("unix:///run/user/1000/docker.sock", "unix:///run/user/1000/docker.sock")]
    [InlineData("tcp://10.0.0.5:2375", "tcp://10.0.0.5:2375")]
    public void The_endpoint_comes_from_DOCKER_HOST_or_the_default_socket(string? host, string expected) =>
        Assert.Equal(new Uri(expected), new EngineOptions().ResolveEndpoint(host));

    [Fact]
    public void An_explicit_endpoint_wins() =>
        Assert.Equal(new Uri("tcp://h:1"), new EngineOptions { Endpoint = new Uri("tcp://h:1") }.ResolveEndpoint("unix:///x"));

    [Fact]
    public void A_malformed_DOCKER_HOST_is_an_engine_error() =>
        Assert.Equal(EngineErrorReason.Unavailable, Assert.Throws<EngineException>(() => new EngineOptions().ResolveEndpoint("ssh://me@host")).Detail);

    [Fact]
    public void Failures_map_to_one_line_and_an_exit_code()
    {
        Assert.Equal((2, "bad ref"), CommandFailures.Describe(new ImageException(ImageErrorReason.InvalidReference, "x", "bad ref")));
        Assert.Equal(2, CommandFailures.Describe(new ImageException(ImageErrorReason.DigestMismatch, "x", "bad digest")).Code);
        Assert.Equal(3, CommandFailures.Describe(new EngineException(EngineErrorReason.Unavailable, "e", "no engine")).Code);
        Assert.Contains("--debug", CommandFailures.Describe(new InvalidOperationException("boom")).Line, StringComparison.Ordinal);
    }
}
