using DocStream.Search.Analysis;

namespace DocStream.Search.Tests.Analysis;

/// <summary>Runs the production analyzer the way the index does.</summary>
internal static class Analyze
{
    private static readonly DocStreamAnalyzer Analyzer = new();

    /// <summary>The word terms, one per word: what a query looks for.</summary>
    public static string[] Terms(string text) =>
        AnalyzedToken.Analyze(Analyzer, "body", text).Where(t => t.Kind == TokenKind.Word).Select(t => t.Term).ToArray();

    /// <summary>Every term indexed, stacked ones included, as <c>term@position</c>.</summary>
    public static string[] IndexedTerms(string text) =>
        AnalyzedToken.Analyze(Analyzer, "body", text).Select(t => $"{t.Term}@{t.Position}").ToArray();

    /// <summary>The word tokens, one per word.</summary>
    public static List<AnalyzedToken> Tokens(string text) =>
        AnalyzedToken.Analyze(Analyzer, "body", text).Where(t => t.Kind == TokenKind.Word).ToList();

    /// <summary>Every token, stacked ones included.</summary>
    public static List<AnalyzedToken> AllTokens(string text) => AnalyzedToken.Analyze(Analyzer, "body", text);
}
