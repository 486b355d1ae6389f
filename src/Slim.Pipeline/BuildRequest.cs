using Slim.Images.Transports;
using Slim.Pipeline.Sensor;
using Slim.Rebuild.Selection;

namespace Slim.Pipeline;

/// <summary>Everything `slim build` (and `slim profile`) was asked to do.</summary>
public sealed record BuildRequest
{
    /// <summary>The image in the engine to slim (a name or ID), checked when the request is made.</summary>
    public required ImageName Target { get; init; }

    /// <summary>The name of the slim image in the engine (a reference, not an ID); null: `REPO.slim:TAG`.</summary>
    public ImageName? Tag { get; init; }

    /// <summary>Write the slim image to this transport (docker-archive:, oci:, oci-archive:) instead of the engine.</summary>
    public ImageLocation? Output { get; init; }

    public required SensorOptions Sensor { get; init; }

    public SelectionRules Rules { get; init; } = new();

    public ConfigChanges ConfigChanges { get; init; } = new();

    /// <summary>Where to write the seccomp profile; null: `NAME-seccomp.json` in the current directory.</summary>
    public string? SeccompOut { get; init; }

    /// <summary>Where to write the JSON report; null: `slim.report.json`.</summary>
    public string? ReportPath { get; init; }

    /// <summary>Where to write the CycloneDX SBOM of the slim image; null: beside the report (`slim.cdx.json` beside `slim.report.json`).</summary>
    public string? SbomPath { get; init; }

    /// <summary>Keep the OS release files and the package database pruned to the kept files (on by default).</summary>
    public bool KeepPackageDatabase { get; init; } = true;

    /// <summary>Run the slim image through the same probes and compare (on by default).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>How many times a slim image that fails verification is traced, completed and verified again (0: never).</summary>
    public int RepairRounds { get; init; } = 3;

    /// <summary>Find and prove the tightest run settings after a passed verification (on by default).</summary>
    public bool Harden { get; init; } = true;

    /// <summary>Where to write docker-run.args, compose.yaml, securityContext.yaml and seccompprofile.yaml; null: nowhere.</summary>
    public string? HardeningOut { get; init; }

    /// <summary>`slim profile`: trace and write the profile and report only, no image.</summary>
    public bool ProfileOnly { get; init; }
}
