namespace DocStream.Stories.Tests;

/// <summary>
/// Clustering scores of predicted stories against labelled ones: pairwise precision and recall (over pairs of items put
/// in one story) and BCubed precision, recall and F1 (Bagga and Baldwin 1998: per item, the share of its predicted
/// story that shares its label, and of its labelled story that shares its prediction, averaged over items).
/// </summary>
internal sealed record GroupingScores(double PairPrecision, double PairRecall, double BCubedPrecision, double BCubedRecall)
{
    public double BCubedF1 => 2 * BCubedPrecision * BCubedRecall / (BCubedPrecision + BCubedRecall);

    public static GroupingScores Of(IReadOnlyDictionary<string, string> predicted, IReadOnlyDictionary<string, string> labelled)
    {
        var items = labelled.Keys.ToList();
        long samePredicted = 0, sameLabelled = 0, sameBoth = 0;
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                var p = predicted[items[i]] == predicted[items[j]];
                var l = labelled[items[i]] == labelled[items[j]];
                samePredicted += p ? 1 : 0;
                sameLabelled += l ? 1 : 0;
                sameBoth += p && l ? 1 : 0;
            }
        }

        double precision = 0, recall = 0;
        foreach (var item in items)
        {
            var inPredicted = items.Where(other => predicted[other] == predicted[item]).ToList();
            var inLabelled = items.Where(other => labelled[other] == labelled[item]).ToList();
            precision += (double)inPredicted.Count(other => labelled[other] == labelled[item]) / inPredicted.Count;
            recall += (double)inLabelled.Count(other => predicted[other] == predicted[item]) / inLabelled.Count;
        }

        return new GroupingScores(
            samePredicted == 0 ? 1 : (double)sameBoth / samePredicted,
            sameLabelled == 0 ? 1 : (double)sameBoth / sameLabelled,
            precision / items.Count,
            recall / items.Count);
    }

    public override string ToString() =>
        $"pairwise P {PairPrecision:F3} R {PairRecall:F3}; BCubed P {BCubedPrecision:F3} R {BCubedRecall:F3} F1 {BCubedF1:F3}";
}
