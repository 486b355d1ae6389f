namespace Slim.Rebuild.Hardening;

/// <summary>A Linux capability (the name docker's --cap-add takes, without CAP_) and the traced call that needs it.</summary>
public sealed record CapabilityNeed(string Name, string Reason);
