using System.Collections.Immutable;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction.Baselines;

namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// Scores the examples the live path produced (<see cref="ExampleCollector"/>): every member the predictor ran, its
/// ensemble, and the baselines, per market and pooled, with block-bootstrap intervals. Two kinds of baseline are kept
/// apart because they answer different questions: baselines fit on other data (<see cref="Settings.TrainedBaselines"/>)
/// are scored on the same examples as the models; baselines fit inside a session, on its first
/// <see cref="InSessionFitShare"/>, can only be scored on the rest, so that comparison has its own table where every
/// model is scored on that same rest.
/// </summary>
public static class PredictionEvaluator
{
    /// <summary>The first part of a session that the in-session baselines are fit on.</summary>
    public const double InSessionFitShare = 0.7;

    /// <summary>Without "unseen": the last part of each session, the test part of the train verb's 70/15/15 split.</summary>
    public const double TestShare = 0.15;

    public sealed record Settings
    {
        /// <summary>The recordings were not used to train the models: every example is scored.</summary>
        public bool AllUnseen { get; init; }

        public required LabelOptions Label { get; init; }

        /// <summary>Round-trip cost in bps (fees on both legs): the share of labels that move further is reported.</summary>
        public double RoundTripCostBps { get; init; } = 10;

        /// <summary>The inputs of the logistic baselines, in the order of <see cref="EvaluationExample.BaselineInputs"/>.</summary>
        public ImmutableArray<string> BaselineFeatures { get; init; } = LogisticRegressionModel.DefaultFeatures;

        /// <summary>Baselines fit on other recordings (the training data), scored like the models; may be empty.</summary>
        public IReadOnlyList<(string Name, string FitOn, Func<EvaluationExample, ClassProbabilities> Predict)> TrainedBaselines { get; init; } = [];

        public int Resamples { get; init; } = 200;
    }

    public static EvaluationReport Evaluate(IReadOnlyList<MarketExamples> markets, IReadOnlyList<string> members, Settings settings)
    {
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(settings);
        if (markets.Sum(m => m.Examples.Count) == 0) throw new ArgumentException("no labelled predictions to evaluate");
        var pooled = new List<EvaluationExample>();
        var segments = new List<(int Start, int Count)>();
        var blocks = new List<int>();
        var results = new List<MarketEvaluation>();
        foreach (MarketExamples market in markets)
        {
            IReadOnlyList<EvaluationExample> all = market.Examples;
            if (all.Count == 0) continue;
            int first = settings.AllUnseen ? 0 : (int)Math.Floor(all.Count * (1 - TestShare));
            List<EvaluationExample> scored = [.. all.Skip(first)];
            int block = BlockBootstrap.DefaultBlockLength(scored.Count, ExamplesPerHorizon(all, settings.Label));
            var bootstrap = new BlockBootstrap([(0, scored.Count)], block, settings.Resamples);
            segments.Add((pooled.Count, scored.Count));
            blocks.Add(block);
            pooled.AddRange(scored);
            double span = (all[^1].TimeNs - all[0].TimeNs) / 1e9;
            results.Add(new MarketEvaluation(market.Market, scored.Count, span, LabelShares(scored),
                scored.Count(e => Math.Abs(e.ReturnBps) > settings.RoundTripCostBps) / (double)scored.Count,
                Score(scored, members, settings.TrainedBaselines, bootstrap, "not fit on this recording"),
                InSession(all, first, members, settings), market.FinalEnsembleWeights)
            {
                InputsClippedOver1Percent = [.. market.InputClips.Where(c => c.Share > 0.01)],
                MaxInputClipShare = market.InputClips.Count == 0 ? 0 : market.InputClips[0].Share,
            });
        }
        // The largest market's block: the small ones would otherwise pull the pooled blocks below a horizon.
        int pooledBlock = blocks.Count == 0 ? 1 : blocks[segments.Select((s, i) => (s.Count, i)).MaxBy(x => x.Count).i];
        var pooledBootstrap = new BlockBootstrap(segments, pooledBlock, settings.Resamples);
        string data = settings.AllUnseen ? "every labelled prediction" : $"the last {TestShare:P0} of each session's labelled predictions (the train verb's test part)";
        string bootstrapNote = $"circular block bootstrap per market, {settings.Resamples} resamples, 95 % percentile intervals; blocks of at least two label horizons (pooled: {pooledBlock} examples, the largest market's)";
        return new EvaluationReport(data, settings.Label.Describe(), settings.RoundTripCostBps, [.. members], pooled.Count, bootstrapNote,
            Score(pooled, members, settings.TrainedBaselines, pooledBootstrap, "not fit on these recordings"), results);
    }

