namespace Slim.Analysis.Xray;

/// <summary>What is known about a layer before its entries are read: its digests and the step that made it.</summary>
public sealed record XrayLayerInfo(string? Digest = null, string? DiffId = null, string? CreatedBy = null);
