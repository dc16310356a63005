using DocStream.Core.Querying;
using DocStream.Search.Analysis;
using DocStream.Search.Indexing;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DocStream.Search.Querying;

/// <summary>A query ready to run: the Lucene query, the filter, and the terms to mark in snippets.</summary>
/// <param name="Query">Matches and scores documents.</param>
/// <param name="Filter">Restricts by source, language and published time; null for none.</param>
/// <param name="Highlight">The words and phrases looked for (not the excluded ones), as snippets mark them.</param>
public sealed record CompiledQuery(Query Query, Filter? Filter, HighlightPattern Highlight);

/// <summary>
/// Turns a <see cref="SearchQuery"/> into a Lucene query with the same analyzer the index uses. Each word or phrase
/// becomes a disjunction over <see cref="IndexFields.Searched"/> (title weighted 3×); a word that analyzes to several
/// terms (<c>covid-19</c>) is a phrase; words that analyze to nothing (stop words) are dropped.
/// </summary>
public static class QueryCompiler
{
    /// <summary>Compiles <paramref name="query"/> restricted to <paramref name="filter"/>.</summary>
    /// <exception cref="QuerySyntaxException">Every word looked for is a stop word or punctuation.</exception>
    public static CompiledQuery Compile(SearchQuery query, DocumentFilter filter, Analyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(filter);
        var words = new HashSet<string>(StringComparer.Ordinal);
        var phrases = new List<IReadOnlyList<PhraseTerm>>();
        var root = new BooleanQuery();
        foreach (var group in query.Required)
        {
            var alternatives = new List<Query>();
            foreach (var atom in group)
            {
                var (terms, exactForm) = Words(analyzer, atom.Text);
                if (terms.Count > 0)
                {
                    alternatives.Add(AcrossFields(terms, exactForm));
                    if (terms.Count == 1)
                    {
                        words.Add(terms[0].Term);
                    }
                    else
                    {
                        phrases.Add([.. terms.Select(t => new PhraseTerm(t.Term, t.Position - terms[0].Position))]);
                    }
                }
            }

            switch (alternatives.Count)
            {
                case 0:
                    continue;
                case 1:
                    root.Add(alternatives[0], Occur.MUST);
                    break;
                default:
                    var any = new BooleanQuery();
                    foreach (var alternative in alternatives)
                    {
                        any.Add(alternative, Occur.SHOULD);
                    }

                    root.Add(any, Occur.MUST);
                    break;
            }
        }

        if (root.Clauses.Count == 0)
        {
            throw new QuerySyntaxException(query.Required[0][0].Position, QuerySyntaxException.NoSearchableTerms,
                "the query has no searchable word: its words are too common (stop words such as في, من, the) or punctuation");
        }

        foreach (var atom in query.Excluded)
        {
            var (terms, _) = Words(analyzer, atom.Text);
            if (terms.Count > 0)
            {
                root.Add(AcrossFields(terms, exactForm: null), Occur.MUST_NOT);
            }
        }

        return new CompiledQuery(root, ToFilter(filter), new HighlightPattern(words, phrases));
    }

    /// <summary>The Lucene filter for <paramref name="filter"/>; null when it matches everything.</summary>
    public static Filter? ToFilter(DocumentFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var clauses = new BooleanQuery();
        foreach (var source in filter.Sources)
        {
            clauses.Add(new TermQuery(new Term(IndexFields.Source, source)), Occur.MUST);
        }

        if (filter.LanguageCode is { } language)
        {
            clauses.Add(new TermQuery(new Term(IndexFields.Language, language)), Occur.MUST);
        }

        if (filter.PublishedFromMicros is not null || filter.PublishedBeforeMicros is not null)
        {
            clauses.Add(
                NumericRangeQuery.NewInt64Range(IndexFields.Published, filter.PublishedFromMicros, filter.PublishedBeforeMicros, true, false),
                Occur.MUST);
        }

        if (filter.StoryId is { } story)
        {
            clauses.Add(new TermQuery(new Term(IndexFields.Story, story)), Occur.MUST);
        }

        if (filter.NearDuplicate is { } nearDuplicate)
        {
            clauses.Add(new TermQuery(new Term(IndexFields.NearDuplicate, nearDuplicate ? "true" : "false")), Occur.MUST);
        }

        return clauses.Clauses.Count == 0 ? null : new QueryWrapperFilter(clauses);
    }

    /// <summary>
    /// The word terms of a query word or phrase, and for a single word with a short stem its exact form. A query's
    /// words are taken as written: proclitic alternatives are for the document side, so that <c>مجلس</c> finds
    /// <c>لمجلس</c>, not the other way round.
    /// </summary>
    private static (List<AnalyzedToken> Terms, string? ExactForm) Words(Analyzer analyzer, string text)
    {
        var analyzed = AnalyzedToken.Analyze(analyzer, IndexFields.Body, text);
        var terms = analyzed.Where(token => token.Kind == TokenKind.Word).ToList();
        var exactForm = terms.Count == 1 && analyzed.Count > 1 && analyzed[1].Kind == TokenKind.ExactForm ? analyzed[1].Term : null;
        return (terms, exactForm);
    }

    /// <summary>
    /// A word or phrase in any searched field; a word's exact form, where it has one, is an optional clause that
    /// doubles the field's weight, so exact matches rank above matches of the short stem alone.
    /// </summary>
    private static BooleanQuery AcrossFields(List<AnalyzedToken> terms, string? exactForm)
    {
        var across = new BooleanQuery();
        foreach (var (field, boost) in IndexFields.Searched)
        {
            if (exactForm is not null)
            {
                across.Add(new TermQuery(new Term(field, exactForm)) { Boost = boost }, Occur.SHOULD);
            }

            Query perField;
            if (terms.Count == 1)
            {
                perField = new TermQuery(new Term(field, terms[0].Term));
            }
            else
            {
                var phrase = new PhraseQuery();
                var first = terms[0].Position;
                foreach (var token in terms)
                {
                    phrase.Add(new Term(field, token.Term), token.Position - first);
                }

                perField = phrase;
            }

            perField.Boost = boost;
            across.Add(perField, Occur.SHOULD);
        }

        return across;
    }
}
