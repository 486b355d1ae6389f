namespace Slim.Engine;

/// <summary>Why a call to the container engine failed.</summary>
public enum EngineErrorReason
{
    /// <summary>No engine answers at the endpoint (not running, wrong DOCKER_HOST, no permission on the socket).</summary>
    Unavailable,

    /// <summary>The image, container or other object does not exist in the engine.</summary>
    NotFound,

    /// <summary>The engine refused or failed the request.</summary>
    Failed,

    /// <summary>The engine speaks an API version older than slim supports.</summary>
    TooOld,
}
