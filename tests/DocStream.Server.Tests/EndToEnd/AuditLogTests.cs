using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DocStream.Contracts.V1;
using DocStream.Server.Security;
using DocStream.Testing;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DocStream.Server.Tests.EndToEnd;

/// <summary>
/// The audit log of a real server with keys and JWTs, read as the JSON console lines an operator ships: one
/// structured line per admin call, allowed or refused, over gRPC and over HTTP; and no credential in any log line.
/// </summary>
public sealed class AuditLogTests
{
    private const string WriterKey = "writer-key-audit-4e1f0b";
    private const string AdminKey = "admin-key-audit-9a6c2d";
    private const string SigningKey = "an-audit-test-signing-key-of-32-bytes-or-more";

    [Fact]
    public async Task AdminCalls_AllowedOrRefused_EachWriteOneStructuredLineAndNoLineHoldsACredential()
    {
        await using var server = await DocStreamServerProcess.StartAsync(
            null,
            "--Logging:Console:FormatterName=json",
            "--Auth:ApiKeys:0:Name=crawler", "--Auth:ApiKeys:0:Role=writer", $"--Auth:ApiKeys:0:Sha256={AuthServerFixture.Sha256(WriterKey)}",
            "--Auth:ApiKeys:1:Name=operator", "--Auth:ApiKeys:1:Role=admin", $"--Auth:ApiKeys:1:Sha256={AuthServerFixture.Sha256(AdminKey)}",
            $"--Auth:Jwt:SigningKey={SigningKey}");
        var client = server.Client;
        var jwt = AdminJwt();
        var forged = jwt[..^4] + "AAAA";
        var first = await client.CreateDocumentAsync(Article(), Bearer(WriterKey));
        var second = await client.CreateDocumentAsync(Article(), Bearer(WriterKey));

        var denied = await Assert.ThrowsAsync<RpcException>(() => client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = first.Name }, Bearer(WriterKey)).ResponseAsync);
        await client.DeleteDocumentAsync(new DeleteDocumentRequest { Name = first.Name }, Bearer(AdminKey));
        await client.RebuildSearchIndexAsync(new RebuildSearchIndexRequest(), Bearer(jwt));
        await Assert.ThrowsAsync<RpcException>(() => client.RebuildSearchIndexAsync(new RebuildSearchIndexRequest(), Bearer(forged)).ResponseAsync);
        using (var http = new HttpClient { BaseAddress = new Uri(server.HttpAddress) })
        {
            using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/v1/{second.Name}") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AdminKey) } };
            (await http.SendAsync(delete)).EnsureSuccessStatusCode();
        }

        var audit = await AuditLinesAsync(server, count: 5);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(
            [
                ("principal:crawler", "docstream.v1.DocumentService/DeleteDocument", first.Name, "PermissionDenied"),
                ("principal:operator", "docstream.v1.DocumentService/DeleteDocument", first.Name, "OK"),
                ("principal:pipeline", "docstream.v1.DocumentService/RebuildSearchIndex", "*", "OK"),
                ("anonymous:127.0.0.1", "docstream.v1.DocumentService/RebuildSearchIndex", "*", "Unauthenticated"),
                ("principal:operator", "docstream.v1.DocumentService/DeleteDocument", second.Name, "OK"),
            ],
            audit.Select(state => (Field(state, "Principal"), Field(state, "Method"), Field(state, "Target"), Field(state, "Status"))));
        Assert.All(audit, state => Assert.True(DateTimeOffset.TryParse(Field(state, "Time"), out var time) && time > DateTimeOffset.UtcNow.AddMinutes(-5)));
        foreach (var credential in new[] { WriterKey, AdminKey, jwt, forged, SigningKey })
        {
            Assert.DoesNotContain(credential, server.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>The State of each DocStream.Audit line, once <paramref name="count"/> have been written.</summary>
    private static async Task<List<JsonElement>> AuditLinesAsync(DocStreamServerProcess server, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var lines = server.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Where(line => line.GetProperty("Category").GetString() == AuditInterceptor.Category)
                .Select(line => line.GetProperty("State"))
                .ToList();
            if (lines.Count >= count || attempt == 100)
            {
                return lines;
            }

            await Task.Delay(50);
        }
    }

    private static string? Field(JsonElement state, string name) => state.GetProperty(name).GetString();

    private static CallOptions Bearer(string token) => new(new Metadata { { "authorization", $"Bearer {token}" } });

    private static CreateDocumentRequest Article() =>
        new() { Content = ByteString.CopyFromUtf8($"عنوان للتدقيق {Guid.NewGuid():N}\n\nنص قصير.\n") };

    private static string AdminJwt() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object> { ["role"] = "admin", ["sub"] = "pipeline" },
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
    });
}
