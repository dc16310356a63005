namespace DocStream.Server.Hosting;

/// <summary>The sample corpus (configuration section <c>Corpus</c>).</summary>
public sealed class CorpusOptions
{
    /// <summary>Import the sample corpus when the server starts on an empty store.</summary>
    public bool ImportSamplesWhenEmpty { get; set; } = true;

    /// <summary>Directory of <c>*.txt</c> samples, relative to the application directory unless absolute.</summary>
    public string SampleDirectory { get; set; } = "samples/news";
}
