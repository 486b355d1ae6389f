using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Slim.Testing;

/// <summary>
/// A real registry for tests: Debian's docker-registry (the CNCF distribution registry) serving on 127.0.0.1 on a free port
/// from a temporary storage directory, plain HTTP or with TLS (a self-signed certificate made by openssl) and htpasswd
/// auth, or with token auth (a <see cref="TokenServer"/> of ours as its token service). Its log (one line per request) is kept, so a test can tell which blobs were fetched. Disposing stops it and
/// removes every temporary file.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    public const string Username = "slim";
    public const string Password = "s3cret-Pass";

    private readonly StringBuilder _log = new();
    private Process? _process;

    private RegistryServer(string directory, int port, bool secure)
    {
        Directory = directory;
        Port = port;
        Secure = secure;
    }

    /// <summary>The token service the registry trusts; only for a registry started by <see cref="StartWithTokensAsync"/>.</summary>
    public TokenServer? Tokens { get; private set; }

    /// <summary>Where config, storage, certificate and htpasswd live (removed on dispose).</summary>
    public string Directory { get; }

    public int Port { get; }

    public bool Secure { get; }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The directory holding the CA certificate (ca.crt) for --cert-dir; only when <see cref="Secure"/>.</summary>
    public string CertDirectory => Path.Combine(Directory, "certs");

    /// <summary>What the registry logged so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a plain-HTTP registry with no auth, or (secure) one with TLS and htpasswd auth for <see cref="Username"/>.</summary>
    public static Task<RegistryServer> StartAsync(bool secure, string? extraConfig = null) => StartAsync(secure, tokens: false, extraConfig);

    /// <summary>
    /// Starts a plain-HTTP registry whose auth is <c>token</c>: it trusts tokens signed by the certificate of a
    /// <see cref="TokenServer"/> started with it (and stopped with it), whose /token endpoint is the realm it names.
    /// </summary>
    public static Task<RegistryServer> StartWithTokensAsync() => StartAsync(secure: false, tokens: true, extraConfig: null);

    private static async Task<RegistryServer> StartAsync(bool secure, bool tokens, string? extraConfig)
    {
        UnitRun.RefuseEngine("a docker-registry process");
        var registry = (await ExternalCommand.RunAsync("bash", [Path.Combine(RepoPaths.Scripts, "ensure-registry.sh")], TimeSpan.FromMinutes(15))).EnsureSuccess().StandardOutput.Trim();
        var directory = System.IO.Directory.CreateTempSubdirectory("slim-registry-").FullName;
        var server = new RegistryServer(directory, FreePort(), secure);
        try
        {
            if (tokens)
            {
                server.Tokens = new TokenServer(Path.Combine(directory, "token-issuer.crt"));
                extraConfig = $"auth:\n  token:\n    realm: {server.Tokens.Realm}\n    service: {TokenServer.Service}\n    issuer: {TokenServer.Issuer}\n    rootcertbundle: {server.Tokens.CertificatePath}"
                    + (extraConfig is null ? "" : "\n" + extraConfig);
            }

            await server.RunAsync(registry, extraConfig);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A port nothing listens on (bound once and released), for "connection refused".</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string registry, string? extraConfig)
    {
        var storage = Path.Combine(Directory, "storage");
        System.IO.Directory.CreateDirectory(storage);
        var config = new StringBuilder();
        config.AppendLine("version: 0.1");
        // warnings, plus the access log: one line per request ("GET /v2/x/blobs/sha256:… HTTP/1.1" 200 …)
        config.AppendLine("log:\n  level: warn");
        config.AppendLine($"storage:\n  filesystem:\n    rootdirectory: {storage}\n  delete:\n    enabled: true");
        config.AppendLine($"http:\n  addr: {Host}\n  secret: slim-test-secret");
        if (Secure)
        {
            System.IO.Directory.CreateDirectory(CertDirectory);
            var cert = Path.Combine(Directory, "cert.pem");
            var key = Path.Combine(Directory, "key.pem");
            (await ExternalCommand.RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert])).EnsureSuccess();
            File.Copy(cert, Path.Combine(CertDirectory, "ca.crt"));
            var htpasswd = (await ExternalCommand.RunAsync("htpasswd", ["-Bbn", Username, Password])).EnsureSuccess().StandardOutput.Trim();
            var passwords = Path.Combine(Directory, "htpasswd");
            await File.WriteAllTextAsync(passwords, htpasswd + "\n");
            config.AppendLine($"  tls:\n    certificate: {cert}\n    key: {key}");
            config.AppendLine($"auth:\n  htpasswd:\n    realm: slim-test-realm\n    path: {passwords}");
        }

        if (extraConfig is not null)
        {
            config.AppendLine(extraConfig);
        }

        var configPath = Path.Combine(Directory, "config.yml");
        await File.WriteAllTextAsync(configPath, config.ToString());
        var start = new ProcessStartInfo(registry)
        {
            ArgumentList = { "serve", configPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"docker-registry did not listen on {Host} within 10 s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (Tokens is not null)
        {
            await Tokens.DisposeAsync();
        }

        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
