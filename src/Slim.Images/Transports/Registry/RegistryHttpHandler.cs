using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Slim.Images.Transports.Registry;

/// <summary>
/// The HTTP handler of one registry: the system trust store plus the CAs and client certificates of its certificate
/// directory (<c>--cert-dir</c>, else <c>/etc/docker/certs.d/HOST</c>), or no verification when <c>--tls-verify=false</c>.
/// </summary>
internal static class RegistryHttpHandler
{
    public static SocketsHttpHandler Create(string registry, RegistryOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        var directory = options.CertDirectory ?? Path.Combine("/etc/docker/certs.d", registry);
        var authorities = new X509Certificate2Collection();
        if (Directory.Exists(directory))
        {
            foreach (var crt in Directory.EnumerateFiles(directory, "*.crt").Order(StringComparer.Ordinal))
            {
                authorities.ImportFromPemFile(crt);
            }

            foreach (var cert in Directory.EnumerateFiles(directory, "*.cert").Order(StringComparer.Ordinal))
            {
                var key = Path.ChangeExtension(cert, ".key");
                if (File.Exists(key))
                {
                    handler.SslOptions.ClientCertificates ??= [];
                    handler.SslOptions.ClientCertificates.Add(X509Certificate2.CreateFromPemFile(cert, key));
                }
            }
        }
        else if (options.CertDirectory is not null)
        {
            throw new ImageException(ImageErrorReason.InvalidReference, options.CertDirectory, $"--cert-dir {options.CertDirectory} is not a directory");
        }

        if (!options.TlsVerify)
        {
            // the user asked for it (--tls-verify=false), as with skopeo: a self-signed or plain-HTTP registry on a trusted network
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (authorities.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(new X509Certificate2(certificate));
            };
        }

        return handler;
    }
}
