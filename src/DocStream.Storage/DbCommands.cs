using System.Data.Common;

namespace DocStream.Storage;

/// <summary>Runs parameterised SQL on a connection; parameters are always bound, never spliced into the text.</summary>
internal static class DbCommands
{
    public static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is built from constants; values always go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<object?> ScalarAsync(
        DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql, parameters);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is DBNull ? null : result;
    }

    public static async Task<int> ExecuteCountAsync(
        DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string, object?)> parameters, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(connection, transaction, sql, []);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
