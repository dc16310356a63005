using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DocStream.Contracts.V1;
using DocStream.Server.Tests.EndToEnd;
using DocStream.Testing;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace DocStream.Server.Tests.Deployment;

public class ConfigurationTests
{
    [Theory]
    [InlineData("DOCSTREAM_LIMITS__MAXDOCUMENTBYTES")]
    [InlineData("Limits__MaxDocumentBytes")]
    public async Task EnvironmentVariable_EitherForm_ConfiguresTheServer(string variable)
    {
        await using var server = await DocStreamServerProcess.StartAsync(null, new Dictionary<string, string> { [variable] = "50" });

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Client.CreateAsync(CorpusHelpers.UniqueArticle()));

        Assert.Equal("DOCUMENT_TOO_LARGE", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task Kestrel_CertificateConfigured_ServesOverTls()
    {
        var directory = Directory.CreateTempSubdirectory("docstream-tls-").FullName;
        try
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var path = Path.Combine(directory, "server.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "secret"));
            var tlsUrl = $"https://127.0.0.1:{LoopbackPort.Free()}";

            await using var server = await StartTlsAsync(tlsUrl, path);
            using var handler = new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString() },
            };
            using var channel = GrpcChannel.ForAddress(tlsUrl, new GrpcChannelOptions { HttpHandler = handler });

            var page = await new DocumentService.DocumentServiceClient(channel).ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 });

            Assert.Single(page.Documents);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Kestrel_ClientCertificateAuthorityConfigured_ServesOnlyClientsWithACertificateItSigned()
    {
        var directory = Directory.CreateTempSubdirectory("docstream-mtls-").FullName;
        try
        {
            using var serverKey = RSA.Create(2048);
            using var serverCertificate = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            var serverPath = Path.Combine(directory, "server.pfx");
            await File.WriteAllBytesAsync(serverPath, serverCertificate.Export(X509ContentType.Pfx, "secret"));
            using var authorityKey = RSA.Create(2048);
            var authorityRequest = new CertificateRequest("CN=DocStream test clients", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, 0, critical: true));
            authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, critical: true));
            using var authority = authorityRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
            var authorityPath = Path.Combine(directory, "clients-ca.pem");
            await File.WriteAllTextAsync(authorityPath, authority.ExportCertificatePem());
            using var signed = ClientCertificate("CN=newsroom-pipeline", authority);
            using var selfSigned = ClientCertificate("CN=stranger", issuer: null);
            var tlsUrl = $"https://127.0.0.1:{LoopbackPort.Free()}";

            await using var server = await StartTlsAsync(tlsUrl, serverPath, $"--Auth:ClientCertificateAuthority={authorityPath}");

            var page = await ListWithAsync(tlsUrl, serverCertificate, signed);
            Assert.Single(page.Documents);
            foreach (var refused in new[] { null, selfSigned })
            {
                var error = await Assert.ThrowsAsync<RpcException>(() => ListWithAsync(tlsUrl, serverCertificate, refused));
                // TLS 1.3 refuses a client certificate after the client has finished its handshake, so the client sees
                // either a failed connection or a request cut mid-send, depending on timing; never an answer.
                Assert.True(error.StatusCode is StatusCode.Unavailable or StatusCode.Internal, $"{error.StatusCode}: {error.Status.Detail}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Startup_ClientCertificateAuthorityWithoutAnHttpsEndpoint_RefusesToStartSayingSo()
    {
        await using var server = DocStreamServerProcess.StartWithoutWaiting("--Auth:ClientCertificateAuthority=/nonexistent/ca.pem");

        Assert.NotEqual(0, await server.WaitForExitAsync());
        Assert.Contains("Auth:ClientCertificateAuthority is set, but no endpoint serves https://", server.Output, StringComparison.Ordinal);
    }

    /// <summary>A client certificate for TLS client authentication, signed by <paramref name="issuer"/> or by itself.</summary>
    private static X509Certificate2 ClientCertificate(string subject, X509Certificate2? issuer)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-1);
        using var certificate = issuer is null
            ? request.CreateSelfSigned(notBefore, notBefore.AddDays(2))
            : request.Create(issuer, notBefore, notBefore.AddDays(2), RandomNumberGenerator.GetBytes(8)).CopyWithPrivateKey(key);
        // Through PKCS#12, as a client loads its certificate from a file, so that the key outlives this method.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    /// <summary>ListDocuments over TLS, trusting <paramref name="serverCertificate"/>, presenting <paramref name="clientCertificate"/> if any.</summary>
    private static async Task<ListDocumentsResponse> ListWithAsync(string url, X509Certificate2 serverCertificate, X509Certificate2? clientCertificate)
    {
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == serverCertificate.GetCertHashString(),
                ClientCertificates = clientCertificate is null ? null : new X509CertificateCollection { clientCertificate },
            },
        };
        using var channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions { HttpHandler = handler });
        return await new DocumentService.DocumentServiceClient(channel).ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1 });
    }

    /// <summary>
    /// The harness health-checks over plaintext, so this starts the TLS server with the certificate and probes it
    /// over TLS itself.
    /// </summary>
    private static async Task<TlsServer> StartTlsAsync(string url, string certificatePath, params string[] arguments)
    {
        var process = new System.Diagnostics.Process
        {
            StartInfo = new System.Diagnostics.ProcessStartInfo("dotnet")
            {
                ArgumentList =
                {
                    RepositoryLayout.ServerAssembly, $"--Kestrel:Endpoints:Grpc:Url={url}", $"--Kestrel:Endpoints:Grpc:Certificate:Path={certificatePath}",
                    "--Kestrel:Endpoints:Grpc:Certificate:Password=secret", $"--Kestrel:Endpoints:Http:Url=http://127.0.0.1:{LoopbackPort.Free()}", $"--Storage:DataDirectory={Path.GetDirectoryName(certificatePath)}",
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            },
        };
        foreach (var argument in arguments)
        {
            process.StartInfo.ArgumentList.Add(argument);
        }

        process.Start();
        var server = new TlsServer(process);
        for (var i = 0; i < 100 && !process.HasExited; i++)
        {
            if (await server.IsListeningAsync(new Uri(url)))
            {
                return server;
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("The TLS server did not start.");
    }

    private sealed class TlsServer(System.Diagnostics.Process process) : IAsyncDisposable
    {
        public async Task<bool> IsListeningAsync(Uri url)
        {
            try
            {
                using var client = new System.Net.Sockets.TcpClient();
                await client.ConnectAsync(url.Host, url.Port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            process.Dispose();
        }
    }
}
