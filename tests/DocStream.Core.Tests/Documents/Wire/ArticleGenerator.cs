using System.Text;
using DocStream.Core.Parsing;

namespace DocStream.Core.Tests.Documents.Wire;

/// <summary>
/// Parsed articles of every shape, from a seed: Arabic, Latin, digits, diacritics and characters outside the basic
/// plane; empty strings and lists; missing and pre-1970 times; counts from zero to huge.
/// </summary>
internal sealed class ArticleGenerator(int seed)
{
    private static readonly string[] Alphabets =
    [
        "ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأإةى",
        "abcdefghijklmnopqrstuvwxyz ABC",
        "0123456789٠١٢٣٤٥٦٧٨٩.,:؛،-",
        "\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652",
        "😀🌍📰𝔸\u00E9\u00FC\u2014\u00A0",
    ];

    private readonly Random _random = new(seed);

    public ParsedArticle Next() => new(
        Title: Text(0, 120),
        PublishedTime: Time(),
        Sources: List(0, 4, () => Text(0, 30)),
        KeywordsLine: Text(0, 80),
        Keywords: List(0, 8, () => Text(0, 20)),
        Body: List(0, 12, () => Text(0, 600)),
        ReadAlso: List(0, 3, () => new ReadAlsoTeaser(Text(0, 60), List(0, 4, () => Text(0, 300)))),
        RelatedHeadlines: List(0, 6, () => Text(0, 90)),
        EmbeddedPosts: List(0, 3, () => new EmbeddedPost(Text(0, 200), Text(0, 20), Text(0, 15), Time(), Text(0, 25))),
        LanguageCode: _random.Next(4) switch { 0 => "", 1 => "en", 2 => "und", _ => "ar" },
        CharacterCount: Count(),
        WordCount: Count(),
        Warnings: List(0, 3, () => Text(0, 60)));

    /// <summary>A time with whole microseconds, as the store keeps them, sometimes before 1970.</summary>
    public DateTimeOffset Moment() =>
        DateTimeOffset.UnixEpoch.AddTicks(_random.NextInt64(-300_000_000_000_000, 4_000_000_000_000_000) / 10 * 10);

    public string Text(int min, int max)
    {
        if (_random.Next(6) == 0)
        {
            return "";
        }

        var length = _random.Next(min, max + 1);
        var alphabet = Alphabets[_random.Next(Alphabets.Length)];
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            var at = _random.Next(alphabet.Length);
            // Keep surrogate pairs whole: a lone surrogate is not a character any parsed text holds.
            if (char.IsHighSurrogate(alphabet[at]))
            {
                builder.Append(alphabet, at, 2);
            }
            else if (!char.IsLowSurrogate(alphabet[at]))
            {
                builder.Append(alphabet[at]);
            }
        }

        return builder.ToString();
    }

    private DateTimeOffset? Time() => _random.Next(3) == 0 ? null : Moment();

    private long Count() => _random.Next(5) switch { 0 => 0, 1 => long.MaxValue, _ => _random.NextInt64(1, 1_000_000) };

    private IReadOnlyList<T> List<T>(int min, int max, Func<T> item) => [.. Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => item())];
}
