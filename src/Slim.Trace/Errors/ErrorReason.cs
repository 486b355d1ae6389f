namespace Slim.Trace.Errors;

/// <summary>
/// Why a slim operation failed, in the terms a user acts on: one list for the whole product, so that one table maps each
/// reason to an exit code. A domain keeps its finer detail (which rule of the format broke) on its own exception.
/// </summary>
public enum ErrorReason
{
    /// <summary>The operation could not be done for a reason the user's input does not explain (an engine refusal, a write that failed).</summary>
    Failed,

    /// <summary>
    /// What the user gave cannot be used as given: an option value, a reference, a transport, a rule, a file that is missing
    /// or not what it should be. Fixing the command line fixes it.
    /// </summary>
    BadInput,

    /// <summary>The named image, blob, platform or engine object does not exist where it was looked for.</summary>
    NotFound,

    /// <summary>The image's bytes cannot be read as an image: bad JSON, tar or compression, truncation, unsafe paths, absurd sizes.</summary>
    InvalidImage,

    /// <summary>Content does not hash to the digest that names it: corrupt or tampered with.</summary>
    DigestMismatch,

    /// <summary>Something slim does not handle (yet): a media type, an engine too old.</summary>
    Unsupported,

    /// <summary>The output is refused: it exists, is not empty, or cannot be written.</summary>
    OutputRefused,

    /// <summary>No container engine answers (not running, wrong DOCKER_HOST, no permission on the socket).</summary>
    EngineUnavailable,
}
