using System.CommandLine;
using System.Text.Json;
using Slim.Images;
using Slim.Images.Transports;
using Slim.Pipeline;
using Slim.Pipeline.Compose;
using Slim.Pipeline.Probes;
using Slim.Pipeline.Sensor;
using Slim.Rebuild.Selection;
using Slim.Trace;

namespace Slim.Cli.Commands;

/// <summary>
/// The options `slim build` and `slim profile` share, named after slimtoolkit's so its users feel at home,
/// and their translation into a <see cref="BuildRequest"/>. Bad values throw <see cref="CommandLineException"/>.
/// </summary>
internal sealed class BuildCommandOptions
{
    public Option<string> Target { get; } = new("--target") { Description = "The image in the engine to work on (name or ID); with --compose-file, by default the service's image." };

    public Option<string?> Tag { get; } = new("--tag") { Description = "Name of the slim image (default: REPO.slim:TAG)." };

    public Option<string?> Output { get; } = new("--output") { Description = "Write the slim image to docker-archive:PATH, oci:DIR or oci-archive:PATH instead of the engine; docker://… pushes it as --push does." };

    public Option<bool> HttpProbe { get; } = new("--http-probe") { Description = "Probe exposed ports over HTTP (default true).", DefaultValueFactory = _ => true };

    public Option<string[]> HttpProbeCmd { get; } = new("--http-probe-cmd") { Description = "An extra request: PATH, or 'METHOD PATH [BODY]'. Repeatable." };

    public Option<FileInfo?> HttpProbeCmdFile { get; } = new("--http-probe-cmd-file") { Description = "A JSON list of requests: {\"method\",\"path\",\"port\",\"body\",\"headers\"}." };

    public Option<string[]> HttpProbeApiSpec { get; } = new("--http-probe-apispec") { Description = "Path on the app of its OpenAPI/Swagger document; its GET operations are requested. Repeatable." };

    public Option<FileInfo[]> HttpProbeApiSpecFile { get; } = new("--http-probe-apispec-file") { Description = "A local OpenAPI/Swagger document (JSON or YAML) whose GET operations are requested. Repeatable." };

    public Option<int> HttpCrawlMaxDepth { get; } = new("--http-crawl-max-depth") { Description = "How many links deep the HTTP crawl goes (default 3).", DefaultValueFactory = _ => 3 };

    public Option<int> HttpCrawlMaxPageCount { get; } = new("--http-crawl-max-page-count") { Description = "How many requests the HTTP crawl makes per port at most (default 100).", DefaultValueFactory = _ => 100 };

    public Option<int[]> HttpProbePorts { get; } = new("--http-probe-ports") { Description = "Container ports to probe (default: every exposed TCP port).", AllowMultipleArgumentsPerToken = true };

    public Option<int> HttpProbeRetryCount { get; } = new("--http-probe-retry-count") { Description = "How many times a port that accepts connections but gives no HTTP answer is asked again before it counts as plain TCP (default 2).", DefaultValueFactory = _ => 2 };

    public Option<double> HttpProbeRetryWait { get; } = new("--http-probe-retry-wait") { Description = "Seconds between those attempts (default 0.5).", DefaultValueFactory = _ => 0.5 };

    public Option<double> HttpProbeStartWait { get; } = new("--http-probe-start-wait") { Description = "Seconds to wait after the app starts before probing (default 0).", DefaultValueFactory = _ => 0 };

    public Option<bool> HttpProbeExitOnFailure { get; } = new("--http-probe-exit-on-failure") { Description = "Fail when no port answers at all (default true; false builds from what was traced).", DefaultValueFactory = _ => true };

    public Option<bool> HttpProbeFull { get; } = new("--http-probe-full") { Description = "Ask every method a route advertises (OpenAPI operations, the Allow header), not only GET and HEAD." };

    public Option<string[]> HostExec { get; } = new("--host-exec") { Description = "A command run on this machine (/bin/sh -c) once the ports answer, with SLIM_TARGET_HOST, SLIM_PORT_<port> and SLIM_URL_<port> set; a non-zero exit fails the build. Repeatable." };

