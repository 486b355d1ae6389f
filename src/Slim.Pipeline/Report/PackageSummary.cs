namespace Slim.Pipeline.Report;

/// <summary>
/// The original's packages in the slim image: the distribution (ID VERSION_ID), the package manager, how many
/// packages still own a kept file, how many lost all of their files and how many some; whether the pruned database
/// is in the slim image (--keep-package-db).
/// </summary>
public sealed record PackageSummary(string? Os, string? Manager, int Kept, int RemovedWhole, int RemovedPartly, bool DatabaseKept);
