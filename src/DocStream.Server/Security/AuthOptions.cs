namespace DocStream.Server.Security;

/// <summary>Who may call the server (configuration section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    /// <summary>API keys, stored as their SHA-256, never in clear: <c>Auth:ApiKeys:N:Name</c>, <c>:Role</c>, <c>:Sha256</c>.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>JWT bearer tokens, when a signing key or an authority is set.</summary>
    public JwtOptions Jwt { get; set; } = new();

    /// <summary>
    /// Serve calls without credentials, as <see cref="AnonymousRole"/>. Implied on loopback addresses when no key
    /// and no JWT is configured (the quickstart); needed explicitly for any other address.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The role of a call without credentials where those are allowed: <c>reader</c>, <c>writer</c> or <c>admin</c>.</summary>
    public string AnonymousRole { get; set; } = "admin";

    /// <summary>
    /// The certificate file (PEM or DER) of the authority whose client certificates the HTTPS endpoints require
    /// (mutual TLS); unset, no client certificate is asked for.
    /// </summary>
    public string? ClientCertificateAuthority { get; set; }

    /// <summary>Whether health and reflection answer without credentials (load balancers, grpcurl).</summary>
    public bool OpenHealthAndReflection { get; set; } = true;

    /// <summary>Whether any way to authenticate is configured.</summary>
    public bool HasCredentials => ApiKeys.Count > 0 || Jwt.IsConfigured;
}

/// <summary>One API key: <c>Auth:ApiKeys:N</c>.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who holds the key, for logs and metrics.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>reader</c>, <c>writer</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>The lower-case hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";
}

/// <summary>JWT bearer tokens (<c>Auth:Jwt</c>): a symmetric signing key, or an OpenID Connect authority.</summary>
public sealed class JwtOptions
{
    /// <summary>An HMAC-SHA256 signing key of at least 32 bytes (UTF-8).</summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect authority whose published keys sign the tokens.</summary>
    public string? Authority { get; set; }

    /// <summary>The issuer tokens must name; not checked when unset with a signing key.</summary>
    public string? Issuer { get; set; }

    /// <summary>The audience tokens must name; not checked when unset.</summary>
    public string? Audience { get; set; }

    /// <summary>Whether JWT bearer tokens are accepted.</summary>
    public bool IsConfigured => !string.IsNullOrEmpty(SigningKey) || !string.IsNullOrEmpty(Authority);
}
