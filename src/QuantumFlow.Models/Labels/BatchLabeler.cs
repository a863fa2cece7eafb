namespace QuantumFlow.Models.Labels;

/// <summary>
/// Labels a whole recorded series at once, for datasets, by direct computation from the definition (no running
/// sums), so it doubles as the reference for <see cref="Labeler"/>. Points whose horizon runs past the end of the
/// series get no label, exactly as online they would never resolve.
/// </summary>
public static class BatchLabeler
{
    /// <returns>The labels, in point order, of every point whose horizon ends within the series.</returns>
    /// <exception cref="ArgumentOutOfRangeException">a mid is not positive and finite, or time goes backwards.</exception>
    public static Label[] Label(ReadOnlySpan<LabelPoint> points, LabelOptions? options = null)
    {
        options ??= LabelOptions.Default;
        options.Validate();
        for (int i = 0; i < points.Length; i++)
        {
            if (!(points[i].Mid > 0) || !double.IsFinite(points[i].Mid))
                throw new ArgumentOutOfRangeException(nameof(points), $"mid {points[i].Mid} of point {points[i].Sequence} is not a positive price");
            if (i > 0 && points[i].TimeNs < points[i - 1].TimeNs)
                throw new ArgumentOutOfRangeException(nameof(points), $"point {points[i].Sequence} is older than the one before it");
        }
        var labels = new List<Label>(points.Length);
        long h = options.Horizon;
        for (int i = 0; i < points.Length; i++)
        {
            double future;
            if (options.Unit == HorizonUnit.Events)
            {
                if (i + h >= points.Length) break;
                if (options.Smoothed)
                {
                    double sum = 0;
                    for (long j = i + 1; j <= i + h; j++) sum += points[(int)j].Mid;
                    future = sum / h;
                }
                else
                {
                    future = points[(int)(i + h)].Mid;
                }
            }
            else
            {
                long end = points[i].TimeNs + h * 1_000_000;
                if (points[^1].TimeNs <= end) break; // nothing proves the mid at t + h yet
                int j = i;
                while (points[j + 1].TimeNs <= end) j++;
                if (options.Smoothed)
                {
                    // Integral of the step path of mids over [t, t + h]: point k holds until the next point (or t + h).
                    double integral = 0;
                    for (int k = i; k <= j; k++)
                    {
                        long until = k < j ? points[k + 1].TimeNs : end;
                        integral += points[k].Mid * ((until - points[k].TimeNs) / 1e6);
                    }
                    future = integral / h;
                }
                else
                {
                    future = points[j].Mid;
                }
            }
            LabelPoint p = points[i];
            double threshold = options.ThresholdAt(p.SpreadBps, p.VolatilityBps);
            double returnBps = (future - p.Mid) / p.Mid * 1e4;
            labels.Add(new Label(p.Sequence, p.TimeNs, LabelOptions.Classify(returnBps, threshold), returnBps, threshold, future));
        }
        return [.. labels];
    }
}
