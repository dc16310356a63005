using System.CommandLine;
using DocStream.Contracts.V1;

namespace DocStream.Cli.Commands;

/// <summary>The <c>--view basic|parsed|raw|full</c> option of the commands that read whole documents.</summary>
internal static class ViewOption
{
    /// <summary>The option's word for <see cref="DocumentView.Basic"/>.</summary>
    public const string Basic = "basic";

    /// <summary>The option's word for <see cref="DocumentView.Parsed"/>.</summary>
    public const string Parsed = "parsed";

    /// <summary>The option's word for <see cref="DocumentView.Raw"/>.</summary>
    public const string Raw = "raw";

    /// <summary>The option's word for <see cref="DocumentView.Full"/>.</summary>
    public const string Full = "full";

    /// <summary>A new <c>--view</c> option, FULL unless told otherwise.</summary>
    public static Option<string> Create()
    {
        var option = new Option<string>("--view")
        {
            Description = "Which fields to return: full (everything), parsed (metadata and the parsed body, without the raw text), "
                + "raw (metadata and the raw text, without the parsed body) or basic (metadata only)",
            DefaultValueFactory = _ => Full,
        };
        option.AcceptOnlyFromAmong(Basic, Parsed, Raw, Full);
        return option;
    }

    /// <summary>The contract's view for the option's word.</summary>
    public static DocumentView ToContract(string value) => value switch
    {
        Basic => DocumentView.Basic,
        Parsed => DocumentView.Parsed,
        Raw => DocumentView.Raw,
        _ => DocumentView.Full,
    };

    /// <summary>Whether the view's documents carry their raw text.</summary>
    public static bool HasRawText(string value) => value is Raw or Full;
}
