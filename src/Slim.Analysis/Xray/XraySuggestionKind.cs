using System.Text.Json.Serialization;

namespace Slim.Analysis.Xray;

/// <summary>What kind of waste a suggestion is about.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<XraySuggestionKind>))]
public enum XraySuggestionKind
{
    /// <summary>Package-manager caches or lists written into a layer (apt, apk, pip, npm, yarn, ...).</summary>
    PackageCache,

    /// <summary>Files a layer adds that a later layer deletes: the bytes still ship in the lower layer.</summary>
    DeletedLater,

    /// <summary>Files a layer adds that a later layer overwrites.</summary>
    OverwrittenLater,

    /// <summary>Compilers, headers and SDKs left in what looks like a runtime image.</summary>
    BuildToolchain,

    /// <summary>The same content stored more than once.</summary>
    DuplicateFiles,
}
