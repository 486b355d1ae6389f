using Slim.Engine;
using Slim.Engine.Images;
using Slim.Images.Copy;
using Slim.Images.Transports;
using Slim.Images.Transports.Registry;

namespace Slim.Cli.Commands;

/// <summary>`slim build` with registries: a docker:// target is pulled into the engine when it is not there; --push sends the slim image to a registry.</summary>
internal static class BuildRegistry
{
    /// <summary>The engine's name for a docker:// target, pulled first when the engine lacks it; other targets unchanged.</summary>
    public static async Task<string> PullTargetAsync(string target, RegistryOptions options, TextWriter error, CancellationToken cancellationToken)
    {
        if (!target.StartsWith(RegistryLocation.Prefix, StringComparison.Ordinal))
        {
            return target;
        }

        var location = (RegistryLocation)ImageLocation.Parse(target);
        if (location.Reference.Tag is null)
        {
            throw new CommandLineException($"--target {target}: a registry target needs a tag (the engine names the pulled image by it)");
        }

        var name = location.Reference.ToString();
        using var engine = await EngineClient.ConnectAsync(new EngineOptions(), cancellationToken).ConfigureAwait(false);
        try
        {
            await engine.InspectImageAsync(name, cancellationToken).ConfigureAwait(false);
            return name;
        }
        catch (EngineException e) when (e.Detail == EngineErrorReason.NotFound)
        {
            // not in the engine yet: pulled below
        }

        await error.WriteLineAsync($"slim: pulling {location} into the engine").ConfigureAwait(false);
        await using var source = new RegistryImageSource(new RegistryClient(location.Registry, options), location, null);
        await using var sink = new DaemonImageSink(engine, DaemonImageLocation.FromName(name));
        await ImageCopy.CopyAsync(source, sink, null, cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>Pushes the engine's image <paramref name="image"/> to <paramref name="destination"/> (docker://…) and returns the pushed location pinned by digest.</summary>
    public static async Task<string> PushAsync(string image, string destination, RegistryOptions options, CancellationToken cancellationToken)
    {
        var location = ParsePush(destination);
        using var engine = await EngineClient.ConnectAsync(new EngineOptions(), cancellationToken).ConfigureAwait(false);
        await using var source = new DaemonImageSource(engine, DaemonImageLocation.FromName(image), null);
        await using var sink = new RegistryImageSink(new RegistryClient(location.Registry, options), location);
        var result = await source.TryStreamCopyAsync(sink, null, cancellationToken).ConfigureAwait(false)
            ?? await RegistryCopy.CopyAsync(source, sink, null, cancellationToken).ConfigureAwait(false);
        return $"{RegistryLocation.Prefix}{location.Registry}/{location.Repository}@{sink.PushedDigest ?? result.Manifest.Digest}";
    }

    /// <summary>True for a docker:// location.</summary>
    public static bool IsRegistry(string location) => location.StartsWith(RegistryLocation.Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Where the slim image is pushed, checked before anything runs: --push, or --output when it names a registry (a slim
    /// image written straight to a registry could not be run to verify it, so it is loaded, verified, then pushed).
    /// </summary>
    public static string? PushDestination(string? push, string? output)
    {
        if (output is not null && IsRegistry(output))
        {
            if (push is not null)
            {
                throw new CommandLineException($"--push {push} and --output {output}: both push the slim image; give one");
            }

            push = output;
        }

        if (push is not null)
        {
            ParsePush(push);
        }

        return push;
    }

    /// <summary>Checks --push before anything runs: it must be a docker:// location.</summary>
    public static RegistryLocation ParsePush(string destination) =>
        destination.StartsWith(RegistryLocation.Prefix, StringComparison.Ordinal) && ImageLocation.Parse(destination) is RegistryLocation location
            ? location
            : throw new CommandLineException($"--push {destination}: expected docker://HOST[:PORT]/REPO[:TAG]");
}
