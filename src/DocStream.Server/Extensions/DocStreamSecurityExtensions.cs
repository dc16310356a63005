using System.Text;
using DocStream.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace DocStream.Server.Extensions;

/// <summary>
/// Who may call the server: API keys and JWT bearer tokens (<c>Auth</c> settings), a role per RPC enforced by
/// <see cref="AuthorizationInterceptor"/>, no anonymous service beyond loopback unless asked for, and optionally
/// client certificates on the HTTPS endpoints (<see cref="ClientCertificates"/>).
/// </summary>
public static class DocStreamSecurityExtensions
{
    private const string PolicyScheme = "DocStream";

    /// <summary>
    /// Adds authentication and the role check. Refuses to start (throws) when a setting is malformed, when an RPC of the
    /// contract has no declared role, or when no credentials are configured and the server would listen beyond loopback
    /// without <c>Auth:AllowAnonymous=true</c>.
    /// </summary>
    public static WebApplicationBuilder AddDocStreamSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var undeclared = RpcRoles.Undeclared();
        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException($"These RPCs have no role in RpcRoles, so nobody could be allowed to call them: {string.Join(", ", undeclared)}.");
        }

        var configuration = builder.Configuration;
        var auth = configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        var anonymous = AuthSettings.Validate(auth, ListenUrls(configuration));
        if (auth.ClientCertificateAuthority is { Length: > 0 } authorityPath)
        {
            var authority = ClientCertificates.LoadAuthority(authorityPath, ListenUrls(configuration));
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => ClientCertificates.Require(https, authority)));
        }

        var services = builder.Services;
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        services.AddSingleton(new AnonymousAccess(anonymous));
        services.AddOptions<QuotaOptions>()
            .Bind(configuration.GetSection("Quotas"))
            .Validate(quotas => quotas.RequestsPerSecond >= 0 && quotas.ConcurrentStreams >= 0, "Quotas:RequestsPerSecond and Quotas:ConcurrentStreams must be 0 (no limit) or more.")
            .ValidateOnStart();
        // One instance, so that the limiters' counts outlive a call.
        services.AddSingleton<QuotaInterceptor>();

        var authentication = services.AddAuthentication(PolicyScheme)
            .AddPolicyScheme(PolicyScheme, "API key or JWT", policy => policy.ForwardDefaultSelector = context =>
                auth.Jwt.IsConfigured && BearerToken.From(context.Request) is { } token && BearerToken.LooksLikeJwt(token)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        if (auth.Jwt.IsConfigured)
        {
            authentication.AddJwtBearer(jwt =>
            {
                // Claims as the token names them: the role is the "role" claim, as API keys carry it.
                jwt.MapInboundClaims = false;
                jwt.Audience = auth.Jwt.Audience;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    RoleClaimType = ApiKeyAuthenticationHandler.RoleClaim,
                    NameClaimType = "sub",
                    ValidateAudience = !string.IsNullOrEmpty(auth.Jwt.Audience),
                    ValidAudience = auth.Jwt.Audience,
                    ValidateIssuer = !string.IsNullOrEmpty(auth.Jwt.Issuer),
                    ValidIssuer = auth.Jwt.Issuer,
                };
                if (!string.IsNullOrEmpty(auth.Jwt.Authority))
                {
                    jwt.Authority = auth.Jwt.Authority;
                }
                else
                {
                    jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.Jwt.SigningKey!));
                }
            });
        }

        return builder;
    }

    /// <summary>Every address the configuration makes the server listen on.</summary>
    private static IEnumerable<string> ListenUrls(IConfiguration configuration)
    {
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                yield return url;
            }
        }

        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return url;
        }

        // ASPNETCORE_HTTP_PORTS and _HTTPS_PORTS listen on every interface.
        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            foreach (var port in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return $"http://0.0.0.0:{port}";
            }
        }

        if (configuration[DocStreamTelemetryExtensions.PrometheusUrlSetting] is { Length: > 0 } metrics)
        {
            yield return metrics;
        }
    }
}
