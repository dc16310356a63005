using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Grpc;

/// <summary>Builds AIP-193 errors: a status code, a message that says what to fix, and machine-readable details.</summary>
public static class RpcErrors
{
    /// <summary>The <c>ErrorInfo.domain</c> of every DocStream error.</summary>
    public const string Domain = "docstream.v1";

    /// <summary>INVALID_ARGUMENT naming the bad <paramref name="field"/> in a <c>BadRequest</c> detail.</summary>
    public static RpcException InvalidArgument(string field, string reason, string description, IDictionary<string, string>? metadata = null) =>
        Build(Code.InvalidArgument, reason, $"{field}: {description}", metadata, new BadRequest
        {
            FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description, Reason = reason } },
        });

    /// <summary>INVALID_ARGUMENT for request bytes that are not a message of the method's request type.</summary>
    public static RpcException RequestMalformed(string method, string problem) =>
        Build(Code.InvalidArgument, "REQUEST_MALFORMED",
            $"the request is not a valid {method} request message ({problem}); send it with a client generated from the contract",
            new Dictionary<string, string> { ["method"] = method }, null);

    /// <summary>UNAUTHENTICATED: credentials missing (<c>CREDENTIALS_MISSING</c>) or not accepted (<c>CREDENTIALS_INVALID</c>).</summary>
    public static RpcException Unauthenticated(string reason, string message) => Build(Code.Unauthenticated, reason, message, null, null);

    /// <summary>PERMISSION_DENIED for a caller whose role is below the one <paramref name="method"/> requires.</summary>
    public static RpcException PermissionDenied(string method, string requiredRole, string role) =>
        Build(Code.PermissionDenied, "ROLE_TOO_LOW", $"{method} needs the role {requiredRole} or higher; these credentials have {role}",
            new Dictionary<string, string> { ["method"] = method, ["required_role"] = requiredRole, ["role"] = role }, null);

    /// <summary>
    /// RESOURCE_EXHAUSTED for a caller over one of its quotas (<c>REQUEST_RATE_EXCEEDED</c>,
    /// <c>CONCURRENT_STREAMS_EXCEEDED</c>), with a <c>RetryInfo</c> saying when to try again.
    /// </summary>
    public static RpcException QuotaExceeded(string reason, string message, TimeSpan retryAfter) =>
        Build(Code.ResourceExhausted, reason, message, null, new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) });

    /// <summary>NOT_FOUND for a document that does not exist.</summary>
    public static RpcException DocumentNotFound(string name) =>
        Build(Code.NotFound, "DOCUMENT_NOT_FOUND", $"{name} does not exist", new Dictionary<string, string> { ["name"] = name }, null);

    /// <summary>NOT_FOUND for a story no stored document belongs to.</summary>
    public static RpcException StoryNotFound(string name) =>
        Build(Code.NotFound, "STORY_NOT_FOUND", $"{name} does not exist", new Dictionary<string, string> { ["name"] = name }, null);

    /// <summary>FAILED_PRECONDITION for a regrouping asked of a server whose grouping is off.</summary>
    public static RpcException StoriesDisabled() =>
        Build(Code.FailedPrecondition, "STORIES_DISABLED", "story grouping is off on this server; set Stories:Enabled=true and restart", null, null);

    /// <summary>ABORTED for an etag that no longer matches (AIP-154).</summary>
    public static RpcException EtagMismatch(string name) =>
        Build(Code.Aborted, "ETAG_MISMATCH", $"{name} has changed since the etag was read; get it again and retry with the new etag",
            new Dictionary<string, string> { ["name"] = name }, null);

    /// <summary>FAILED_PRECONDITION for a document a method must send whole that is larger than one message.</summary>
    public static RpcException DocumentTooLargeForMessage(string name, long serializedSize, int maxMessageBytes) =>
        Build(Code.FailedPrecondition, "DOCUMENT_TOO_LARGE_FOR_MESSAGE",
            $"{name} is {serializedSize} bytes in the view asked for, over the {maxMessageBytes}-byte message limit; read it with BatchGetDocuments or StreamDocuments, which send it in chunks, or ask for view BASIC",
            new Dictionary<string, string> { ["name"] = name, ["serialized_size"] = serializedSize.ToString(System.Globalization.CultureInfo.InvariantCulture) }, null);

    /// <summary>OUT_OF_RANGE for a watch's resume token whose history has been pruned.</summary>
    public static RpcException ResumeTokenExpired(string message, long position, long oldestResumablePosition) =>
        Build(Code.OutOfRange, "RESUME_TOKEN_EXPIRED", message,
            new Dictionary<string, string>
            {
                ["position"] = position.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["oldest_resumable_position"] = oldestResumablePosition.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            null);

    /// <summary>UNAVAILABLE for a call the store could not serve now (its server unreachable, a connection lost, busy).</summary>
    public static RpcException StoreUnavailable() =>
        Build(Code.Unavailable, "STORE_UNAVAILABLE",
            "the document store cannot be reached or is busy right now; nothing was changed by this call unless it said so; retry with backoff",
            null, null);

    /// <summary>What to do after a stream the server ended because it is shutting down.</summary>
    public const string ShuttingDownResume =
        "the server is shutting down; call again (with the last resume_token received, where the stream has them) on another instance of the same store or on this one once it is back";

    /// <summary>What to do after a call the server stopped before it answered because it is shutting down.</summary>
    public const string ShuttingDownRetry =
        "the server is shutting down and stopped this call before it answered; call again on another instance of the same store or on this one once it is back";

    /// <summary>What to do after a call the server refused because it is shutting down.</summary>
    public const string ShuttingDownRefused =
        "the server is shutting down and takes no new calls; call another instance of the same store, or this one once it is back";

    /// <summary>What to do after a client stream the server stopped reading because it is shutting down.</summary>
    public const string ShuttingDownCutInput =
        "the server is shutting down and read no further: the items it answered (for ImportDocuments, in the ImportDocumentsResponse detail) are stored; " +
        "send the items after them again, to another instance of the same store or to this one once it is back";

    /// <summary>
    /// UNAVAILABLE <c>SERVER_SHUTTING_DOWN</c> for a call the server refuses or ends because it is shutting down, with
    /// what to do next and, for a cut import, the answer for what it stored.
    /// </summary>
    public static RpcException ShuttingDown(string whatToDo = ShuttingDownResume, Google.Protobuf.IMessage? answer = null) =>
        Build(Code.Unavailable, "SERVER_SHUTTING_DOWN", whatToDo, null, answer);

    private static RpcException Build(Code code, string reason, string message, IDictionary<string, string>? metadata, Google.Protobuf.IMessage? detail)
    {
        var errorInfo = new ErrorInfo { Reason = reason, Domain = Domain };
        if (metadata is not null)
        {
            errorInfo.Metadata.Add(metadata);
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(errorInfo) } };
        if (detail is not null)
        {
            status.Details.Add(Any.Pack(detail));
        }

        return status.ToRpcException();
    }
}