    private static InSessionComparison? InSession(IReadOnlyList<EvaluationExample> all, int firstScored, IReadOnlyList<string> members, Settings settings)
    {
        int cut = Math.Max(firstScored, (int)Math.Floor(all.Count * InSessionFitShare));
        if (cut >= all.Count) return null;
        // Purge: a fit example whose label horizon reaches into the test part has seen its prices.
        long testStart = all[cut].TimeNs;
        int fitEnd = settings.Label.Unit == HorizonUnit.Events
            ? (int)Math.Max(0, cut - settings.Label.Horizon)
            : CountBefore(all, cut, testStart - settings.Label.Horizon * 1_000_000);
        List<EvaluationExample> fit = [.. all.Take(fitEnd)];
        List<EvaluationExample> test = [.. all.Skip(cut)];
        if (fit.Count < 30 || test.Count == 0) return null;
        var majority = new MajorityClassModel(fit.Select(e => e.Label));
        var logistic = LogisticRegressionModel.Fit(settings.BaselineFeatures, [.. fit.Select(e => e.BaselineInputs)], [.. fit.Select(e => e.Label)]);
        int[] map = logistic.Scaler.Bind(settings.BaselineFeatures);
        const string inSession = "first part of this session";
        var baselines = new List<(string, string, Func<EvaluationExample, ClassProbabilities>)>
        {
            ("majority (in-session)", inSession, _ => majority.Probabilities),
            ("logistic (in-session)", inSession, e => logistic.PredictRow(e.BaselineInputs, map)),
        };
        baselines.AddRange(settings.TrainedBaselines);
        int block = BlockBootstrap.DefaultBlockLength(test.Count, ExamplesPerHorizon(all, settings.Label));
        var bootstrap = new BlockBootstrap([(0, test.Count)], block, settings.Resamples);
        string description = $"baselines fit on the first {fitEnd} labelled predictions of the session; every model scored on its last {test.Count} (from {(double)cut / all.Count:P0}), {cut - fitEnd} purged between";
        return new InSessionComparison(description, fit.Count, test.Count, Score(test, members, baselines, bootstrap, "not fit on this recording"));
    }

    private static int CountBefore(IReadOnlyList<EvaluationExample> all, int cut, long timeNs)
    {
        int n = 0;
        while (n < cut && all[n].TimeNs < timeNs) n++;
        return n;
    }

    private static List<ModelScore> Score(IReadOnlyList<EvaluationExample> examples, IReadOnlyList<string> members,
        IReadOnlyList<(string Name, string FitOn, Func<EvaluationExample, ClassProbabilities> Predict)> baselines, BlockBootstrap bootstrap, string membersFitOn)
    {
        LabelClass[] truth = [.. examples.Select(e => e.Label)];
        var columns = new List<(string Name, string FitOn, ClassProbabilities[] Said, LabelClass[]? Calls)>();
        for (int m = 0; m < members.Count; m++)
        {
            int slot = m;
            columns.Add((members[m], membersFitOn, [.. examples.Select(e => e.PerModel[slot])], null));
        }
        columns.Add(("ensemble", membersFitOn, [.. examples.Select(e => e.Ensemble)], [.. examples.Select(e => e.EnsembleCall)]));
        foreach (var b in baselines) columns.Add((b.Name, b.FitOn, [.. examples.Select(b.Predict)], null));
        var scores = new List<ModelScore>(columns.Count);
        foreach ((string name, string fitOn, ClassProbabilities[] said, LabelClass[]? calls) in columns)
        {
            var report = ClassificationReport.Compute(name, said, truth, calls: calls);
            var predicted = new byte[said.Length];
            var loss = new double[said.Length];
            for (int i = 0; i < said.Length; i++)
            {
                predicted[i] = (byte)(calls?[i] ?? said[i].Predicted);
                loss[i] = said[i].LogLoss(truth[i]);
            }
            Interval f1 = bootstrap.Interval(idx => MacroF1(predicted, truth, idx));
            Interval ll = bootstrap.Interval(idx => Mean(loss, idx));
            scores.Add(new ModelScore(name, fitOn, report, f1, ll));
        }
        return scores;
    }

    /// <summary>Macro-F1 over the three classes, as <see cref="ClassificationReport"/> computes it.</summary>
    private static double MacroF1(byte[] predicted, LabelClass[] truth, int[] idx)
    {
        Span<int> confusion = stackalloc int[9];
        foreach (int i in idx) confusion[(int)truth[i] * 3 + predicted[i]]++;
        double f1 = 0;
        for (int c = 0; c < 3; c++)
        {
            int tp = confusion[c * 3 + c];
            int said = confusion[c] + confusion[3 + c] + confusion[6 + c];
            int actual = confusion[c * 3] + confusion[c * 3 + 1] + confusion[c * 3 + 2];
            double precision = said > 0 ? (double)tp / said : 0, recall = actual > 0 ? (double)tp / actual : 0;
            f1 += precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        }
        return f1 / 3;
    }

    private static double Mean(double[] values, int[] idx)
    {
        double sum = 0;
        foreach (int i in idx) sum += values[i];
        return sum / idx.Length;
    }

    private static double[] LabelShares(IReadOnlyList<EvaluationExample> examples)
    {
        var shares = new double[3];
        foreach (EvaluationExample e in examples) shares[(int)e.Label]++;
        for (int c = 0; c < 3; c++) shares[c] /= examples.Count;
        return shares;
    }

    /// <summary>How many examples one label horizon spans: the horizon itself in events, measured in time.</summary>
    private static double ExamplesPerHorizon(IReadOnlyList<EvaluationExample> all, LabelOptions label)
    {
        if (label.Unit == HorizonUnit.Events) return label.Horizon;
        double spanMs = (all[^1].TimeNs - all[0].TimeNs) / 1e6;
        return spanMs <= 0 ? all.Count : all.Count / spanMs * label.Horizon;
    }
}
