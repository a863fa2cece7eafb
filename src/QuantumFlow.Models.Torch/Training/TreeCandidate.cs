using System.Collections.Immutable;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Prediction;
using QuantumFlow.Models.Prediction.Training;

namespace QuantumFlow.Models.Torch.Training;

/// <summary>
/// Gradient-boosted trees as a candidate member (issue 14: "if it wins on validation"): ML.NET FastTree, one binary
/// forest per class with calibrated outputs (one-versus-all), fit on the same training rows and model inputs as the
/// logistic member, scored by log-loss on the same validation part. It only reports: a member joins the ensemble when
/// it beats the logistic there, and until one does the node carries no ML.NET.
/// </summary>
public static class TreeCandidate
{
    /// <summary>Fits a small grid and logs each configuration's validation log-loss; returns the best.</summary>
    public static double Compare(IReadOnlyList<SessionRows> sessions, List<Example> train, List<Example> validation, ImmutableArray<string> features, int seed, Action<string> log)
    {
        int[] map = [.. features.Select(f => sessions[0].Names.IndexOf(f))];
        Row RowOf(Example e) => new()
        {
            Features = [.. map.Select(i => (float)sessions[e.Session].Rows[e.Row][i])],
            Label = ((int)sessions[e.Session].Labels[e.Row]!.Value).ToString(CultureInfo.InvariantCulture),
        };
        var ml = new MLContext(seed);
        IDataView trainData = ml.Data.LoadFromEnumerable(train.Select(RowOf), SchemaFor(ml, features.Length));
        Row[] validationRows = [.. validation.Select(RowOf)];
        IDataView validationData = ml.Data.LoadFromEnumerable(validationRows, SchemaFor(ml, features.Length));
        double best = double.PositiveInfinity;
        foreach ((int trees, int leaves) in new[] { (100, 16), (300, 32) })
        {
            var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue)
                .Append(ml.MulticlassClassification.Trainers.OneVersusAll(
                    ml.BinaryClassification.Trainers.FastTree(numberOfLeaves: leaves, numberOfTrees: trees, minimumExampleCountPerLeaf: 50, learningRate: 0.1)));
            ITransformer model = pipeline.Fit(trainData);
            float[][] scores = [.. ml.Data.CreateEnumerable<Scored>(model.Transform(validationData), reuseRowObject: false).Select(s => s.Score)];
            double loss = 0;
            for (int i = 0; i < validationRows.Length; i++)
            {
                float[] s = scores[i];
                double sum = s.Sum();
                var p = ClassProbabilities.Normalized(s[0] / sum, s[1] / sum, s[2] / sum);
                loss += p.LogLoss((LabelClass)int.Parse(validationRows[i].Label, CultureInfo.InvariantCulture));
            }
            loss /= validationRows.Length;
            log(string.Create(CultureInfo.InvariantCulture, $"trees (FastTree, one-versus-all, {trees} trees of {leaves} leaves): validation log-loss {loss:F4}"));
            best = Math.Min(best, loss);
        }
        return best;
    }

    private static SchemaDefinition SchemaFor(MLContext ml, int features)
    {
        SchemaDefinition schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return schema;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    private sealed class Scored
    {
        public float[] Score { get; set; } = [];
    }
}
