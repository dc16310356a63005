using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace DocStream.Storage.Sqlite;

/// <summary>
/// Read connections kept open, each holding one statement prepared, for the point reads by id behind GetDocument
/// and BatchGetDocuments: preparing the SELECT anew was about an eighth of a GetDocument call. A statement holds no
/// read transaction between calls (its reader resets it), so each call sees the latest commit. Up to
/// <see cref="MaxIdlePerStatement"/> idle connections are kept per statement; a burst of more concurrent calls
/// opens more, and closes them as they come back.
/// </summary>
internal sealed class PreparedLookups(string connectionString) : IDisposable
{
    /// <summary>Idle connections kept per statement.</summary>
    public const int MaxIdlePerStatement = 16;

    private readonly ConcurrentDictionary<string, ConcurrentBag<Lookup>> _idle = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary>Runs <paramref name="sql"/> with <c>@id</c> bound to <paramref name="id"/> and hands its reader to <paramref name="read"/>.</summary>
    public async Task<T> QueryAsync<T>(string sql, string id, Func<SqliteDataReader, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var idle = _idle.GetOrAdd(sql, _ => []);
        var lookup = idle.TryTake(out var kept) ? kept : await Lookup.OpenAsync(connectionString, sql, cancellationToken);
        var reusable = false;
        try
        {
            lookup.Id.Value = id;
            T result;
            await using (var reader = await lookup.Command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken))
            {
                result = await read(reader);
            }

            reusable = true;
            return result;
        }
        finally
        {
            // A lookup that failed midway may be in any state: close it rather than keep it.
            if (reusable && !_disposed && idle.Count < MaxIdlePerStatement)
            {
                idle.Add(lookup);
                if (_disposed)
                {
                    // Dispose ran between the check and the add and may have missed this one.
                    CloseIdle();
                }
            }
            else
            {
                lookup.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }

    private void CloseIdle()
    {
        foreach (var idle in _idle.Values)
        {
            while (idle.TryTake(out var lookup))
            {
                lookup.Dispose();
            }
        }
    }

    private sealed class Lookup(SqliteConnection connection, SqliteCommand command, SqliteParameter id) : IDisposable
    {
        public SqliteCommand Command { get; } = command;

        public SqliteParameter Id { get; } = id;

        public static async Task<Lookup> OpenAsync(string connectionString, string sql, CancellationToken cancellationToken)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                var command = connection.CreateCommand();
#pragma warning disable CA2100 // The store's own constant SQL; the id goes through the parameter.
                command.CommandText = sql;
#pragma warning restore CA2100
                var id = command.Parameters.Add("@id", SqliteType.Text);
                command.Prepare();
                return new Lookup(connection, command, id);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public void Dispose()
        {
            Command.Dispose();
            connection.Dispose();
        }
    }
}
