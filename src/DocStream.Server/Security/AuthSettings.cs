using System.Net;
using System.Text;

namespace DocStream.Server.Security;

/// <summary>Reads and checks the <c>Auth</c> settings once, at start-up, so that a bad one stops the server with a message.</summary>
public static class AuthSettings
{
    /// <summary>The role named <paramref name="name"/> (<c>reader</c>, <c>writer</c>, <c>admin</c>, any case); null for anything else.</summary>
    public static Role? TryParseRole(string? name) => name?.ToLowerInvariant() switch
    {
        "reader" => Role.Reader,
        "writer" => Role.Writer,
        "admin" => Role.Admin,
        _ => null,
    };

    /// <summary>The role named <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">It names no role.</exception>
    public static Role ParseRole(string name) =>
        TryParseRole(name) ?? throw new InvalidOperationException($"\"{name}\" is not a role; use reader, writer or admin.");

    /// <summary>The name a role is configured and reported by.</summary>
    public static string RoleName(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>
    /// Checks <paramref name="auth"/> against the addresses the server will listen on, and returns the role of calls
    /// without credentials, or null when they must authenticate.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is malformed, or the server would serve anonymously beyond loopback.</exception>
    public static Role? Validate(AuthOptions auth, IEnumerable<string> listenUrls)
    {
        ArgumentNullException.ThrowIfNull(auth);
        for (var i = 0; i < auth.ApiKeys.Count; i++)
        {
            var key = auth.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Name))
            {
                throw new InvalidOperationException($"Auth:ApiKeys:{i}:Name is empty; name who holds the key.");
            }

            if (TryParseRole(key.Role) is null)
            {
                throw new InvalidOperationException($"Auth:ApiKeys:{i}:Role \"{key.Role}\" is not a role; use reader, writer or admin.");
            }

            if (key.Sha256.Length != 64 || !key.Sha256.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                throw new InvalidOperationException(
                    $"Auth:ApiKeys:{i}:Sha256 must be the key's SHA-256 as 64 lower-case hex digits (printf %s \"$KEY\" | sha256sum), never the key itself.");
            }
        }

        if (!string.IsNullOrEmpty(auth.Jwt.SigningKey) && Encoding.UTF8.GetByteCount(auth.Jwt.SigningKey) < 32)
        {
            throw new InvalidOperationException("Auth:Jwt:SigningKey must be at least 32 bytes for HMAC-SHA256.");
        }

        var anonymousRole = ParseRole(auth.AnonymousRole);
        if (auth.HasCredentials && !auth.AllowAnonymous)
        {
            return null;
        }

        if (!auth.AllowAnonymous && listenUrls.FirstOrDefault(url => !IsLoopback(url)) is { } exposed)
        {
            throw new InvalidOperationException(
                $"DocStream would serve anonymously on {exposed}, beyond this machine: anyone who reaches it could delete every document. "
                + "Configure API keys (Auth:ApiKeys:0:Name, Auth:ApiKeys:0:Role = reader|writer|admin, Auth:ApiKeys:0:Sha256 = the key's lower-case hex SHA-256) "
                + "or JWT bearer tokens (Auth:Jwt:SigningKey or Auth:Jwt:Authority), listen on 127.0.0.1 only, or opt in with Auth:AllowAnonymous=true.");
        }

        return anonymousRole;
    }

    /// <summary>Whether <paramref name="url"/> (a Kestrel URL, or <c>*:port</c> from ASPNETCORE_HTTP_PORTS) only reaches this machine.</summary>
    private static bool IsLoopback(string url)
    {
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "";
        return host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}

/// <summary>The role of calls without credentials; null when every call must authenticate.</summary>
/// <param name="Role">That role.</param>
public sealed record AnonymousAccess(Role? Role);
