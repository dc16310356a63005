namespace DocStream.Server.Hosting;

/// <summary>The sample corpus (configuration section <c>Corpus</c>).</summary>
public sealed class CorpusOptions
{
    /// <summary>Import the sample corpus when the server starts on an empty store.</summary>
    public bool ImportSamplesWhenEmpty { get; set; } = true;

    /// <summary>
    /// Directory of <c>*.txt</c> samples, relative to the working directory unless absolute, like every path in the
    /// configuration; unset, the five articles shipped beside the server binary.
    /// </summary>
    public string? SampleDirectory { get; set; }

    /// <summary>The directory the samples are read from: <see cref="SampleDirectory"/> made absolute, or the shipped one.</summary>
    public string ResolvedSampleDirectory =>
        Path.GetFullPath(string.IsNullOrEmpty(SampleDirectory) ? Path.Combine(AppContext.BaseDirectory, "samples", "news") : SampleDirectory);
}