    public Option<FileInfo?> HostExecFile { get; } = new("--host-exec-file") { Description = "A file of host commands, one per line (# starts a comment)." };

    public Option<string[]> Network { get; } = new("--network") { Description = "An existing user-defined network the app joins while profiled and verified (its database reachable by name). Repeatable." };

    public Option<FileInfo?> ComposeFile { get; } = new("--compose-file") { Description = "A Compose file: the target service's dependencies run beside it (on networks of slim's own) and it runs with its settings there." };

    public Option<string?> TargetComposeSvc { get; } = new("--target-compose-svc") { Description = "The service of --compose-file to slim." };

    public Option<string[]> DepIncludeComposeSvc { get; } = new("--dep-include-compose-svc") { Description = "Start only these services (and what they depend on) as the target's dependencies. Repeatable." };

    public Option<string[]> DepExcludeComposeSvc { get; } = new("--dep-exclude-compose-svc") { Description = "Do not start this service as a dependency. Repeatable." };

    public Option<string?> ContinueAfter { get; } = new("--continue-after") { Description = "When profiling ends: probe, exec, exit, signal, enter or timeout:SECONDS (default: probe with ports, else exit)." };

    public Option<string[]> Exec { get; } = new("--exec") { Description = "A shell snippet to run inside the container during profiling (sh -c). Repeatable." };

    public Option<FileInfo?> ExecFile { get; } = new("--exec-file") { Description = "A file of shell snippets, one per line." };

    public Option<string?> Entrypoint { get; } = new("--entrypoint") { Description = "Entrypoint for the profiling run (shell words or a JSON array)." };

    public Option<string?> Cmd { get; } = new("--cmd") { Description = "Command for the profiling run (shell words or a JSON array)." };

    public Option<string[]> Env { get; } = new("--env") { Description = "NAME=VALUE for the profiling run. Repeatable." };

    public Option<string?> User { get; } = new("--user") { Description = "User for the profiling run." };

    public Option<string?> Workdir { get; } = new("--workdir") { Description = "Working directory for the profiling run." };

    public Option<string[]> Mount { get; } = new("--mount") { Description = "SRC:DST[:ro] mounted during the profiling run. Repeatable." };

    public Option<string[]> Expose { get; } = new("--expose") { Description = "Extra container port to publish and probe. Repeatable." };

    public Option<string[]> IncludePath { get; } = new("--include-path") { Description = "Keep this path (a directory with everything below). Repeatable." };

    public Option<FileInfo?> IncludePathFile { get; } = new("--include-path-file") { Description = "A file of paths to keep, one per line." };

    public Option<string[]> IncludeBin { get; } = new("--include-bin") { Description = "Keep this executable and its shared libraries. Repeatable." };

    public Option<string[]> IncludeExe { get; } = new("--include-exe") { Description = "Keep this program (looked up in PATH) and its shared libraries. Repeatable." };

    public Option<bool> IncludeShell { get; } = new("--include-shell") { Description = "Keep /bin/sh and a few basic tools." };

    public Option<bool> IncludeCertAll { get; } = new("--include-cert-all") { Description = "Keep the CA certificate bundles (default true).", DefaultValueFactory = _ => true };

    public Option<string[]> ExcludePattern { get; } = new("--exclude-pattern") { Description = "Glob of paths never kept (e.g. /usr/share/doc/**). Repeatable." };

    public Option<string[]> PreservePath { get; } = new("--preserve-path") { Description = "Keep this path whatever the exclude patterns say. Repeatable." };

    public Option<ListedDirectoryPolicy> ListedDirs { get; } = new("--listed-dirs") { Description = "What to keep of a directory the app lists: used (default), children or tree.", DefaultValueFactory = _ => ListedDirectoryPolicy.Used };

    public Option<bool> DataFamilies { get; } = new("--data-families") { Description = "Keep a whole data family (time zones, locales, gconv modules, terminfo) when the app used one member of it, since it may be asked for another later (default true; false keeps only the members traced, unless an --include-FAMILY says otherwise).", DefaultValueFactory = _ => true };

