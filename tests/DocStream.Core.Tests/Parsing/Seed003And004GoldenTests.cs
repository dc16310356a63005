namespace DocStream.Core.Tests.Parsing;

/// <summary>Seed 003: date line, two sources, long unseparated keywords line, teaser to end of text.</summary>
public class Seed003GoldenTests
{
    private readonly DocStream.Core.Parsing.ParsedArticle _parsed = Seeds.Parse(Seeds.KremlinTerrorism);

    [Fact]
    public void Parse_Seed003_TitleAndMetadataMatch()
    {
        Assert.Equal("الكرملين: بوتين يؤكد لنتنياهو موقفه المبدئي المتمثل في رفضه وإدانته للإرهاب بكل أشكاله", _parsed.Title);
        Assert.Equal(Seeds.Utc(2023, 12, 10), _parsed.PublishedTime);
        Assert.Equal(["RT", "RT Arabic"], _parsed.Sources);
        Assert.Equal("ar", _parsed.LanguageCode);
        Assert.Equal(2232, _parsed.CharacterCount);
        Assert.Equal(360, _parsed.WordCount);
        Assert.Empty(_parsed.Warnings);
    }

    [Fact]
    public void Parse_Seed003_UnseparatedKeywords_KeepTheNamesItsBodyWritesTogether()
    {
        Assert.Equal(
            "الجيش الإسرائيلي الحرب على غزة القضية الفلسطينية الكرملين بنيامين نتنياهو طوفان الأقصى فلاديمير بوتين قطاع غزة",
            _parsed.KeywordsLine);
        Assert.Equal(
            ["الجيش الإسرائيلي", "الحرب", "على", "غزة", "القضية الفلسطينية", "الكرملين", "بنيامين نتنياهو", "طوفان", "الأقصى", "فلاديمير بوتين", "قطاع غزة"],
            _parsed.Keywords);
    }

    [Fact]
    public void Parse_Seed003_BodyHasSevenParagraphs()
    {
        Assert.Equal(7, _parsed.Body.Count);
        Assert.Equal(
            "بحث الرئيس الروسي فلاديمير بوتين في مكالمة هاتفية مع رئيس الوزراء الإسرائيلي بنيامين نتنياهو اليوم احتدام النزاع الفلسطيني الإسرائيلي، وتفاقم الوضع الإنساني في غرة.",
            _parsed.Body[0]);
        Assert.Equal("واتفقا على مواصلة الاتصالات الثنائية بهذا الصدد.", _parsed.Body[^1]);
        Seeds.AssertNoBoilerplateIn(_parsed.Body);
    }

    [Fact]
    public void Parse_Seed003_ReadAlsoTeaserHasEightParagraphs()
    {
        var teaser = Assert.Single(_parsed.ReadAlso);
        Assert.Equal("الصين مستعدة لأداء \"دور بناء\" لإنهاء حرب أوكرانيا", teaser.Title);
        Assert.Equal(8, teaser.Paragraphs.Count);
        Assert.StartsWith("أعلن وزير الخارجية الصيني وانغ يي، الثلاثاء،", teaser.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(
            "وعزّزت موسكو وبكين علاقاتهما العسكرية والتجارية منذ بدء الاجتياح الروسي لأوكرانيا في 2022، على الرغم من تأكيد الصين حيادها في هذا النزاع.",
            teaser.Paragraphs[^1]);
        Assert.Empty(_parsed.RelatedHeadlines);
        Assert.Empty(_parsed.EmbeddedPosts);
    }
}

/// <summary>Seed 004: long lead as title, subheadings in body, a teaser with a line of glued headlines, related list.</summary>
public class Seed004GoldenTests
{
    private const string GluedLine =
        "زيلينسكي يتهم بوتين بالتحضير لرفض أي اقتراح يتعلق بوقف إطلاق النار في أوكرانياالخارجية الروسية: نرفض نشر قوات أجنبية في أوكرانيا وسنرد بجميع الوسائلالكرملين: روسيا تبحث خيارات متزنة للتسوية في أوكرانياالكرملين : موسكو تتطلع لتسوية متزنة مع أوكرانياأخبار العالم | جيش الاحتلال يواصل خروقات وقف إطلاق النار في غزة.. وروسيا تعلن لأمريكا شروطها لإنهاء الحرب مع أوكرانياروسيا تعلن لأمريكا شروطها لاتفاق ينهي الحرب مع أوكرانيارفض أوكراني وتحذيرات من التلاعب";

