using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Client;
using DocStream.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream watch [--filter EXPR] [--view basic|parsed|raw|full] [--start snapshot|now] [--resume-token TOKEN]
/// [--heartbeat SECONDS] [--retries N]</c>: follows the corpus, one JSON line per event as it arrives (every
/// document of the snapshot, <c>snapshot_complete</c>, then each change and heartbeat), large documents reassembled
/// from their chunks. Resumes by itself from the last token when the connection drops or the server restarts, and
/// runs until interrupted, which is how a watch ends and so exits 0.
/// </summary>
internal sealed class WatchCommand : ServerCommand
{
    private const string StartSnapshot = "snapshot";
    private const string StartNow = "now";

    private readonly Option<string> _filter = new("--filter")
    {
        Description = "Only documents that match, with the syntax of list --filter (deletions come whatever the filter)",
        HelpName = "EXPR",
    };

    private readonly Option<string> _view = ViewOption.Create();

    private readonly Option<string> _start = new("--start")
    {
        Description = "Where a watch without --resume-token begins: snapshot (every document, then the changes) or now (only the changes from now on)",
        DefaultValueFactory = _ => StartSnapshot,
    };

    // --resume as well, as `stream` spells it.
    private readonly Option<string> _resumeToken = new("--resume-token", "--resume")
    {
        Description = "Continue after the event of this resume_token (from an earlier watch with the same filter and view)",
        HelpName = "TOKEN",
    };

    private readonly Option<double?> _heartbeat = new("--heartbeat")
    {
        Description = "Seconds of silence after which the server sends a progress event, 0.1 to 600 (the server's default, 30, when left out)",
        HelpName = "SECONDS",
    };

    // More than `stream`'s 5: a watch runs for days, so it rides out a server restart of a minute or so.
    private readonly Option<int> _retries = RetriesOption.Create(defaultRetries: 10);

    /// <summary>Creates the command.</summary>
    public WatchCommand(CliContext context)
        : base("watch", "Follow the documents as they are created, updated and deleted, one JSON line per event, until Ctrl+C", context)
    {
        _start.AcceptOnlyFromAmong(StartSnapshot, StartNow);
        Options.Add(_filter);
        Options.Add(_view);
        Options.Add(_start);
        Options.Add(_resumeToken);
        Options.Add(_heartbeat);
        Options.Add(_retries);
        _heartbeat.Validators.Add(result =>
        {
            // The server judges the range; this only keeps out what is no duration at all.
            if (result.GetValueOrDefault<double?>() is { } seconds && !(seconds > 0 && seconds < TimeSpan.MaxValue.TotalSeconds))
            {
                result.AddError("--heartbeat takes a number of seconds greater than 0 (the server accepts 0.1 to 600)");
            }
        });
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var request = new WatchDocumentsRequest
        {
            Filter = parseResult.GetValue(_filter) ?? "",
            View = ViewOption.ToContract(parseResult.GetValue(_view)!),
            Start = parseResult.GetValue(_start) == StartNow ? WatchDocumentsRequest.Types.Start.Now : WatchDocumentsRequest.Types.Start.Snapshot,
        };
        if (parseResult.GetValue(_heartbeat) is { } heartbeat)
        {
            request.HeartbeatInterval = Duration.FromTimeSpan(TimeSpan.FromSeconds(heartbeat));
        }

        var watch = client.ResumingWatchDocuments(request, RetriesOption.ToResumeOptions(parseResult.GetValue(_retries), Console.Error));
        try
        {
            await foreach (var watchEvent in watch.ReadAsync(parseResult.GetValue(_resumeToken) ?? "", cancellationToken))
            {
                await Console.Out.WriteLineAsync(DocumentJson.FormatWatchLine(watchEvent));
            }
        }
        catch (Exception ex) when (IsInterruption(ex, cancellationToken))
        {
            // Ctrl+C: the end of every watch, since the stream itself never ends; reported below.
        }
        catch (RpcException ex) when (watch.ReceivedAny)
        {
            ErrorReport.Write(Console.Error, ex, parseResult.GetValue(Context.Address)!);
            await Console.Error.WriteLineAsync($"docstream: to continue where this watch stopped, run it again with --resume-token {watch.ResumeToken}");
            return ExitCodes.Failure;
        }

        await Console.Error.WriteLineAsync(watch.ReceivedAny
            ? $"docstream: watch stopped; to continue after the last event, run it again with --resume-token {watch.ResumeToken}"
            : "docstream: watch stopped");
        return ExitCodes.Success;
    }
}