    public Option<bool?> IncludeZoneinfo { get; } = new("--include-zoneinfo") { Description = "Keep /usr/share/zoneinfo whole even if untraced; =false keeps only the zones traced. Unset: whole when a zone was used (right/ only if traced)." };

    public Option<bool?> IncludeLocales { get; } = new("--include-locales") { Description = "Keep /usr/lib/locale whole even if untraced; =false keeps only the locales traced. Unset: whole when a locale was used (the C.UTF-8 default and the locale-archive probe do not count)." };

    public Option<bool?> IncludeGconv { get; } = new("--include-gconv") { Description = "Keep the gconv (iconv) module directories whole even if untraced; =false keeps only the modules traced. Unset: whole when a module was loaded (glibc reading its gconv-modules cache is not a use)." };

    public Option<bool?> IncludeTerminfo { get; } = new("--include-terminfo") { Description = "Keep the terminfo directories whole even if untraced; =false keeps only the entries traced. Unset: whole when an entry was used." };

    public Option<string?> SeccompOut { get; } = new("--seccomp-out") { Description = "Where to write the seccomp profile (default NAME-seccomp.json)." };

    public Option<string?> Report { get; } = new("--report") { Description = "Where to write the JSON report (default slim.report.json)." };

    public Option<string?> Sbom { get; } = new("--sbom") { Description = "Where to write the CycloneDX JSON SBOM of the slim image (default slim.cdx.json beside the report)." };

    public Option<bool> KeepPackageDb { get; } = new("--keep-package-db") { Description = "Keep the OS release files and the package database, pruned to the packages that still own a kept file (default true).", DefaultValueFactory = _ => true };

    public Option<bool> KeepSensor { get; } = new("--keep-sensor") { Description = "Leave the sensor container behind for debugging." };

    public Option<bool> Verify { get; } = new("--verify") { Description = "Run the slim image through the same probes and compare (default true).", DefaultValueFactory = _ => true };

    public Option<int> RepairRounds { get; } = new("--repair-rounds") { Description = "When verification fails: how many times to trace the slim image, add what it missed and verify again (default 3, 0: never).", DefaultValueFactory = _ => 3 };

    public Option<bool> Harden { get; } = new("--harden") { Description = "After verification, find the tightest run settings (read-only, capabilities, no-new-privileges, non-root) and prove them (default true).", DefaultValueFactory = _ => true };

    public Option<string?> HardeningOut { get; } = new("--hardening-out") { Description = "Directory to write the proved settings to: docker-run.args, compose.yaml, securityContext.yaml, seccompprofile.yaml." };

    public Option<string?> NewEntrypoint { get; } = new("--new-entrypoint") { Description = "Entrypoint of the slim image." };

    public Option<string?> NewCmd { get; } = new("--new-cmd") { Description = "Cmd of the slim image." };

    public Option<string[]> NewEnv { get; } = new("--new-env") { Description = "NAME=VALUE added to the slim image. Repeatable." };

    public Option<string?> NewWorkdir { get; } = new("--new-workdir") { Description = "Working directory of the slim image." };

    public Option<string?> NewUser { get; } = new("--new-user") { Description = "User of the slim image." };

    public Option<string[]> NewExpose { get; } = new("--new-expose") { Description = "Port the slim image exposes. Repeatable." };

    public Option<string[]> NewLabel { get; } = new("--new-label") { Description = "KEY=VALUE label of the slim image. Repeatable." };

