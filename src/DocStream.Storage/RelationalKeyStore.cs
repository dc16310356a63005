using System.Security.Cryptography;
using DocStream.Core.Storage;
using static DocStream.Storage.DbCommands;

namespace DocStream.Storage;

/// <summary>Keys in the <c>secrets</c> table; the first instance to ask for one creates it.</summary>
/// <param name="database">The database holding the keys.</param>
internal sealed class RelationalKeyStore(RelationalDatabase database) : IKeyStore
{
    /// <inheritdoc />
    public async Task<byte[]> GetOrCreateKeyAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ScalarAsync(connection, null, "INSERT INTO secrets (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING",
            [("name", name), ("value", RandomNumberGenerator.GetBytes(32))], cancellationToken);
        return (byte[])(await ScalarAsync(connection, null, "SELECT value FROM secrets WHERE name = @name", [("name", name)], cancellationToken)
            ?? throw new InvalidOperationException($"Key {name} was not stored."));
    }
}
