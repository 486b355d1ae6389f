namespace Slim.Rebuild.Packages;

/// <summary>
/// One package of apk's <c>/lib/apk/db/installed</c>: name (P:), version (V:), architecture (A:), the files it owns
/// (each R: line under the F: directory before it, as absolute paths) and its lines as they were.
/// </summary>
public sealed record ApkRecord(string Name, string Version, string Architecture, IReadOnlyList<string> Files, IReadOnlyList<string> Lines);