    /// <summary>Adds the options to a command; `slim profile` leaves out those about the image.</summary>
    public void AddTo(Command command, bool imageOptions)
    {
        Option[] shared =
        [
            Target, HttpProbe, HttpProbeCmd, HttpProbeCmdFile, HttpProbeApiSpec, HttpProbeApiSpecFile, HttpCrawlMaxDepth, HttpCrawlMaxPageCount,
            HttpProbePorts, HttpProbeRetryCount, HttpProbeRetryWait, HttpProbeStartWait, HttpProbeExitOnFailure, HttpProbeFull,
            ContinueAfter, Exec, ExecFile, HostExec, HostExecFile, Network, ComposeFile, TargetComposeSvc, DepIncludeComposeSvc, DepExcludeComposeSvc, Entrypoint, Cmd, Env, User, Workdir, Mount, Expose, SeccompOut, Report, KeepSensor,
        ];
        Option[] image =
        [
            Tag, Output, IncludePath, IncludePathFile, IncludeBin, IncludeExe, IncludeShell, IncludeCertAll, ExcludePattern,
            PreservePath, ListedDirs, DataFamilies, IncludeZoneinfo, IncludeLocales, IncludeGconv, IncludeTerminfo, Sbom, KeepPackageDb, Verify, RepairRounds, Harden, HardeningOut, NewEntrypoint, NewCmd, NewEnv, NewWorkdir, NewUser, NewExpose, NewLabel,
        ];
        foreach (var option in imageOptions ? shared.Concat(image) : shared)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>--target, or else the image of --target-compose-svc in --compose-file.</summary>
    public string TargetOf(ParseResult parse) =>
        parse.GetValue(Target) ?? ReadCompose(parse)?.Service.Image
        ?? throw new CommandLineException(parse.GetValue(ComposeFile) is null
            ? "--target is required (the image to slim), or --compose-file with --target-compose-svc"
            : $"{parse.GetValue(ComposeFile)!.FullName}: services.{parse.GetValue(TargetComposeSvc)}: no image: to run (slim does not build images: build it and name it with image:, or give --target)");

    /// <summary>The Compose service to slim and the dependencies to start; null without --compose-file.</summary>
    private ComposeTarget? ReadCompose(ParseResult parse)
    {
        var names = (Include: parse.GetValue(DepIncludeComposeSvc) ?? [], Exclude: parse.GetValue(DepExcludeComposeSvc) ?? []);
        if (parse.GetValue(ComposeFile) is not { } file)
        {
            return parse.GetValue(TargetComposeSvc) is not null || names.Include.Length + names.Exclude.Length > 0
                ? throw new CommandLineException("--target-compose-svc, --dep-include-compose-svc and --dep-exclude-compose-svc need --compose-file")
                : null;
        }

        var service = parse.GetValue(TargetComposeSvc) ?? throw new CommandLineException("--compose-file needs --target-compose-svc (the service to slim)");
        return DependencyOrder.For(ComposeFileReader.Read(file.FullName), service, names.Include, names.Exclude);
    }

    public BuildRequest ToRequest(ParseResult parse, bool profileOnly, string? pulledTarget = null)
    {
        // Names and locations first: a bad one fails here, before any container starts.
        var target = ImageName.Target(pulledTarget ?? TargetOf(parse), "--target");
        var compose = ReadCompose(parse);
        var service = compose?.Service;
        var commands = (parse.GetValue(HttpProbeCmd) ?? []).Select(HttpProbeCommand.Parse).ToList();
        if (parse.GetValue(HttpProbeCmdFile) is { } commandFile)
        {
            commands.AddRange(OptionFiles.ReadProbeCommands(commandFile));
        }

        var exec = (parse.GetValue(Exec) ?? []).ToList();
        if (parse.GetValue(ExecFile) is { } execFile)
        {
            exec.AddRange(OptionFiles.ReadLines(execFile));
        }

        var hostExec = (parse.GetValue(HostExec) ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        if (parse.GetValue(HostExecFile) is { } hostExecFile)
        {
            hostExec.AddRange(OptionFiles.ReadLines(hostExecFile));
        }

        var networks = (parse.GetValue(Network) ?? []).ToList();
        if (networks.FirstOrDefault(n => n.Length == 0 || n is "host" or "none" || n.Any(char.IsWhiteSpace)) is { } badNetwork)
        {
            throw new CommandLineException($"--network '{badNetwork}': expected the name of a user-defined network (host and none do not publish ports for the probes)");
        }

        var includePaths = (parse.GetValue(IncludePath) ?? []).ToList();
        if (parse.GetValue(IncludePathFile) is { } includeFile)
        {
            includePaths.AddRange(OptionFiles.ReadLines(includeFile));
        }

        var continueAfter = parse.GetValue(ContinueAfter) is { } c ? Pipeline.Sensor.ContinueAfter.Parse(c) : null;
        if (exec.Count == 0 && hostExec.Count == 0 && continueAfter?.Kind == ContinueAfterKind.Exec)
        {
            throw new CommandLineException("--continue-after exec needs at least one --exec, --exec-file, --host-exec or --host-exec-file command");
        }

        if (hostExec.Count > 0 && continueAfter?.Kind == ContinueAfterKind.Exit)
        {
            throw new CommandLineException("--host-exec needs the app running: it cannot be combined with --continue-after exit");
        }

        return new BuildRequest
        {
            Target = target,
            Tag = profileOnly || parse.GetValue(Tag) is not { } tag ? null : ImageName.Tag(tag, "--tag"),
            // --output docker://… is a push (BuildRegistry.PushDestination): the slim image is loaded and verified first
            Output = profileOnly || parse.GetValue(Output) is not { } output || BuildRegistry.IsRegistry(output) ? null : ParseOutput(output),
            ProfileOnly = profileOnly,
            Verify = !profileOnly && parse.GetValue(Verify),
            RepairRounds = profileOnly ? 0 : Bounded(parse.GetValue(RepairRounds), 0, 10, "--repair-rounds"),
            SeccompOut = parse.GetValue(SeccompOut),
            Harden = !profileOnly && parse.GetValue(Harden),
            HardeningOut = profileOnly ? null : parse.GetValue(HardeningOut),
            ReportPath = parse.GetValue(Report),
            SbomPath = profileOnly ? null : parse.GetValue(Sbom),
            KeepPackageDatabase = profileOnly || parse.GetValue(KeepPackageDb),
            Sensor = new SensorOptions
            {
                Image = target.Text,
                ContinueAfter = continueAfter,
                HttpProbe = parse.GetValue(HttpProbe),
                HttpProbeOptions = ProbeOptions(parse, commands),
                HttpProbePorts = parse.GetValue(HttpProbePorts) ?? [],
                Exec = exec,
                HostExec = hostExec,
                HttpProbeExitOnFailure = parse.GetValue(HttpProbeExitOnFailure),
                Networks = networks,
                Compose = compose,
                KeepContainer = parse.GetValue(KeepSensor),
                // The service's settings, under what the command line says.
                Overrides = new RunOverrides
                {
                    Entrypoint = parse.GetValue(Entrypoint) is { } e ? ShellWords.Split(e) : service?.Entrypoint,
                    Cmd = parse.GetValue(Cmd) is { } cmd ? ShellWords.Split(cmd) : service?.Command,
                    Env = [.. service?.Environment ?? [], .. RequirePairs(parse.GetValue(Env), "--env")],
                    User = parse.GetValue(User),
                    WorkingDir = parse.GetValue(Workdir),
                    Expose = [.. service?.Ports ?? [], .. parse.GetValue(Expose) ?? []],
                    Mounts = parse.GetValue(Mount) ?? [],
                },
            },
            Rules = new SelectionRules
            {
                IncludePaths = includePaths,
                IncludeBins = parse.GetValue(IncludeBin) ?? [],
                IncludeExes = parse.GetValue(IncludeExe) ?? [],
                IncludeShell = parse.GetValue(IncludeShell),
                IncludeCertificates = parse.GetValue(IncludeCertAll),
                ExcludePatterns = parse.GetValue(ExcludePattern) ?? [],
                PreservePaths = parse.GetValue(PreservePath) ?? [],
                ListedDirectories = parse.GetValue(ListedDirs),
                DataFamilies = DataFamilyPolicies(parse),
            },
            ConfigChanges = new ConfigChanges
            {
                Entrypoint = parse.GetValue(NewEntrypoint) is { } ne ? ShellWords.Split(ne) : null,
                Cmd = parse.GetValue(NewCmd) is { } nc ? ShellWords.Split(nc) : null,
                Env = RequirePairs(parse.GetValue(NewEnv), "--new-env"),
                WorkingDir = parse.GetValue(NewWorkdir),
                User = parse.GetValue(NewUser),
                Expose = parse.GetValue(NewExpose) ?? [],
                Labels = RequirePairs(parse.GetValue(NewLabel), "--new-label")
                    .Select(p => p.Split('=', 2))
                    .GroupBy(p => p[0], StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal), // the last one given wins
            },
        };
    }

    /// <summary>Where --output writes: a transport location; one in the engine needs a name there.</summary>
    private static ImageLocation ParseOutput(string value)
    {
        ImageLocation location;
        try
        {
            location = ImageLocation.Parse(value);
        }
        catch (ImageException e) when (e.Detail is ImageErrorReason.InvalidReference or ImageErrorReason.UnsupportedTransport)
        {
            throw new CommandLineException($"--output {value}: {e.Message}", e);
        }

        return location is DaemonImageLocation { Reference: null }
            ? throw new CommandLineException($"--output {value}: an image written to the engine needs a name (repo:tag), not an ID")
            : location;
    }

    private static int Bounded(int value, int min, int max, string option) =>
        value >= min && value <= max ? value : throw new CommandLineException($"{option} {value}: expected a number from {min} to {max}");

    private static TimeSpan Seconds(double value, string option) =>
        value >= 0 && value <= 3600 && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value)
            : throw new CommandLineException($"{option} {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}: expected seconds from 0 to 3600");

    private HttpProbeOptions ProbeOptions(ParseResult parse, List<HttpProbeCommand> commands)
    {
        var maxDepth = parse.GetValue(HttpCrawlMaxDepth);
        if (maxDepth < 0)
        {
            throw new CommandLineException($"--http-crawl-max-depth {maxDepth}: expected 0 or more");
        }

        var maxRequests = parse.GetValue(HttpCrawlMaxPageCount);
        if (maxRequests < 1)
        {
            throw new CommandLineException($"--http-crawl-max-page-count {maxRequests}: expected 1 or more");
        }

        return new HttpProbeOptions
        {
            RetryCount = Bounded(parse.GetValue(HttpProbeRetryCount), 0, 100, "--http-probe-retry-count"),
            RetryWait = Seconds(parse.GetValue(HttpProbeRetryWait), "--http-probe-retry-wait"),
            StartWait = Seconds(parse.GetValue(HttpProbeStartWait), "--http-probe-start-wait"),
            Full = parse.GetValue(HttpProbeFull),
            Commands = commands,
            MaxDepth = maxDepth,
            MaxRequests = maxRequests,
            ApiDocumentPaths = [.. (parse.GetValue(HttpProbeApiSpec) ?? []).Select(p => p.StartsWith('/') ? p : "/" + p)],
            ApiDocuments = [.. (parse.GetValue(HttpProbeApiSpecFile) ?? []).Select(OptionFiles.ReadApiDocument)],
            SensorPaths = [TracerMount.Directory],
        };
    }

    /// <summary>
    /// --include-FAMILY forces a family in (true) or keeps only its traced members (false); unset, --data-families
    /// decides: kept whole when used (true, the default) or traced members only (false).
    /// </summary>
    private Dictionary<DataFamily, DataFamilyPolicy> DataFamilyPolicies(ParseResult parse)
    {
        var automatic = parse.GetValue(DataFamilies) ? DataFamilyPolicy.WhenUsed : DataFamilyPolicy.TracedOnly;
        var options = new Dictionary<DataFamily, Option<bool?>>
        {
            [DataFamily.Zoneinfo] = IncludeZoneinfo,
            [DataFamily.Locales] = IncludeLocales,
            [DataFamily.Gconv] = IncludeGconv,
            [DataFamily.Terminfo] = IncludeTerminfo,
        };
        var policies = options.ToDictionary(
            o => o.Key,
            o => parse.GetValue(o.Value) switch
            {
                true => DataFamilyPolicy.Always,
                false => DataFamilyPolicy.TracedOnly,
                null => automatic,
            });
        policies[DataFamily.MessageCatalogs] = automatic; // no --include option of its own: --data-families decides
        return policies;
    }

    private static IReadOnlyList<string> RequirePairs(string[]? values, string option)
    {
        foreach (var value in values ?? [])
        {
            if (!value.Contains('=', StringComparison.Ordinal) || value.StartsWith('='))
            {
                throw new CommandLineException($"{option} {value}: expected NAME=VALUE");
            }
        }

        return values ?? [];
    }
}
