using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace DocStream.Server.Security;

/// <summary>
/// Mutual TLS (<c>Auth:ClientCertificateAuthority</c>): every HTTPS endpoint asks for a client certificate and lets
/// the TLS handshake complete only with one that chains to the configured authority and allows client
/// authentication. It decides who may connect; API keys and JWTs still decide what a caller may do.
/// </summary>
public static class ClientCertificates
{
    /// <summary>The setting that names the authority's certificate file (PEM or DER).</summary>
    public const string AuthoritySetting = "Auth:ClientCertificateAuthority";

    /// <summary>The extended key usage a client certificate must allow when it lists any: TLS client authentication.</summary>
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>
    /// Reads the authority's certificates from <paramref name="path"/> and checks that some endpoint serves HTTPS, so
    /// that the setting cannot silently protect nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file cannot be read, holds no certificate, or no endpoint serves HTTPS.</exception>
    public static X509Certificate2Collection LoadAuthority(string path, IEnumerable<string> listenUrls)
    {
        if (!listenUrls.Any(url => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException(
                $"{AuthoritySetting} is set, but no endpoint serves https://, so no client certificate would be checked; serve TLS (Kestrel:Endpoints:Grpc:Url=https://... with a Certificate) or remove the setting.");
        }

        var authority = new X509Certificate2Collection();
        try
        {
            authority.ImportFromPemFile(path);
            if (authority.Count == 0)
            {
                authority.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"{AuthoritySetting}: cannot read a certificate from {path}: {ex.Message}. Give the path of the authority's certificate, PEM or DER.", ex);
        }

        return authority;
    }

    /// <summary>Makes every HTTPS endpoint require a client certificate that <paramref name="authority"/> signed.</summary>
    public static void Require(HttpsConnectionAdapterOptions https, X509Certificate2Collection authority)
    {
        ArgumentNullException.ThrowIfNull(https);
        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
        https.ClientCertificateValidation = (certificate, _, _) => IsSignedBy(certificate, authority);
    }

    /// <summary>Whether <paramref name="certificate"/> chains to <paramref name="authority"/> and may authenticate a client.</summary>
    public static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2Collection authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authority);
        // A private authority seldom publishes revocation lists; rotating it, or its certificates' short lives, take their place.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        return chain.Build(certificate);
    }
}