    private readonly DocStream.Core.Parsing.ParsedArticle _parsed = Seeds.Parse(Seeds.RussiaCeasefire);

    [Fact]
    public void Parse_Seed004_TitleAndMetadataMatch()
    {
        // No headline line: the lead paragraph's first words, cut at its first clause.
        Assert.Equal("في إطار الهجمات العسكرية التي شنتها قوات الاحتلال الإسرائيلي على المدنيين في رفح…", _parsed.Title);
        Assert.Null(_parsed.PublishedTime);
        Assert.Equal(["الوطن"], _parsed.Sources);
        Assert.Equal("غزة روسيا الكرملين", _parsed.KeywordsLine);
        Assert.Equal(["غزة", "روسيا", "الكرملين"], _parsed.Keywords);
        Assert.Equal("ar", _parsed.LanguageCode);
        Assert.Equal(4650, _parsed.CharacterCount);
        Assert.Equal(754, _parsed.WordCount);
        Assert.StartsWith("no headline line: ", Assert.Single(_parsed.Warnings), StringComparison.Ordinal);
        Assert.Empty(_parsed.EmbeddedPosts);
    }

    [Fact]
    public void Parse_Seed004_BodyKeepsSubheadingsAsParagraphs()
    {
        Assert.Equal(7, _parsed.Body.Count);
        Assert.StartsWith("في إطار الهجمات العسكرية التي شنتها قوات الاحتلال الإسرائيلي على المدنيين في رفح،", _parsed.Body[0], StringComparison.Ordinal);
        Assert.EndsWith("بالإضافة إلى وقف إطلاق النار في مختلف المناطق بقطاع غزة.", _parsed.Body[0], StringComparison.Ordinal);
        Assert.Equal("روسيا مستعدة لتقديم دعمها لوقف إطلاق النار بغزة", _parsed.Body[1]);
        Assert.Equal("تصريحات وزير الخارجية الروسي عن الحرب في غزة", _parsed.Body[4]);
        Assert.Equal(
            "وأوضح «لافروف»، أن قرارات «واشنطن» تدفع الشرق الأوسط برمته نحو الكارثة، خاصة أن الأمريكيون يعملون على إيجاد حلول تناسب مصالح بلادهم على حساب الجميع، فضلا عن ضرورة التوصل إلى حل نهائي لإنهاء النزاع في المنطقة قبل الدخول في حرب دموية سيخسر فيها الجميع.",
            _parsed.Body[^1]);
        Seeds.AssertNoBoilerplateIn(_parsed.Body);
    }

    [Fact]
    public void Parse_Seed004_TeaserKeepsUnbulletedGluedHeadlinesAsOneParagraph()
    {
        var teaser = Assert.Single(_parsed.ReadAlso);
        Assert.Equal("ترامب يعلق على محادثات الوفد الأمريكي مع روسيا بشأن أوكرانيا", teaser.Title);
        Assert.Equal(11, teaser.Paragraphs.Count);
        Assert.StartsWith("أعرب الرئيس الأمريكي دونالد ترامب عن ارتياحه", teaser.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal("موافقة مبدئية من بوتين على الهدنة", teaser.Paragraphs[2]);
        Assert.Equal(GluedLine, teaser.Paragraphs[5]);
        Assert.Equal(
            "وفي ظل هذه التطورات، تبقى الأنظار موجهة إلى موسكو وواشنطن لمعرفة ما إذا كانت المفاوضات ستؤدي إلى تقدم حقيقي، أم أن الجمود سيظل سيد الموقف في النزاع الذي ألقى بظلاله على الأمن والاستقرار الدوليين.",
            teaser.Paragraphs[^1]);
    }

    [Fact]
    public void Parse_Seed004_RelatedHeadlinesOnePerBullet()
    {
        Assert.Equal(10, _parsed.RelatedHeadlines.Count);
        Assert.Equal("ليس من شأنها..ماكرون: قرار نشر قوات حفظ سلام بيد أوكرانيا لا روسيا", _parsed.RelatedHeadlines[0]);
        Assert.Equal("روسيا تجدد دعوة المحاصرين بكورسك للاستسلام واجتماع دولي لدعم أوكرانيا", _parsed.RelatedHeadlines[5]);
        Assert.Equal("ترامب يعلق على محادثات الوفد الأمريكي مع روسيا بشأن أوكرانيا", _parsed.RelatedHeadlines[^1]);
    }
}
