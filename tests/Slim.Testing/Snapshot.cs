using Xunit.Sdk;

namespace Slim.Testing;

/// <summary>
/// A document compared with a checked-in expected copy (a JSON contract). On a mismatch the test fails with the diff and
/// the actual text is written beside the expected file as NAME.actual.EXT, to review and rename; with
/// SLIM_UPDATE_SNAPSHOTS=1 the expected file is rewritten instead.
/// </summary>
public static class Snapshot
{
    public const string UpdateVariable = "SLIM_UPDATE_SNAPSHOTS";

    /// <param name="actual">The document as the code under test writes it.</param>
    /// <param name="expectedFile">The expected copy, relative to the repository root.</param>
    public static void Matches(string actual, string expectedFile)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var expectedPath = Path.Combine(RepoPaths.Root, expectedFile);
        var actualPath = ActualPath(expectedPath);
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(expectedPath, actual);
            File.Delete(actualPath);
            return;
        }

        if (!File.Exists(expectedPath))
        {
            File.WriteAllText(actualPath, actual);
            throw new XunitException($"no snapshot {expectedFile} yet; the actual document is at {actualPath}: review it and rename it to {Path.GetFileName(expectedPath)}");
        }

        var expected = Normalize(File.ReadAllText(expectedPath));
        if (expected == actual)
        {
            File.Delete(actualPath); // a stale one from an earlier failure would mislead
            return;
        }

        File.WriteAllText(actualPath, actual);
        throw new XunitException(
            $"{expectedFile} differs from what the code writes (- expected, + actual):\n{TextDiff.Unified(expected, actual)}"
            + $"actual written to {actualPath}; if the change is meant, rename it over the expected file (or rerun with {UpdateVariable}=1)");
    }

    public static string ActualPath(string expectedPath) =>
        Path.Combine(Path.GetDirectoryName(expectedPath)!, Path.GetFileNameWithoutExtension(expectedPath) + ".actual" + Path.GetExtension(expectedPath));

    // Line endings and a final newline are not part of a contract.
    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";
}
