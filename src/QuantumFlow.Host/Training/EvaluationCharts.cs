using QuantumFlow.Models.Prediction.Evaluation;
using ScottPlot;

namespace QuantumFlow.Host.Training;

/// <summary>The evaluate verb's PNGs: balanced accuracy and macro-F1 per model, and a reliability diagram.</summary>
public static class EvaluationCharts
{
    public static IReadOnlyList<string> Write(EvaluationReport report, string directory)
    {
        List<ClassificationReport> models = [.. report.Pooled.Select(m => m.Report)];
        Directory.CreateDirectory(directory);
        var written = new List<string>();

        var scores = new Plot();
        var bars = new List<Bar>();
        for (int i = 0; i < models.Count; i++)
        {
            ClassificationReport r = models[i];
            bars.Add(new Bar { Position = i * 3, Value = r.BalancedAccuracy, FillColor = Colors.SteelBlue });
            bars.Add(new Bar { Position = i * 3 + 1, Value = r.MacroF1, FillColor = Colors.Orange });
        }
        scores.Add.Bars(bars);
        scores.Axes.Bottom.SetTicks([.. models.Select((_, i) => i * 3 + 0.5)], [.. models.Select(r => r.Model)]);
        scores.Add.HorizontalLine(1.0 / 3, pattern: LinePattern.Dashed, color: Colors.Gray);
        scores.Title($" balanced accuracy (blue), macro-F1 (orange); {report.Examples} examples, pooled");
        scores.Axes.SetLimitsY(0, 1);
        string scoresPath = Path.Combine(directory, "scores.png");
        scores.SavePng(scoresPath, 1000, 500);
        written.Add(scoresPath);

        var reliability = new Plot();
        reliability.Add.Line(0, 0, 1, 1).LinePattern = LinePattern.Dashed;
        foreach (ClassificationReport r in models)
        {
            if (r.Calibration.Length == 0) continue;
            var s = reliability.Add.Scatter(r.Calibration.Select(b => b.MeanConfidence).ToArray(), r.Calibration.Select(b => b.HitRate).ToArray());
            s.LegendText = $"{r.Model} (ECE {r.ExpectedCalibrationError:F3})";
        }
        reliability.ShowLegend();
        reliability.Title("Reliability: confidence vs hit rate per confidence decile");
        reliability.XLabel("mean confidence");
        reliability.YLabel("hit rate");
        reliability.Axes.SetLimits(0, 1, 0, 1);
        string reliabilityPath = Path.Combine(directory, "reliability.png");
        reliability.SavePng(reliabilityPath, 800, 700);
        written.Add(reliabilityPath);
        return written;
    }
}
