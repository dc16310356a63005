using System.Diagnostics;
using System.Globalization;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

// Arguments: server address, server process id, view (full or basic), passes. Prints one line per pass:
// "pass N messages M msg_per_s R server_us_per_msg C".
var (address, serverPid, view, passes) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture),
    args[2] == "basic" ? DocumentView.Basic : DocumentView.Full, int.Parse(args[3], CultureInfo.InvariantCulture));
using var channel = GrpcChannel.ForAddress(address);
// Each message is taken as its length only: the client only frames, so the server side is what is measured.
var method = new Method<StreamDocumentsRequest, Length>(MethodType.ServerStreaming, DocumentService.Descriptor.FullName, "StreamDocuments",
    Marshallers.Create<StreamDocumentsRequest>(request => request.ToByteArray(), StreamDocumentsRequest.Parser.ParseFrom),
    new Marshaller<Length>((_, _) => throw new NotSupportedException("Responses are only read."), context => new Length(context.PayloadLength)));
for (var pass = 0; pass < passes; pass++)
{
    var cpuBefore = CpuTicks(serverPid);
    var stopwatch = Stopwatch.StartNew();
    long messages = 0;
    using var call = channel.CreateCallInvoker().AsyncServerStreamingCall(method, null, new CallOptions(), new StreamDocumentsRequest { View = view });
    while (await call.ResponseStream.MoveNext(CancellationToken.None))
    {
        messages++;
    }

    var cpuMicros = (CpuTicks(serverPid) - cpuBefore) * 10_000.0;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"pass {pass} messages {messages} msg_per_s {messages / stopwatch.Elapsed.TotalSeconds:0} server_us_per_msg {cpuMicros / messages:0.0}"));
}

// User and system time of a process in clock ticks (100 a second), fields 14 and 15 of /proc/PID/stat.
static long CpuTicks(int pid)
{
    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].Split(' ');
    return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
}

internal sealed record Length(int Bytes);
