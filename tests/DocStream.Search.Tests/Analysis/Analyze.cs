using DocStream.Search.Analysis;

namespace DocStream.Search.Tests.Analysis;

/// <summary>Runs the production analyzer the way the index does.</summary>
internal static class Analyze
{
    private static readonly DocStreamAnalyzer Analyzer = new();

    public static string[] Terms(string text) => AnalyzedToken.Analyze(Analyzer, "body", text).Select(t => t.Term).ToArray();

    public static List<AnalyzedToken> Tokens(string text) => AnalyzedToken.Analyze(Analyzer, "body", text);
}
