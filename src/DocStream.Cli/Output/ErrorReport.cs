using System.Text.RegularExpressions;
using DocStream.Client;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Cli.Output;

/// <summary>
/// Explains a failed call in a few lines on standard error: the status code and the server's message, then the
/// reason and the bad fields from the AIP-193 details. Never a stack trace.
/// </summary>
internal static partial class ErrorReport
{
    /// <summary>Writes the report for <paramref name="exception"/>, a call to the server at <paramref name="address"/>.</summary>
    public static void Write(TextWriter error, RpcException exception, string address)
    {
        if (exception.IsConnectionFailure())
        {
            error.WriteLine($"docstream: cannot reach the DocStream server at {address} ({Innermost(exception.Status.DebugException!).Message})");
            error.WriteLine($"  Is the server running there? Give its address with --address URL or {CliApplication.AddressVariable}.");
            return;
        }

        var where = exception.StatusCode == StatusCode.Unavailable ? $" (server {address})" : "";
        error.WriteLine($"docstream: {StatusName(exception.StatusCode)}: {exception.Status.Detail}{where}");
        var status = exception.GetRpcStatus();
        if (status?.GetDetail<ErrorInfo>() is { } info)
        {
            error.WriteLine($"  reason: {info.Reason}");
        }

        if (status?.GetDetail<BadRequest>() is { } badRequest)
        {
            foreach (var violation in badRequest.FieldViolations)
            {
                error.WriteLine($"  field {violation.Field}: {violation.Description}");
            }
        }

        if (exception.StatusCode == StatusCode.Unauthenticated)
        {
            error.WriteLine($"  Give the API key or JWT with {CliApplication.ApiKeyVariable} (or --api-key KEY).");
        }
    }

    /// <summary>The status code as gRPC spells it: <c>NOT_FOUND</c>, <c>FAILED_PRECONDITION</c>.</summary>
    public static string StatusName(StatusCode code) => WordBoundary().Replace(code.ToString(), "_").ToUpperInvariant();

    /// <summary>The reason of the call's <c>ErrorInfo</c> detail, or null when it has none.</summary>
    public static string? Reason(RpcException exception) => exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex WordBoundary();
}
