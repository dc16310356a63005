using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream import PATH...</c>: sends files, and every <c>*.txt</c> under directories, through one
/// ImportDocuments stream, then prints how many were created, unchanged and failed, and why each failure failed.
/// </summary>
internal sealed class ImportCommand : ServerCommand
{
    /// <summary>An import of at least this many files shows a progress bar on a terminal.</summary>
    private const int ProgressMinimumFiles = 20;

    /// <summary>An import of at least this many bytes shows a progress bar on a terminal.</summary>
    private const long ProgressMinimumBytes = 4L * 1024 * 1024;

    private readonly Argument<string[]> _paths = new("path")
    {
        Description = "Files to import, or directories whose *.txt files (recursively) to import",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Creates the command.</summary>
    public ImportCommand(CliContext context)
        : base("import", "Import UTF-8 text files as documents", context)
    {
        Arguments.Add(_paths);
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var files = await CollectAsync(parseResult.GetValue(_paths)!);
        if (files is null)
        {
            return ExitCodes.Failure;
        }

        using var call = client.ImportDocuments(cancellationToken: cancellationToken);
        var totalBytes = files.Sum(file => file.Length);
        List<ImportFailure> unreadable;
        if (Console.IsOutputTerminal && (files.Count >= ProgressMinimumFiles || totalBytes >= ProgressMinimumBytes))
        {
            unreadable = await Console.CreateAnsiConsole().Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Importing {files.Count} files", maxValue: Math.Max(totalBytes, 1));
                    return await SendAsync(call.RequestStream, files, file => task.Increment(file.Length), cancellationToken);
                });
        }
        else
        {
            unreadable = await SendAsync(call.RequestStream, files, _ => { }, cancellationToken);
        }

        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;
        ImportReport.Write(Console.Out, response, unreadable);
        return response.FailedCount + unreadable.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>
    /// Writes one request per file; a file that cannot be read is left out and returned as a failure, the others
    /// still go.
    /// </summary>
    private static async Task<List<ImportFailure>> SendAsync(
        IClientStreamWriter<ImportDocumentsRequest> requests, IReadOnlyList<ImportFile> files, Action<ImportFile> sent, CancellationToken cancellationToken)
    {
        var unreadable = new List<ImportFailure>();
        foreach (var file in files)
        {
            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(file.Path, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new ImportFailure(file.SourceUri, $"cannot read the file: {ex.Message}"));
                sent(file);
                continue;
            }

            await requests.WriteAsync(new ImportDocumentsRequest { Content = UnsafeByteOperations.UnsafeWrap(content), SourceUri = file.SourceUri }, cancellationToken);
            sent(file);
        }

        return unreadable;
    }

    /// <summary>
    /// The files to import, in a stable order: each file path as given, named by its file name, and each
    /// directory's <c>*.txt</c> files, named by their path relative to it. Null, after saying why, when a path
    /// does not exist or nothing is left to import.
    /// </summary>
    private async Task<List<ImportFile>?> CollectAsync(IEnumerable<string> paths)
    {
        var files = new List<ImportFile>();
        var missing = false;
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(new ImportFile(path, Path.GetFileName(path), new FileInfo(path).Length));
            }
            else if (Directory.Exists(path))
            {
                var options = new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive };
                files.AddRange(new DirectoryInfo(path).EnumerateFiles("*.txt", options)
                    .Select(file => new ImportFile(file.FullName, Path.GetRelativePath(path, file.FullName).Replace('\\', '/'), file.Length))
                    .OrderBy(file => file.SourceUri, StringComparer.Ordinal));
            }
            else
            {
                await Console.Error.WriteLineAsync($"docstream: no such file or directory: {path}");
                missing = true;
            }
        }

        if (!missing && files.Count == 0)
        {
            await Console.Error.WriteLineAsync("docstream: nothing to import: the directories hold no *.txt files");
        }

        return missing || files.Count == 0 ? null : files;
    }

    /// <summary>A file to send.</summary>
    private sealed record ImportFile(string Path, string SourceUri, long Length);
}
