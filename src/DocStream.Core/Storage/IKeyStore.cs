namespace DocStream.Core.Storage;

/// <summary>Random keys kept in the store, so that every instance sharing it signs with the same key.</summary>
public interface IKeyStore
{
    /// <summary>Returns the 32-byte random key stored under <paramref name="name"/>, creating it on first use.</summary>
    Task<byte[]> GetOrCreateKeyAsync(string name, CancellationToken cancellationToken);
}
