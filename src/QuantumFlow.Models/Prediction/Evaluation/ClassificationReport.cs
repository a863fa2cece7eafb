using QuantumFlow.Models.Labels;

namespace QuantumFlow.Models.Prediction.Evaluation;

/// <summary>
/// Out-of-sample quality of one model's probabilities: accuracy, balanced accuracy, macro-F1, per-class precision and
/// recall, the confusion matrix (rows = true class), log-loss, and calibration (mean confidence vs hit rate per
/// confidence decile, with the expected calibration error).
/// </summary>
public sealed record ClassificationReport(
    string Model,
    int Count,
    double Accuracy,
    double BalancedAccuracy,
    double MacroF1,
    double[] Precision,
    double[] Recall,
    int[][] Confusion,
    double LogLoss,
    double ExpectedCalibrationError,
    CalibrationBin[] Calibration)
{
    /// <param name="calls">
    /// What the model called, where that is not the arg max of its probabilities (the ensemble's
    /// <see cref="Ensembles.CallRule"/>): accuracy, the confusion and the F1s score the calls; calibration always scores
    /// the probabilities (confidence against the arg max's hit rate).
    /// </param>
    public static ClassificationReport Compute(string model, IReadOnlyList<ClassProbabilities> predicted, IReadOnlyList<LabelClass> truth, int bins = 10,
        IReadOnlyList<LabelClass>? calls = null)
    {
        if (predicted.Count != truth.Count) throw new ArgumentException("predictions and labels differ in count");
        if (calls is not null && calls.Count != truth.Count) throw new ArgumentException("calls and labels differ in count");
        int n = truth.Count;
        var confusion = new int[3][];
        for (int i = 0; i < 3; i++) confusion[i] = new int[3];
        double logLoss = 0;
        var binCount = new int[bins];
        var binConfidence = new double[bins];
        var binHits = new double[bins];
        for (int k = 0; k < n; k++)
        {
            ClassProbabilities p = predicted[k];
            LabelClass y = truth[k], yhat = p.Predicted;
            confusion[(int)y][(int)(calls?[k] ?? yhat)]++;
            logLoss += p.LogLoss(y);
            int b = Math.Min(bins - 1, (int)(p.Confidence * bins));
            binCount[b]++;
            binConfidence[b] += p.Confidence;
            binHits[b] += yhat == y ? 1 : 0;
        }
        var precision = new double[3];
        var recall = new double[3];
        double f1Sum = 0, recallSum = 0;
        int present = 0;
        for (int c = 0; c < 3; c++)
        {
            int tp = confusion[c][c];
            int predictedC = confusion[0][c] + confusion[1][c] + confusion[2][c];
            int actualC = confusion[c].Sum();
            precision[c] = predictedC > 0 ? (double)tp / predictedC : 0;
            recall[c] = actualC > 0 ? (double)tp / actualC : 0;
            if (actualC > 0)
            {
                present++;
                recallSum += recall[c];
            }
            f1Sum += precision[c] + recall[c] > 0 ? 2 * precision[c] * recall[c] / (precision[c] + recall[c]) : 0;
        }
        double ece = 0;
        var calibration = new List<CalibrationBin>();
        for (int b = 0; b < bins; b++)
        {
            if (binCount[b] == 0) continue;
            double conf = binConfidence[b] / binCount[b], hit = binHits[b] / binCount[b];
            calibration.Add(new CalibrationBin((double)b / bins, (double)(b + 1) / bins, binCount[b], conf, hit));
            ece += (double)binCount[b] / n * Math.Abs(conf - hit);
        }
        int correct = confusion[0][0] + confusion[1][1] + confusion[2][2];
        return new ClassificationReport(model, n, n > 0 ? (double)correct / n : double.NaN, present > 0 ? recallSum / present : double.NaN,
            f1Sum / 3, precision, recall, confusion, n > 0 ? logLoss / n : double.NaN, ece, [.. calibration]);
    }
}

/// <summary>Predictions whose confidence fell in [From, To): how many, their mean confidence, and how often they were right.</summary>
public sealed record CalibrationBin(double From, double To, int Count, double MeanConfidence, double HitRate);
