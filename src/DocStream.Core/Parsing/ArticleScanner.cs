namespace DocStream.Core.Parsing;

/// <summary>
/// One pass over the cleaned lines of an article. Every non-empty line is one paragraph. After the title,
/// each line is classified in this order: labelled line (source, keywords, date), section marker
/// (read-also, similar articles, related news), embedded post, bullet in a related list, bare date line,
/// and otherwise content of the current section.
/// </summary>
internal sealed class ArticleScanner(List<string> lines)
{
    private const int MaxWarnings = 50;
    private const string SimilarArticlesLabel = "مقالات مشابهة";

    private enum Section
    {
        Main,
        ReadAlso,
        Related,
    }

    private readonly List<string> _sources = [];
    private readonly HashSet<string> _sourceSet = new(StringComparer.Ordinal);
    private readonly List<string> _body = [];
    private readonly List<ReadAlsoTeaser> _readAlso = [];
    private readonly List<string> _related = [];
    private readonly List<EmbeddedPost> _posts = [];
    private readonly List<string> _warnings = [];

    private string? _title;
    private DateTimeOffset? _published;
    private string? _keywordsLine;
    private Section _section = Section.Main;
    private bool _bulletsFollowRelatedNews;
    private string? _teaserTitle;
    private List<string> _teaserParagraphs = [];
    private long _ignoredRelatedLines;
    private bool _warningsTruncated;
    private bool _leadInBody;

    public void Scan()
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            if (_title is null)
            {
                _title = line;
                if (HeadlineDeriver.IsLeadParagraph(line))
                {
                    // No headline line: the lead paragraph is content, and its first sentence stands in for the headline.
                    _title = HeadlineDeriver.Derive(line);
                    _body.Add(line);
                    _leadInBody = true;
                    Warn($"no headline line: the first line has over {HeadlineDeriver.MaxHeadlineWords} words, so it is kept as the first body paragraph and the title is its first sentence (at most {HeadlineDeriver.MaxDerivedWords} words)");
                }

                continue;
            }

