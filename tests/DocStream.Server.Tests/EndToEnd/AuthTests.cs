using System.Net;
using System.Security.Cryptography;
using System.Text;
using DocStream.Contracts.V1;
using DocStream.Server.Security;
using DocStream.Testing;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>A real server with API keys and JWTs configured: who may call what.</summary>
public sealed class AuthServerFixture : IAsyncLifetime
{
    public const string ReaderKey = "reader-key-0f3a9c";
    public const string WriterKey = "writer-key-77b1e2";
    public const string AdminKey = "admin-key-5d20c4";
    public const string SigningKey = "a-test-signing-key-of-at-least-32-bytes!";

    public DocStreamServerProcess Server { get; private set; } = null!;

    public static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task InitializeAsync()
    {
        string[] arguments =
        [
            "--Auth:ApiKeys:0:Name=dashboard", "--Auth:ApiKeys:0:Role=reader", $"--Auth:ApiKeys:0:Sha256={Sha256(ReaderKey)}",
            "--Auth:ApiKeys:1:Name=crawler", "--Auth:ApiKeys:1:Role=writer", $"--Auth:ApiKeys:1:Sha256={Sha256(WriterKey)}",
            "--Auth:ApiKeys:2:Name=operator", "--Auth:ApiKeys:2:Role=admin", $"--Auth:ApiKeys:2:Sha256={Sha256(AdminKey)}",
            $"--Auth:Jwt:SigningKey={SigningKey}", "--Auth:Jwt:Issuer=https://issuer.test", "--Auth:Jwt:Audience=docstream",
        ];
        Server = await DocStreamServerProcess.StartAsync(null, arguments);
    }

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

public sealed class AuthTests(AuthServerFixture fixture) : IClassFixture<AuthServerFixture>
{
    private DocumentService.DocumentServiceClient Client => fixture.Server.Client;

    [Fact]
    public async Task AnyRpc_NoCredentials_IsUnauthenticatedCredentialsMissing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListDocumentsAsync(new ListDocumentsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("CREDENTIALS_MISSING", Reason(error));
        Assert.Contains("authorization: Bearer", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYWRtaW4ifQ.forged")]
    public async Task AnyRpc_UnknownKeyOrForgedToken_IsUnauthenticatedCredentialsInvalid(string token)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListDocumentsAsync(new ListDocumentsRequest(), Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("CREDENTIALS_INVALID", Reason(error));
    }

    [Fact]
    public async Task Reader_ReadsButCannotCreate()
    {
        await Client.ListDocumentsAsync(new ListDocumentsRequest(), Bearer(AuthServerFixture.ReaderKey));
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateDocumentAsync(Article("قارئ"), Bearer(AuthServerFixture.ReaderKey)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("ROLE_TOO_LOW", info.Reason);
        Assert.Equal("writer", info.Metadata["required_role"]);
        Assert.Equal("reader", info.Metadata["role"]);
    }

    [Fact]
    public async Task Writer_CreatesButCannotDelete_AdminDeletes()
    {
        var created = await Client.CreateDocumentAsync(Article("كاتب"), Bearer(AuthServerFixture.WriterKey));
        var denied = await Assert.ThrowsAsync<RpcException>(() =>
            Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name }, Bearer(AuthServerFixture.WriterKey)).ResponseAsync);
        await Client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = created.Name }, Bearer(AuthServerFixture.AdminKey));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var gone = await Assert.ThrowsAsync<RpcException>(() => Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name }, Bearer(AuthServerFixture.AdminKey)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Jwt_SignedWithTheKey_ActsWithItsRoleClaim()
    {
        var writer = Jwt("writer", DateTime.UtcNow.AddMinutes(5));

        await Client.CreateDocumentAsync(Article("رمز"), Bearer(writer));
        var denied = await Assert.ThrowsAsync<RpcException>(() => Client.RebuildSearchIndexAsync(new RebuildSearchIndexRequest(), Bearer(writer)).ResponseAsync);
        var expired = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListDocumentsAsync(new ListDocumentsRequest(), Bearer(Jwt("admin", DateTime.UtcNow.AddMinutes(-10)))).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, expired.StatusCode);
        Assert.Equal("CREDENTIALS_INVALID", Reason(expired));
    }

    [Fact]
    public async Task HealthAndReflection_NoCredentials_StayOpen()
    {
        var health = await new Health.HealthClient(fixture.Server.Channel).CheckAsync(new HealthCheckRequest { Service = "docstream.v1.DocumentService" });
        var (exitCode, output, error) = await Reflection.BufCli.CurlAsync("--list-services", fixture.Server.Address);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.True(exitCode == 0, error);
        Assert.Contains("docstream.v1.DocumentService", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpEndpoint_NoCredentials_Is401AndAKeyOpensIt()
    {
        using var http = new HttpClient();
        using var anonymous = await http.GetAsync($"{fixture.Server.HttpAddress}/v1/documents");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{fixture.Server.HttpAddress}/v1/documents");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AuthServerFixture.ReaderKey);
        using var withKey = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    [Fact]
    public void RpcRoles_EveryRpcOfTheContract_HasADeclaredRole()
    {
        Assert.Empty(RpcRoles.Undeclared());
        Assert.Equal(DocumentService.Descriptor.Methods.Select(m => m.Name).Order(StringComparer.Ordinal), RpcRoles.DocumentService.Keys.Order(StringComparer.Ordinal));
    }

    private static CallOptions Bearer(string token) => new(new Metadata { { "authorization", $"Bearer {token}" } });

    private static string Reason(RpcException error) => error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason;

    private static CreateDocumentRequest Article(string word) =>
        new() { Content = ByteString.CopyFromUtf8($"عنوان {word} {Guid.NewGuid():N}\n\nنص قصير عن {word}.\n") };

    private static string Jwt(string role, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "https://issuer.test",
        Audience = "docstream",
        Claims = new Dictionary<string, object> { ["role"] = role, ["sub"] = "pipeline" },
        NotBefore = expires.AddMinutes(-30),
        Expires = expires,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AuthServerFixture.SigningKey)), SecurityAlgorithms.HmacSha256),
    });
}

/// <summary>The start-up rule: anonymous service only on loopback, unless asked for.</summary>
public sealed class AnonymousExposureTests
{
    [Fact]
    public async Task Startup_AnyAddressWithoutCredentials_RefusesToStartSayingHowToConfigureKeys()
    {
        await using var server = DocStreamServerProcess.StartWithoutWaiting($"--Kestrel:Endpoints:Grpc:Url=http://0.0.0.0:{LoopbackPort.Free()}");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(server.WaitUntilServingAsync);

        Assert.Contains("would serve anonymously on http://0.0.0.0:", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:ApiKeys:0:Sha256", error.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:AllowAnonymous=true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_ApiKeyGivenInClear_RefusesToStartAskingForItsSha256()
    {
        await using var server = DocStreamServerProcess.StartWithoutWaiting("--Auth:ApiKeys:0:Name=x", "--Auth:ApiKeys:0:Role=admin", "--Auth:ApiKeys:0:Sha256=my-secret-key");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(server.WaitUntilServingAsync);

        Assert.Contains("64 lower-case hex digits", error.Message, StringComparison.Ordinal);
    }
}
