using DocStream.Contracts.V1;
using DocStream.Server.Tests.Hostile;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;

namespace DocStream.Server.Tests.InProcess;

/// <summary>The hostile inputs that once got a wrong answer, each with the answer it must get.</summary>
public sealed class HostileCasesTests : InProcessTests
{
    public static TheoryData<string, string> ComplexFilters() => new()
    {
        // The filter language has neither OR nor parentheses: those are malformed, whatever their size.
        { HostileRequests.ComplexExpressions().Single(e => e.Kind == "filter of 1000 ANDs").Value, "FILTER_TOO_COMPLEX" },
        { HostileRequests.ComplexExpressions().Single(e => e.Kind == "filter of 5000 ORs").Value, "FILTER_TOO_COMPLEX" },
        { HostileRequests.ComplexExpressions().Single(e => e.Kind == "filter nested 5000 deep").Value, "FILTER_TOO_COMPLEX" },
        { string.Join(" AND ", Enumerable.Range(0, 33).Select(i => $"source = \"s{i}\"")), "FILTER_TOO_COMPLEX" },
        { "(source = \"x\")", "FILTER_INVALID" },
    };

    public static TheoryData<string> ComplexQueries() => [.. HostileRequests.ComplexExpressions().Where(e => e.Field == "query").Select(e => e.Value)];

    [Theory]
    [MemberData(nameof(ComplexFilters))]
    public async Task ListDocuments_FilterTooLongOrTooManyComparisons_IsInvalidArgumentFilterTooComplex(string filter, string reason)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListDocumentsAsync(new ListDocumentsRequest { Filter = filter }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(reason, error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task ListDocuments_ThirtyTwoComparisons_AreRun()
    {
        var filter = string.Join(" AND ", Enumerable.Range(0, 32).Select(i => $"source = \"s{i}\""));

        var page = await Client.ListDocumentsAsync(new ListDocumentsRequest { Filter = filter });

        Assert.Empty(page.Documents);
    }

    [Theory]
    [MemberData(nameof(ComplexQueries))]
    public async Task SearchDocuments_QueryTooComplex_IsInvalidArgumentQueryTooComplex(string query)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = Client.SearchDocuments(new SearchDocumentsRequest { Query = query });
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("QUERY_TOO_COMPLEX", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task ListDocuments_DoubleEquals_SaysToWriteOneEquals()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ListDocumentsAsync(new ListDocumentsRequest { Filter = "source == \"x\"" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("write = for equality", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(99)]
    [InlineData(-1)]
    public async Task GetDocument_ViewOutOfRange_IsInvalidArgumentViewUnknown(int view)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetDocumentAsync(new GetDocumentRequest { Name = "documents/0123456789abcdef0123456789abcdef", View = (DocumentView)view }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("VIEW_UNKNOWN", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Theory]
    [InlineData("\0\0\0\0")]
    [InlineData("\u200B\u200C\u200D\u2060")]
    [InlineData("\u202E\u2066\u2069\u061C\u200F")]
    [InlineData("\uFEFF \n\0\t\u00AD")]
    public async Task CreateDocument_NoVisibleText_IsInvalidArgumentDocumentEmpty(string text)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFromUtf8(text) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("DOCUMENT_EMPTY", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Theory]
    [InlineData("docstream.v1.DocumentService", "GetDocument", MethodType.Unary)]
    [InlineData("docstream.v1.DocumentService", "DeleteDocument", MethodType.Unary)]
    [InlineData("grpc.health.v1.Health", "Check", MethodType.Unary)]
    [InlineData("grpc.reflection.v1.ServerReflection", "ServerReflectionInfo", MethodType.DuplexStreaming)]
    [InlineData("grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo", MethodType.DuplexStreaming)]
    public async Task AnyService_MalformedBytes_IsInvalidArgumentRequestMalformed(string service, string name, MethodType type)
    {
        var bytes = Marshallers.Create(bytes => bytes, bytes => bytes);
        var method = new Method<byte[], byte[]>(type, service, name, bytes, bytes);
        var invoker = Channel.CreateCallInvoker();
        byte[] truncatedVarint = [0x08, 0xFF, 0xFF];

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            if (type == MethodType.Unary)
            {
                await invoker.AsyncUnaryCall(method, null, default, truncatedVarint);
                return;
            }

            using var call = invoker.AsyncDuplexStreamingCall(method, null, default);
            await call.RequestStream.WriteAsync(truncatedVarint);
            await call.RequestStream.CompleteAsync();
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("REQUEST_MALFORMED", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Contains($"{service}/{name}", error.Status.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string> OversizedFields() => new()
    {
        // A headline of twenty words of half a megabyte each.
        string.Join(' ', Enumerable.Repeat(new string('خ', 250_000), 20)) + "\n\nنص.\n",
        "عنوان\n\nنص.\n\nمقالات مشابهة\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"• عنوان خبر مشابه رقم {i}\n")),
    };

    [Theory]
    [MemberData(nameof(OversizedFields))]
    public async Task BasicReads_ADocumentWhoseParsedFieldsWouldBeHuge_FitInOneSmallMessage(string text)
    {
        var created = await Client.CreateDocumentAsync(new CreateDocumentRequest { Content = ByteString.CopyFromUtf8(text) });

        var got = await Client.GetDocumentAsync(new GetDocumentRequest { Name = created.Name, View = DocumentView.Basic });
        var page = await Client.ListDocumentsAsync(new ListDocumentsRequest { View = DocumentView.Basic });

        Assert.InRange(got.CalculateSize(), 1, DocStreamApplicationFactory.MaxMessageBytes);
        Assert.Contains(got.ParseWarnings, warning => warning.Contains("cut to fit a BASIC read", StringComparison.Ordinal));
        Assert.Equal(created.Name, Assert.Single(page.Documents).Name);
    }

    [Fact]
    public async Task CreateDocument_SourceUriOverTheLimit_IsInvalidArgumentOnSourceUri()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateDocumentAsync(
            new CreateDocumentRequest { Content = ByteString.CopyFromUtf8("عنوان\n\nنص."), SourceUri = new string('u', 2049) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("SOURCE_URI_TOO_LONG", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal("source_uri", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
    }
}