            i = ClassifyLine(line, i);
        }

        CloseTeaser();
        if (_ignoredRelatedLines > 0)
        {
            Warn($"{_ignoredRelatedLines} unbulleted line(s) under '{SimilarArticlesLabel}' ignored");
        }
    }

    public ParsedArticle Build(string languageCode, long characterCount, long wordCount)
    {
        var keywordsLine = _keywordsLine ?? "";
        return new ParsedArticle(
            _title ?? "",
            _published,
            _sources,
            keywordsLine,
            KeywordSplitter.Split(keywordsLine, _body.Prepend(_title ?? "")),
            _body,
            _readAlso,
            _related,
            _posts,
            languageCode,
            characterCount,
            wordCount,
            _warnings);
    }

    /// <summary>Handles one non-empty line after the title; returns the index of the last line consumed.</summary>
    private int ClassifyLine(string line, int index)
    {
        if (TryHandleLabel(line) || TryHandleMarker(line))
        {
            return index;
        }

        if (_bulletsFollowRelatedNews)
        {
            if (LineClassifier.TryGetBullet(line, out var item))
            {
                HeadlineSplitter.SplitInto(item, _related);
                return index;
            }

            _bulletsFollowRelatedNews = false;
        }

        if (EmbeddedPostParser.TryMatch(lines, index, out var post))
        {
            _posts.Add(post.Post);
            if (post.DateUnreadable)
            {
                Warn($"embedded post date unreadable: '@{post.Post.Handle}'");
            }

            if (post.Trailing.Length > 0)
            {
                AddContent(post.Trailing);
            }

            return post.LastLine;
        }

        if (_section == Section.Main && _body.Count == (_leadInBody ? 1 : 0) && TryHandleBareDate(line))
        {
            return index;
        }

        AddContent(line);
        return index;
    }

    private bool TryHandleLabel(string line)
    {
        if (LineClassifier.TryGetSource(line, out var source))
        {
            if (source.Length == 0)
            {
                Warn("source line with no value");
            }
            else if (_sourceSet.Add(source))
            {
                _sources.Add(source);
            }

            return true;
        }

        if (LineClassifier.TryGetKeywords(line, out var keywords))
        {
            if (_keywordsLine is null)
            {
                _keywordsLine = keywords;
            }
            else if (!string.Equals(_keywordsLine, keywords, StringComparison.Ordinal))
            {
                Warn($"another keywords line ignored: '{TextHygiene.Excerpt(keywords)}'");
            }

            return true;
        }

        if (LineClassifier.TryGetDate(line, out var date))
        {
            HandleDateValue(date);
            return true;
        }

        // A last-updated line is metadata: kept out of the body (and of search), and never the publication date.
        return LineClassifier.IsUpdateLine(line);
    }

    private bool TryHandleMarker(string line)
    {
        if (LineClassifier.TryGetReadAlso(line, out var inlineTitle))
        {
            CloseTeaser();
            _section = Section.ReadAlso;
            _bulletsFollowRelatedNews = false;
            _teaserTitle = inlineTitle.Length > 0 ? inlineTitle : null;
            return true;
        }

        if (LineClassifier.IsSimilarArticlesMarker(line))
        {
            CloseTeaser();
            _section = Section.Related;
            _bulletsFollowRelatedNews = false;
            return true;
        }

        if (LineClassifier.IsRelatedNewsMarker(line))
        {
            _bulletsFollowRelatedNews = true;
            return true;
        }

        return false;
    }

    private void HandleDateValue(string value)
    {
        if (_section == Section.ReadAlso)
        {
            Warn($"date line inside a read-also teaser ignored: '{TextHygiene.Excerpt(value)}'");
            return;
        }

        var reading = DateLineParser.Read(value);
        if (reading.Status != DateReadingStatus.Readable && LineClassifier.IndexOfUpdatePhrase(value) is > 0 and var update)
        {
            // The publication date, then when it was last updated: the first part is the one to read.
            var published = value[..update].TrimEnd(' ', '|', '-', '–', '—', ',', '،', '(', '/');
            var first = DateLineParser.Read(published);
            if (first.Status == DateReadingStatus.Readable)
            {
                reading = first;
            }
        }

        switch (reading.Status)
        {
            case DateReadingStatus.Readable:
                AcceptDate(reading.Value!.Value, value);
                break;
            case DateReadingStatus.Invalid:
                Warn($"date line present but unreadable (no such day, or weekday does not match): '{TextHygiene.Excerpt(value)}'");
                break;
            default:
                Warn($"date line present but unreadable: '{TextHygiene.Excerpt(value)}'");
                break;
        }
    }

    /// <summary>A line that is nothing but a date, before the first body paragraph, is the date line.</summary>
    private bool TryHandleBareDate(string line)
    {
        var reading = DateLineParser.Read(line);
        switch (reading.Status)
        {
            case DateReadingStatus.Readable:
                AcceptDate(reading.Value!.Value, line);
                return true;
            case DateReadingStatus.Invalid:
                Warn($"date line present but unreadable (no such day, or weekday does not match): '{TextHygiene.Excerpt(line)}'");
                return true;
            default:
                return false;
        }
    }

    private void AcceptDate(DateTimeOffset date, string written)
    {
        if (_published is null)
        {
            _published = date;
        }
        else if (_published.Value != date)
        {
            Warn($"another date line disagrees with the first and was ignored: '{TextHygiene.Excerpt(written)}'");
        }
    }

    private void AddContent(string line)
    {
        switch (_section)
        {
            case Section.Main:
                _body.Add(line);
                break;
            case Section.ReadAlso when _teaserTitle is null:
                _teaserTitle = line;
                break;
            case Section.ReadAlso:
                _teaserParagraphs.Add(line);
                break;
            default:
                if (LineClassifier.TryGetBullet(line, out var item))
                {
                    HeadlineSplitter.SplitInto(item, _related);
                }
                else
                {
                    _ignoredRelatedLines++;
                }

                break;
        }
    }

    private void CloseTeaser()
    {
        if (_section != Section.ReadAlso)
        {
            return;
        }

        if (_teaserTitle is null)
        {
            Warn("read-also marker with no teaser text");
        }
        else
        {
            _readAlso.Add(new ReadAlsoTeaser(_teaserTitle, _teaserParagraphs));
        }

        _teaserTitle = null;
        _teaserParagraphs = [];
    }

    private void Warn(string warning)
    {
        if (_warnings.Count < MaxWarnings)
        {
            _warnings.Add(warning);
        }
        else if (!_warningsTruncated)
        {
            _warningsTruncated = true;
            _warnings.Add("further warnings suppressed");
        }
    }
}
