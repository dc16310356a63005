using DocStream.Contracts.V1;

namespace DocStream.Server.Security;

/// <summary>
/// The role every RPC of the service requires: the one place that says who may call what. A method of the contract
/// without an entry here keeps the server from starting (and fails a test), so a new RPC cannot go out unprotected.
/// </summary>
public static class RpcRoles
{
    /// <summary>The role each DocumentService method requires, by method name.</summary>
    public static IReadOnlyDictionary<string, Role> DocumentService { get; } = new Dictionary<string, Role>(StringComparer.Ordinal)
    {
        ["GetDocument"] = Role.Reader,
        ["BatchGetDocuments"] = Role.Reader,
        ["ListDocuments"] = Role.Reader,
        ["StreamDocuments"] = Role.Reader,
        ["WatchDocuments"] = Role.Reader,
        ["SearchDocuments"] = Role.Reader,
        ["ListStories"] = Role.Reader,
        ["GetStory"] = Role.Reader,
        ["CreateDocument"] = Role.Writer,
        ["ImportDocuments"] = Role.Writer,
        ["ImportDocumentBatches"] = Role.Writer,
        ["DeleteDocument"] = Role.Admin,
        ["RebuildSearchIndex"] = Role.Admin,
        ["RegroupStories"] = Role.Admin,
    };

    /// <summary>The services anyone may call unless <c>Auth:OpenHealthAndReflection</c> is false: load balancers and grpcurl.</summary>
    public static IReadOnlySet<string> HealthAndReflection { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
    };

    /// <summary>The contract's methods that have no role here; empty, or the server refuses to start.</summary>
    public static IReadOnlyList<string> Undeclared() =>
        [.. Contracts.V1.DocumentService.Descriptor.Methods.Select(method => method.Name).Where(name => !DocumentService.ContainsKey(name))];

    /// <summary>
    /// The role a call of <paramref name="fullMethod"/> (<c>/docstream.v1.DocumentService/GetDocument</c>) requires;
    /// null for one anyone may make.
    /// </summary>
    public static Role? Required(string fullMethod, bool openHealthAndReflection) =>
        (openHealthAndReflection ? OpenCache : ClosedCache).GetOrAdd(fullMethod, method => Resolve(method, openHealthAndReflection));

    // Per method path, so that a call looks its role up without taking the path apart.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Role?> OpenCache = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Role?> ClosedCache = new(StringComparer.Ordinal);

    private static Role? Resolve(string fullMethod, bool openHealthAndReflection)
    {
        var path = fullMethod.AsSpan().TrimStart('/');
        var slash = path.IndexOf('/');
        var service = slash < 0 ? path.ToString() : path[..slash].ToString();
        if (service == Contracts.V1.DocumentService.Descriptor.FullName)
        {
            // A method the map lacks cannot be reached: the server does not start without it. Admin, should it ever be.
            return DocumentService.TryGetValue(path[(slash + 1)..].ToString(), out var role) ? role : Role.Admin;
        }

        return openHealthAndReflection && HealthAndReflection.Contains(service) ? null : Role.Reader;
    }
}
