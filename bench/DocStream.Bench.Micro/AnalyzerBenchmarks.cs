using BenchmarkDotNet.Attributes;
using DocStream.Core.Parsing;
using DocStream.Search.Analysis;
using DocStream.Search.Indexing;
using Lucene.Net.Analysis.TokenAttributes;

namespace DocStream.Bench.Micro;

/// <summary>The search analysis chain (<see cref="DocStreamAnalyzer"/>) over each seed's headline and body paragraphs, as indexing runs it.</summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private readonly DocStreamAnalyzer _analyzer = new();
    private (string Field, string Text)[] _values = [];

    /// <summary>The seed file.</summary>
    [ParamsSource(nameof(SeedNames))]
    public string Seed { get; set; } = "";

    /// <summary>The seed files.</summary>
    public static IEnumerable<string> SeedNames => Seeds.Names;

    /// <summary>Parses the seed into the values the index analyses.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var parsed = ArticleParser.Parse(Seeds.Text(Seed));
        _values = [(IndexFields.Title, parsed.Title), .. parsed.Body.Select(paragraph => (IndexFields.Body, paragraph))];
    }

    /// <summary>Releases the analyzer.</summary>
    [GlobalCleanup]
    public void Cleanup() => _analyzer.Dispose();

    /// <summary>Analyses every value; returns the number of terms and their total length, so nothing is optimised away.</summary>
    [Benchmark]
    public long Analyze()
    {
        long total = 0;
        foreach (var (field, text) in _values)
        {
            using var stream = _analyzer.GetTokenStream(field, text);
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                total += 1 + term.Length;
            }

            stream.End();
        }

        return total;
    }
}
