using System.Text.Json;
using System.Text.Json.Serialization;

namespace Slim.Rebuild.Seccomp;

/// <summary>Source-generated JSON for seccomp profiles (indented: people read and diff these).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SeccompProfile))]
internal sealed partial class SeccompJsonContext : JsonSerializerContext;
