namespace DocStream.Cli.Tests.Support;

/// <summary>Assertions on how a run of the CLI failed.</summary>
public static class CliAssert
{
    /// <summary>
    /// The run failed because the server refused a field: exit code 1, the status and the field's message first, then
    /// the <c>ErrorInfo</c> reason and the <c>BadRequest</c> violation, and never a stack trace.
    /// </summary>
    public static void RejectedField(CliResult result, string field, string reason)
    {
        Assert.True(result.ExitCode == ExitCodes.Failure, result.ToString());
        Assert.StartsWith($"docstream: INVALID_ARGUMENT: {field}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains($"  reason: {reason}", result.Error, StringComparison.Ordinal);
        Assert.Contains($"  field {field}: ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
