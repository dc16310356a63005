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

    /// <summary>
    /// The harness health-checks over plaintext, so this starts the TLS server with the certificate and probes it
    /// over TLS itself.
    /// </summary>
    private static async Task<TlsServer> StartTlsAsync(string url, string certificatePath)
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
