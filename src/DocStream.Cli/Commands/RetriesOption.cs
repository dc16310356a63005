using System.CommandLine;
using DocStream.Cli.Output;
using DocStream.Client;

namespace DocStream.Cli.Commands;

/// <summary>The <c>--retries N</c> option of the commands that resume a dropped stream by themselves.</summary>
internal static class RetriesOption
{
    /// <summary>A new <c>--retries</c> option that accepts 0 or more, <paramref name="defaultRetries"/> when left out.</summary>
    public static Option<int> Create(int defaultRetries)
    {
        var option = new Option<int>("--retries")
        {
            Description = "How many times in a row to reconnect and resume when the connection drops (waiting 0.5 s, then twice as long each time, up to 10 s)",
            DefaultValueFactory = _ => defaultRetries,
            HelpName = "N",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--retries must be 0 or more");
            }
        });
        return option;
    }

    /// <summary>Retries as <c>--retries</c> asks, each announced on <paramref name="log"/>.</summary>
    public static ResumeOptions ToResumeOptions(int retries, TextWriter log) => new()
    {
        MaxRetries = retries,
        OnResume = async notice =>
        {
            var from = notice.FromStart ? "from the start"
                : notice.Kind == ResumableKind.Import ? "after the last acknowledged file"
                : "from the last resume token";
            await log.WriteLineAsync(
                $"docstream: the {notice.Kind.Name} broke ({ErrorReport.StatusName(notice.Error.StatusCode)}: {notice.Error.Status.Detail}); resuming {from} in {notice.Delay.TotalSeconds:0.#} s (retry {notice.Retry} of {notice.MaxRetries})");
        },
    };
}
