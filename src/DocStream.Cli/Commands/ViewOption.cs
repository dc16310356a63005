using System.CommandLine;
using DocStream.Contracts.V1;

namespace DocStream.Cli.Commands;

/// <summary>The <c>--view basic|full</c> option of the commands that read whole documents.</summary>
internal static class ViewOption
{
    /// <summary>The option's word for <see cref="DocumentView.Basic"/>.</summary>
    public const string Basic = "basic";

    /// <summary>The option's word for <see cref="DocumentView.Full"/>.</summary>
    public const string Full = "full";

    /// <summary>A new <c>--view</c> option, FULL unless told otherwise.</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>("--view")
        {
            Description = "Which fields to return: full (everything, with the raw text and the body) or basic (metadata only)",
            DefaultValueFactory = _ => Full,
        };
        option.AcceptOnlyFromAmong(Basic, Full);
        return option;
    }

    /// <summary>The contract's view for the option's word.</summary>
    public static DocumentView ToContract(string value) => value == Basic ? DocumentView.Basic : DocumentView.Full;
}
