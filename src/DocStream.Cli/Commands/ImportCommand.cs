using System.CommandLine;
using System.Runtime.CompilerServices;
using DocStream.Client;
using DocStream.Cli.Output;
using DocStream.Contracts.V1;
using Google.Protobuf;
using Grpc.Core;
using Spectre.Console;

namespace DocStream.Cli.Commands;

/// <summary>
/// <c>docstream import PATH... [--retries N]</c>: sends files, and every <c>*.txt</c> under directories, through
/// ImportDocumentBatches, then prints how many were created, unchanged and failed, and why each failure failed. When
/// the connection drops or the server restarts mid-way it resumes after the last batch the server acknowledged.
/// </summary>
internal sealed class ImportCommand : ServerCommand
{
    /// <summary>An import of at least this many files shows a progress bar on a terminal.</summary>
    private const int ProgressMinimumFiles = 20;

    /// <summary>An import of at least this many bytes shows a progress bar on a terminal.</summary>
    private const long ProgressMinimumBytes = 4L * 1024 * 1024;

    private readonly Option<int> _retries = RetriesOption.Create(defaultRetries: 5);

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
        Options.Add(_retries);
    }

    /// <inheritdoc />
    protected override async Task<int> ExecuteAsync(ParseResult parseResult, DocumentService.DocumentServiceClient client, CancellationToken cancellationToken)
    {
        var files = await CollectAsync(parseResult.GetValue(_paths)!);
        if (files is null)
        {
            return ExitCodes.Failure;
        }

        var source = new FileItems(files);
        var options = RetriesOption.ToResumeOptions(parseResult.GetValue(_retries), Console.Error);
        var results = new List<ImportResult>();
        var totalBytes = files.Sum(file => file.Length);
        try
        {
            if (Console.IsOutputTerminal && (files.Count >= ProgressMinimumFiles || totalBytes >= ProgressMinimumBytes))
            {
                await Console.CreateAnsiConsole().Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Importing {files.Count} files", maxValue: files.Count);
                        source.Done = () => task.Increment(1);
                        await ImportAsync(client, source, options, results, cancellationToken);
                    });
            }
            else
            {
                await ImportAsync(client, source, options, results, cancellationToken);
            }
        }
        catch (RpcException ex)
        {
            ErrorReport.Write(Console.Error, ex, parseResult.GetValue(Context.Address)!);
            await Console.Error.WriteLineAsync(
                $"docstream: the import stopped after {results.Count} of {files.Count} file(s) were stored or answered; importing the same paths again stores only the rest (the others come back unchanged)");
            ImportReport.Write(Console.Out, results, source.Unreadable);
            return ExitCodes.Failure;
        }

        ImportReport.Write(Console.Out, results, source.Unreadable);
        return results.Count(result => result.Outcome == ImportResult.Types.Outcome.Failed) + source.Unreadable.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task ImportAsync(
        DocumentService.DocumentServiceClient client, FileItems source, ResumeOptions options, List<ImportResult> results, CancellationToken cancellationToken)
    {
        await foreach (var result in client.ImportResumingAsync(source.From, options, cancellationToken))
        {
            results.Add(result);
            source.Done();
        }
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

    /// <summary>
    /// The files as import items, read one at a time as they are sent: a file that cannot be read is left out and
    /// kept as a failure, the others still go. Remembers which file each item was, so that an import resumed after
    /// item N starts again at that item's file.
    /// </summary>
    private sealed class FileItems(IReadOnlyList<ImportFile> files)
    {
        private readonly List<int> _fileOfItem = [];
        private readonly HashSet<int> _unreadableFiles = [];

        /// <summary>Called for each file answered (acknowledged, or found unreadable).</summary>
        public Action Done { get; set; } = () => { };

        /// <summary>The files that could not be read, and why.</summary>
        public List<ImportFailure> Unreadable { get; } = [];

        /// <summary>The items from the <paramref name="item"/>-th on.</summary>
        public async IAsyncEnumerable<ImportDocumentBatchesRequest> From(int item, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var file = item < _fileOfItem.Count ? _fileOfItem[item] : _fileOfItem.Count == 0 ? 0 : _fileOfItem[^1] + 1;
            _fileOfItem.RemoveRange(item, _fileOfItem.Count - item);
            for (; file < files.Count; file++)
            {
                byte[] content;
                try
                {
                    content = await File.ReadAllBytesAsync(files[file].Path, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    if (_unreadableFiles.Add(file))
                    {
                        Unreadable.Add(new ImportFailure(files[file].SourceUri, $"cannot read the file: {ex.Message}"));
                        Done();
                    }

                    continue;
                }

                _fileOfItem.Add(file);
                yield return new ImportDocumentBatchesRequest { Content = UnsafeByteOperations.UnsafeWrap(content), SourceUri = files[file].SourceUri };
            }
        }
    }
}
