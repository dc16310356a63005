namespace DocStream.Core.Tests.Parsing;

/// <summary>Seed 000: a lead paragraph and no headline line, two source spellings, a read-also teaser holding a tweet, related list.</summary>
public class Seed000GoldenTests
{
    private readonly DocStream.Core.Parsing.ParsedArticle _parsed = Seeds.Parse(Seeds.PutinCallsSawa);

    [Fact]
    public void Parse_Seed000_TitleIsTheLeadParagraphsFirstWordsCutAtAClauseAndSaysSo()
    {
        Assert.Equal("تحدّث الرئيس الروسيّ، فلاديمير بوتين، الإثنين، مع رئيس الحكومة الإسرائيلية، بنيامين نتنياهو ، والرئيس الفلسطيني، محمود عباس…", _parsed.Title);
        Assert.StartsWith("no headline line: ", Assert.Single(_parsed.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Seed000_MetadataFieldsMatch()
    {
        Assert.Null(_parsed.PublishedTime);
        Assert.Equal(["وكالة سوا", "وكالة سوا الإخبارية"], _parsed.Sources);
        Assert.Equal("", _parsed.KeywordsLine);
        Assert.Empty(_parsed.Keywords);
        Assert.Equal("ar", _parsed.LanguageCode);
        Assert.Equal(4233, _parsed.CharacterCount);
        Assert.Equal(681, _parsed.WordCount);
    }

    [Fact]
    public void Parse_Seed000_BodyIsTheLeadAndElevenParagraphsWithoutBoilerplate()
    {
        Assert.Equal(12, _parsed.Body.Count);
        Assert.Equal(
            "تحدّث الرئيس الروسيّ، فلاديمير بوتين، الإثنين، مع رئيس الحكومة الإسرائيلية، بنيامين نتنياهو ، والرئيس الفلسطيني، محمود عباس ، والمصري عبد الفتاح السيسي، والإيراني إبراهيم رئيسي، والرئيس السوري بشار الأسد، في ظلّ الحرب على غزة .",
            _parsed.Body[0]);
        Assert.Equal("وبحسب ما أعلن الكرملين، فإن بوتين قد \"أكد لنتنياهو استعداد روسيا للمساعدة في إنهاء المواجهة\".", _parsed.Body[1]);
        Assert.Equal("واعتبر بوتين مرة جديدة أن الحلّ المستدام للنزاع الإسرائيلي الفلسطيني، يتمثّل في \"إنشاء دولة فلسطينية مستقلة\".", _parsed.Body[^1]);
        Seeds.AssertNoBoilerplateIn(_parsed.Body);
    }

    [Fact]
    public void Parse_Seed000_ReadAlsoTeaserKeepsTextGluedAfterTweet()
    {
        var teaser = Assert.Single(_parsed.ReadAlso);
        Assert.Equal("بايدن عن لقاء محتمل مع رئيس روسيا: أشك في حضور بوتين", teaser.Title);
        Assert.Equal(7, teaser.Paragraphs.Count);
        Assert.Equal(
            "لم يستبعد الرئيس الأمريكي جو بايدن بصفة أساسية، احتمال عقد اجتماع مع الرئيس الروسي فلاديمير بوتين، على هامش القمتين المقبلتين لمجموعة العشرين ومنتدى التعاون الاقتصادي لآسيا والمحيط الهادئ(أبيك)، لكنه أعرب عن شكوكه في حضور الرئيس الروسي.",
            teaser.Paragraphs[0]);
        Assert.Equal(
            "ومن المقرر أن تعقد قمة مجموعة العشرين في البرازيل يومي 18 و19 نوفمبر (تشرين الثاني). أما المواعيد الرسمية لقمة منتدى التعاون الاقتصادي لدول آسيا والمحيط الهادئ في بيرو، فهي في الفترة من 9 إلى 16 نوفمبر (تشرين الثاني).",
            teaser.Paragraphs[3]);
        Assert.Equal(
            "ولم ترد الحكومة البرازيلية على تصريحات بعض أعضاء مجموعة العشرين، مثل الرئيس الفرنسي إيمانويل ماكرون، الذي طالب بطرح دعوة الرئيس الروسي للمناقشة. وتتولى البرازيل الرئاسة الدورية لمجموعة العشرين هذا العام.",
            teaser.Paragraphs[^1]);
        Assert.DoesNotContain(teaser.Paragraphs, p => p.Contains("t.co", StringComparison.Ordinal) || p.Contains("@20fourMedia", StringComparison.Ordinal));
        Assert.DoesNotContain(teaser.Title, _parsed.Body);
    }

    [Fact]
    public void Parse_Seed000_EmbeddedTweetIsExtracted()
    {
        var post = Assert.Single(_parsed.EmbeddedPosts);
        Assert.Equal("أوكرانيا وإسرائيل تورطان #بايدن وأمريكا في حروبهما..رغم أنفه", post.Text);
        Assert.Equal("24.ae", post.Author);
        Assert.Equal("20fourMedia", post.Handle);
        Assert.Equal(Seeds.Utc(2024, 9, 28), post.PostTime);
        Assert.Equal("https://t.co/RGLikXoVrJ", post.Url);
    }

    [Fact]
    public void Parse_Seed000_RelatedHeadlinesOnePerBullet()
    {
        Assert.Equal(10, _parsed.RelatedHeadlines.Count);
        Assert.Equal("الكرملين: بوتين منفتح على الحوار مع بايدن لكن لا خطط لعقد محادثات بينهما", _parsed.RelatedHeadlines[0]);
        Assert.Equal("الكرملين: بوتين منفتح على الحوار مع بايدن.. لكن لا خطط لعقد محادثات بينهما", _parsed.RelatedHeadlines[1]);
        Assert.Equal("بايدن عن لقاء محتمل مع رئيس روسيا: أشك في حضور بوتين", _parsed.RelatedHeadlines[4]);
        Assert.Equal("الكرملين: روسيا تبقى على اتصال مع جميع أطراف الصراع في الشرق الأوسط", _parsed.RelatedHeadlines[^1]);
    }
}
