using BenchmarkDotNet.Attributes;
using DocStream.Core.Parsing;

namespace DocStream.Bench.Micro;

/// <summary>ArticleParser.Parse on each seed article.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private string _text = "";

    /// <summary>The seed file.</summary>
    [ParamsSource(nameof(SeedNames))]
    public string Seed { get; set; } = "";

    /// <summary>The seed files.</summary>
    public static IEnumerable<string> SeedNames => Seeds.Names;

    /// <summary>Loads the seed.</summary>
    [GlobalSetup]
    public void Setup() => _text = Seeds.Text(Seed);

    /// <summary>Parses it.</summary>
    [Benchmark]
    public ParsedArticle Parse() => ArticleParser.Parse(_text);
}
