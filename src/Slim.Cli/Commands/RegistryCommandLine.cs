using System.CommandLine;
using Slim.Images.Transports.Registry;

namespace Slim.Cli.Commands;

/// <summary>The options every command shares for docker:// images (skopeo's names), and the <see cref="RegistryOptions"/> they make.</summary>
internal static class RegistryCommandLine
{
    public static readonly Option<string?> Creds = new("--creds")
    {
        Description = "USER:PASSWORD for docker:// registries (else ~/.docker/config.json or --authfile).",
        Recursive = true,
    };

    public static readonly Option<string?> AuthFile = new("--authfile")
    {
        Description = "A Docker config.json (auths) to read registry credentials from, instead of ~/.docker/config.json.",
        Recursive = true,
    };

    public static readonly Option<string?> CertDir = new("--cert-dir")
    {
        Description = "A directory of CA certificates (*.crt) and client certificates (*.cert + *.key) for docker:// registries.",
        Recursive = true,
    };

    public static readonly Option<bool> TlsVerify = new("--tls-verify")
    {
        Description = "Verify registries' TLS certificates (--tls-verify=false also allows plain HTTP).",
        Recursive = true,
        DefaultValueFactory = _ => true,
    };

    public static void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Creds);
        root.Options.Add(AuthFile);
        root.Options.Add(CertDir);
        root.Options.Add(TlsVerify);
    }

    public static RegistryOptions From(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var authFile = parse.GetValue(AuthFile);
        if (authFile is not null && !File.Exists(authFile))
        {
            throw new CommandLineException($"--authfile {authFile} does not exist");
        }

        var certDir = parse.GetValue(CertDir);
        if (certDir is not null && !Directory.Exists(certDir))
        {
            throw new CommandLineException($"--cert-dir {certDir} is not a directory");
        }

        return new RegistryOptions
        {
            Credentials = parse.GetValue(Creds) is { } creds ? RegistryCredentials.Parse(creds) : null,
            AuthFile = authFile,
            CertDirectory = certDir,
            TlsVerify = parse.GetValue(TlsVerify),
        };
    }
}
