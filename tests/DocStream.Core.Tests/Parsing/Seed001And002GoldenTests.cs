namespace DocStream.Core.Tests.Parsing;

/// <summary>Seed 001: no boilerplate at all, no final newline. Same event as seed 000 from another outlet.</summary>
public class Seed001GoldenTests
{
    private readonly DocStream.Core.Parsing.ParsedArticle _parsed = Seeds.Parse(Seeds.PutinCallsNoBoilerplate);

    [Fact]
    public void Parse_Seed001_TitleAndMetadataMatch()
    {
        Assert.Equal("كلم الرئيس الروسي بوتين نتنياهو وعباس – الكرملين", _parsed.Title);
        Assert.Null(_parsed.PublishedTime);
        Assert.Empty(_parsed.Sources);
        Assert.Equal("", _parsed.KeywordsLine);
        Assert.Empty(_parsed.Keywords);
        Assert.Equal("ar", _parsed.LanguageCode);
        Assert.Equal(2233, _parsed.CharacterCount);
        Assert.Equal(358, _parsed.WordCount);
        Assert.Empty(_parsed.Warnings);
    }

    [Fact]
    public void Parse_Seed001_EveryOtherLineIsBody()
    {
        Assert.Equal(11, _parsed.Body.Count);
        Assert.Equal(
            "تحدث الرئيس الروسي فلاديمير بوتين مع رئيس وزراء إسرائيل بنيامين نتنياهو، فضلا عن الرئيس الفلسطيني محمود عباس والعديد من قادة المنطقة الآخرين يوم الاثنين، مقدما طريقة لتخفيف حدة الأعمال العدائية.",
            _parsed.Body[0]);
        Assert.Equal(
            "اعتبارا من مساء الاثنين، أفادت وزارة الصحة الفلسطينية بأن أكثر من 2،800 فلسطيني قد قتلوا وأصيب أكثر من 10،800 بجروح بسبب غارات جوية إسرائيلية.",
            _parsed.Body[^1]);
    }

    [Fact]
    public void Parse_Seed001_ThousandsCommaInProseIsLeftAsWritten()
    {
        Assert.Contains(_parsed.Body, p => p.Contains("أكثر من 1،300 إسرائيلي", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_Seed001_NoBoilerplateSectionsFound()
    {
        Assert.Empty(_parsed.ReadAlso);
        Assert.Empty(_parsed.RelatedHeadlines);
        Assert.Empty(_parsed.EmbeddedPosts);
    }
}

/// <summary>Seed 002: date line, no blank lines, a bare "أخبار ذات صلة" line, unseparated keywords.</summary>
public class Seed002GoldenTests
{
    private readonly DocStream.Core.Parsing.ParsedArticle _parsed = Seeds.Parse(Seeds.PutinOffersHelp);

    [Fact]
    public void Parse_Seed002_TitleAndMetadataMatch()
    {
        Assert.Equal("بوتين يعرض المساعدة لإنهاء التصعيد في المنطقة", _parsed.Title);
        Assert.Equal(Seeds.Utc(2023, 10, 13), _parsed.PublishedTime);
        Assert.Equal(["صحيفة الاتحاد"], _parsed.Sources);
        Assert.Equal("ar", _parsed.LanguageCode);
        Assert.Equal(2374, _parsed.CharacterCount);
        Assert.Equal(400, _parsed.WordCount);
        Assert.Empty(_parsed.Warnings);
    }

    [Fact]
    public void Parse_Seed002_UnseparatedKeywords_KeepTheNamesItsBodyWritesTogether()
    {
        Assert.Equal("فلاديمير بوتين تصعيد قطاع غزة غزة إسرائيل", _parsed.KeywordsLine);
        Assert.Equal(["فلاديمير بوتين", "تصعيد", "قطاع", "غزة", "إسرائيل"], _parsed.Keywords);
    }

    [Fact]
    public void Parse_Seed002_BodyStopsBeforeRelatedNewsLine()
    {
        Assert.Equal(6, _parsed.Body.Count);
        Assert.Equal("عرض الرئيس الروسي فلاديمير بوتين، اليوم الجمعة، تقديم المساعدة من أجل وقف التصعيد الحالي في المنطقة.", _parsed.Body[0]);
        Assert.Equal(
            "وأوضح الرئيس الروسي أن المفاوضات يجب توجيهها نحو حل الدولتين للصراع في الشرق الأوسط بحيث يحصل الفلسطينيون على دولة عاصمتها القدس الشرقية.",
            _parsed.Body[^1]);
        Seeds.AssertNoBoilerplateIn(_parsed.Body);
    }

    [Fact]
    public void Parse_Seed002_ReadAlsoTeaserRunsToEndOfText()
    {
        var teaser = Assert.Single(_parsed.ReadAlso);
        Assert.Equal("ترامب: روسيا وأوكرانيا تقتربان بدرجة كبيرة من التوصل إلى اتفاق", teaser.Title);
        Assert.Equal(7, teaser.Paragraphs.Count);
        Assert.StartsWith("أعلن الرئيس الأمريكي دونالد ترامب، اليوم السبت،", teaser.Paragraphs[0], StringComparison.Ordinal);
        Assert.Equal(
            "كما أشار إلى أن شبه جزيرة القرم، التي ضمتها روسيا في عام 2014، من الصعب أن تعود تحت سيطرة أوكرانيا، مؤكدًا أنها \"سُلّمت إلى روسيا دون إطلاق رصاصة واحدة\"، وهو ما يعكس موقفًا يرى أن استعادتها من جانب كييف سيكون أمرًا بالغ التعقيد في سياق أي تسوية مقبلة.",
            teaser.Paragraphs[^1]);
        Assert.Empty(_parsed.RelatedHeadlines);
        Assert.Empty(_parsed.EmbeddedPosts);
    }
}
