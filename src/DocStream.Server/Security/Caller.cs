namespace DocStream.Server.Security;

/// <summary>Who made a call, as quotas count and the audit log names callers.</summary>
public static class Caller
{
    /// <summary>
    /// <c>principal:NAME</c> for an authenticated caller (an API key's name, a JWT's subject), <c>anonymous:ADDRESS</c>
    /// for one without credentials. Never the credential itself.
    /// </summary>
    public static string Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.User.Identity is { IsAuthenticated: true } identity
            ? "principal:" + identity.Name
            : "anonymous:" + http.Connection.RemoteIpAddress;
    }
}
