using Slim.Trace.Errors;

namespace Slim.Tracer.Users;

/// <summary>A <c>--user</c> value the image's /etc/passwd or /etc/group cannot answer.</summary>
internal sealed class UserLookupException(string message) : SlimException(ErrorReason.BadInput, "--user", message);
