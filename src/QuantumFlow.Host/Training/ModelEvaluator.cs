using System.Collections.Immutable;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Baselines;
using QuantumFlow.Models.Prediction.Bayesian;
using QuantumFlow.Models.Prediction.Ensembles;
using QuantumFlow.Models.Prediction.Evaluation;
using QuantumFlow.Models.Prediction.Training;
using QuantumFlow.Models.Torch;

namespace QuantumFlow.Host.Training;

/// <summary>
/// The evaluate verb's work. Scores only examples no model saw: the test part of the same chronological split the
/// train verb used (with <c>allUnseen</c>, for recordings not used in training, the validation part too). Baselines
/// (majority class, logistic regression on CKS OFI + micro-price deviation) are fit on the train part, always. The Bayesian learner and
/// the ensemble run online through the test examples in time order, learning from each label only once its horizon has
/// passed (h examples later), as they would live.
/// </summary>
public static class ModelEvaluator
{
    public static EvaluationResult Run(IReadOnlyList<SessionRows> sessions, IReadOnlyList<TorchSequenceModel> models, int window, long horizon, bool allUnseen)
    {
        ChronologicalSplit split = ChronologicalSplit.Make(sessions, window, horizon);
        // Recordings no network saw: validation and test parts are both unseen; the train part still only fits the baselines.
        List<Example> test = allUnseen ? [.. split.Validation, .. split.Test] : split.Test;
        test = [.. test.OrderBy(e => e.Session).ThenBy(e => e.Row)];
        if (test.Count == 0) throw new InvalidOperationException("no unseen labelled examples to evaluate");
        ImmutableArray<string> names = sessions[0].Names;
        LabelClass[] truth = [.. test.Select(e => sessions[e.Session].Labels[e.Row]!.Value)];

        // Baselines fit on the train part (never on what they are scored on).
        List<Example> fit = split.Train;
        var majority = new MajorityClassModel(fit.Select(e => sessions[e.Session].Labels[e.Row]!.Value));
        int[] lrMap = [.. LogisticRegressionModel.DefaultFeatures.Select(n => names.IndexOf(n))];
        var logistic = LogisticRegressionModel.Fit(LogisticRegressionModel.DefaultFeatures,
            [.. fit.Select(e => lrMap.Select(i => sessions[e.Session].Rows[e.Row][i]).ToArray())],
            [.. fit.Select(e => sessions[e.Session].Labels[e.Row]!.Value)]);

        var perModel = new Dictionary<string, List<ClassProbabilities>>();
        foreach (TorchSequenceModel model in models) perModel[model.Name] = Predict(model, sessions, test, names);
        perModel["majority"] = [.. test.Select(_ => majority.Probabilities)];
        int[] logisticMap = logistic.Scaler.Bind(names);
        perModel["logistic"] = [.. test.Select(e => logistic.PredictRow(sessions[e.Session].Rows[e.Row], logisticMap))];

        // Online: the Bayesian learner and the ensemble, with labels arriving h examples late, per session.
        var bayes = new List<ClassProbabilities>();
        var ensemble = new List<ClassProbabilities>();
        string[] members = [.. models.Select(m => m.Name), "bayes-state"];
        var weightsSeen = new List<ImmutableArray<double>>();
        foreach (IGrouping<int, (Example E, int K)> session in test.Select((e, k) => (e, k)).GroupBy(p => p.e.Session))
        {
            var learner = new DirichletStateModel();
            var mix = new PerformanceWeightedEnsemble(members);
            var window1 = new FeatureWindow(names, 1);
            var pending = new Queue<(double[] Row, ClassProbabilities[] Said, LabelClass Label)>();
            foreach ((Example e, int k) in session)
            {
                double[] row = sessions[e.Session].Rows[e.Row];
                window1.Push(row);
                ClassProbabilities b = learner.Predict(window1);
                bayes.Add(b);
                var said = new ClassProbabilities[members.Length];
                for (int m = 0; m < models.Count; m++) said[m] = perModel[models[m].Name][k];
                said[^1] = b;
                ensemble.Add(mix.Combine(said));
                pending.Enqueue((row, said, truth[k]));
                if (pending.Count > horizon)
                {
                    (double[] r, ClassProbabilities[] s, LabelClass y) = pending.Dequeue();
                    learner.Learn(r, y);
                    mix.Resolve(s, y);
                }
            }
            weightsSeen.Add(mix.Weights);
        }
        perModel["bayes-state"] = bayes;
        perModel["ensemble"] = ensemble;

        var reports = perModel.Select(kv => ClassificationReport.Compute(kv.Key, kv.Value, truth)).ToList();
        return new EvaluationResult(test.Count, allUnseen ? $"validation and test parts of recordings not used in training (purge {split.Purge} rows)" : $"test part of the chronological split (purge {split.Purge} rows)",
            [.. members], [.. weightsSeen.Select(w => w.ToArray())], reports);
    }

    private static List<ClassProbabilities> Predict(TorchSequenceModel model, IReadOnlyList<SessionRows> sessions, List<Example> examples, ImmutableArray<string> names)
    {
        var result = new List<ClassProbabilities>(examples.Count);
        const int batch = 256;
        var windows = new List<FeatureWindow>(batch);
        var output = new ClassProbabilities[batch];
        for (int start = 0; start < examples.Count; start += batch)
        {
            windows.Clear();
            for (int k = start; k < Math.Min(examples.Count, start + batch); k++)
            {
                Example e = examples[k];
                var w = new FeatureWindow(names, model.WindowLength);
                for (int r = Math.Max(0, e.Row - model.WindowLength + 1); r <= e.Row; r++) w.Push(sessions[e.Session].Rows[r]);
                windows.Add(w);
            }
            model.PredictBatch(windows, output);
            result.AddRange(output.Take(windows.Count));
        }
        return result;
    }
}

/// <summary>The evaluate verb's JSON output.</summary>
public sealed record EvaluationResult(int Examples, string Data, string[] EnsembleMembers, double[][] FinalEnsembleWeightsPerSession, List<ClassificationReport> Models);
