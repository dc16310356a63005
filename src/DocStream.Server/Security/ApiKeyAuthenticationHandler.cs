using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DocStream.Server.Security;

/// <summary>
/// Authenticates <c>authorization: Bearer &lt;key&gt;</c> against the configured keys' SHA-256, compared in constant
/// time. No header: no result (the call may still be anonymous); a key that matches none: a failure.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The claim that holds the caller's <see cref="Role"/>.</summary>
    public const string RoleClaim = "role";

    private readonly (string Name, Role Role, byte[] Hash)[] _keys =
        [.. auth.Value.ApiKeys.Select(key => (key.Name, AuthSettings.ParseRole(key.Role), Convert.FromHexString(key.Sha256)))];

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken.From(Request) is not { } token)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        foreach (var (name, role, expected) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, expected))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(RoleClaim, AuthSettings.RoleName(role))], SchemeName, ClaimTypes.Name, RoleClaim);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("the API key matches none configured"));
    }
}

/// <summary>The token of an <c>authorization: Bearer</c> header.</summary>
internal static class BearerToken
{
    /// <summary>The token, or null when the request has no bearer header.</summary>
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header[7..].Trim() : null;
    }

    /// <summary>Whether <paramref name="token"/> has a JWT's shape: three dot-separated parts.</summary>
    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2;
}
