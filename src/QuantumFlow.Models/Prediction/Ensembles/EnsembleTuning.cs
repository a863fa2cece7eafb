using QuantumFlow.Models.Prediction.Evaluation;
using QuantumFlow.Models.Prediction.Live;

namespace QuantumFlow.Models.Prediction.Ensembles;

/// <summary>
/// Chooses the ensemble's temperature, floor, half-life, prior weight and floor ramp on validation data: each candidate is replayed over the
/// recorded member answers exactly as the live ensemble would have run (a label counts from the prediction that
/// resolved it on, <see cref="EvaluationExample.ResolvedAt"/>), per market, and the one with the lowest mean
/// log-loss over all examples wins. Log-loss, a proper scoring rule, both to weigh members and to choose.
/// </summary>
public static class EnsembleTuning
{
    public static readonly double[] Temperatures = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5];
    public static readonly double[] HalfLives = [50, 200, 500, 1_000, 2_000, 5_000];
    public static readonly double[] Floors = [0, 0.02, 0.05];
    public static readonly double[] PriorWeights = [0, 30, 100, 300];
    public static readonly double[] FloorRamps = [0, 300];

    /// <summary>The candidates, each with its mean log-loss, best first.</summary>
    public static List<(EnsembleOptions Options, double LogLoss)> Rank(IReadOnlyList<IReadOnlyList<EvaluationExample>> markets, IReadOnlyList<ModelInfo> members, EnsembleOptions? start = null)
    {
        ArgumentNullException.ThrowIfNull(markets);
        var results = new List<(EnsembleOptions, double)>();
        int n = markets.Sum(m => m.Count);
        if (n == 0) throw new ArgumentException("no examples to tune the ensemble on", nameof(markets));
        foreach (double t in Temperatures)
        foreach (double h in HalfLives)
        foreach (double f in Floors)
        foreach (double k in PriorWeights)
        foreach (double r in FloorRamps)
        {
            if (members.Count * f >= 1 || (f == 0 && r > 0)) continue;
            var options = (start ?? EnsembleOptions.Default) with { Temperature = t, HalfLife = h, Floor = f, PriorWeight = k, FloorRamp = r };
            double sum = 0;
            foreach (IReadOnlyList<EvaluationExample> market in markets) sum += Replay(market, members, options).Sum(p => p.LogLoss);
            results.Add((options, sum / n));
        }
        return [.. results.OrderBy(r => r.Item2)];
    }

    /// <summary>What the ensemble under <paramref name="options"/> would have said for each example of one market, and its log-loss.</summary>
    public static List<(ClassProbabilities Said, double LogLoss)> Replay(IReadOnlyList<EvaluationExample> market, IReadOnlyList<ModelInfo> members, EnsembleOptions options)
    {
        var ensemble = new PerformanceWeightedEnsemble(members.Select(m => m.Name), options, [.. members.Select(m => m.ValidationLogLoss)]);
        var said = new List<(ClassProbabilities, double)>(market.Count);
        // Examples come in label order, which for one book is prediction order: resolve all whose label was known
        // before example i was predicted, then mix example i.
        int resolved = 0;
        var answers = new ClassProbabilities[members.Count];
        for (int i = 0; i < market.Count; i++)
        {
            while (resolved < market.Count && market[resolved].ResolvedAt <= market[i].Index)
            {
                EvaluationExample r = market[resolved++];
                r.PerModel.CopyTo(answers);
                ensemble.Resolve(answers, r.Label);
            }
            market[i].PerModel.CopyTo(answers);
            ClassProbabilities p = ensemble.Combine(answers);
            said.Add((p, p.LogLoss(market[i].Label)));
        }
        return said;
    }
}
