namespace QuantumFlow.Models.Backtest.Metrics;

/// <summary>Moments of a return series: mean, sample standard deviation (n - 1), downside deviation, skewness and raw kurtosis.</summary>
public readonly record struct ReturnStatistics(int Count, double Mean, double StdDev, double DownsideDeviation, double Skewness, double Kurtosis)
{
    public static ReturnStatistics Of(IReadOnlyList<double> r)
    {
        int n = r.Count;
        if (n == 0) return new(0, 0, 0, 0, 0, 3);
        double mean = r.Average();
        double m2 = 0, m3 = 0, m4 = 0, down = 0;
        foreach (double x in r)
        {
            double d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
            if (x < 0) down += x * x;
        }
        double variance = m2 / n;
        double std = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
        // A constant series has no shape: report the normal's (skew 0, kurtosis 3) rather than 0/0.
        double skew = variance > 0 ? m3 / n / Math.Pow(variance, 1.5) : 0;
        double kurt = variance > 0 ? m4 / n / (variance * variance) : 3;
        return new(n, mean, std, Math.Sqrt(down / n), skew, kurt);
    }

    /// <summary>Mean over standard deviation, per period; 0 when the series never moves (no trades: no risk, no return).</summary>
    public double Sharpe => StdDev > 0 ? Mean / StdDev : 0;

    /// <summary>Mean over downside deviation (root mean square of the negative returns, zeros counted), per period; null with no losses.</summary>
    public double? Sortino => DownsideDeviation > 0 ? Mean / DownsideDeviation : Mean == 0 ? 0 : null;
}
