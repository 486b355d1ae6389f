namespace Slim.Images.Transports.Registry;

/// <summary>A user name and password (or token) for a registry.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Parses --creds USER:PASS (the password may contain ':').</summary>
    public static RegistryCredentials Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new ImageException(ImageErrorReason.InvalidReference, "--creds", "--creds must be USER:PASSWORD (a user name, a colon, then the password)");
        }

        return new RegistryCredentials(value[..colon], value[(colon + 1)..]);
    }

    /// <summary>The value of an <c>Authorization: Basic</c> header.</summary>
    public string BasicValue => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Username + ":" + Password));

    // never print the password
    public override string ToString() => $"{Username}:***";
}
