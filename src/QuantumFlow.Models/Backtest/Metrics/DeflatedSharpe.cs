namespace QuantumFlow.Models.Backtest.Metrics;

/// <summary>
/// Bailey and Lopez de Prado (2014), "The Deflated Sharpe Ratio: Correcting for Selection Bias, Backtest Overfitting
/// and Non-Normality", J. Portfolio Management 40(5). All Sharpe ratios here are per period (not annualized), on the
/// same sampling as the returns; kurtosis is the raw fourth standardized moment (3 for a normal).
/// <list type="bullet">
/// <item>PSR(SR*) = Phi((SR - SR*) sqrt(T - 1) / sqrt(1 - skew SR + (kurt - 1) / 4 SR^2)).</item>
/// <item>SR* = E[max of N trial Sharpes under no skill] = sqrt(V) ((1 - g) Phi^-1(1 - 1/N) + g Phi^-1(1 - 1/(N e))),
/// g the Euler-Mascheroni constant, V the variance of the trials' Sharpe ratios.</item>
/// <item>DSR = PSR(SR*).</item>
/// </list>
/// </summary>
public static class DeflatedSharpe
{
    public const double EulerMascheroni = 0.5772156649015329;

    public static double Probabilistic(double sharpe, double benchmark, long periods, double skewness, double kurtosis)
    {
        if (periods < 2) return double.NaN;
        double denominator = 1 - skewness * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe;
        if (!(denominator > 0)) return double.NaN;
        return NormalDistribution.Cdf((sharpe - benchmark) * Math.Sqrt(periods - 1) / Math.Sqrt(denominator));
    }

    /// <summary>The Sharpe ratio the best of <paramref name="trials"/> skill-less configurations is expected to reach.</summary>
    public static double ExpectedMaximum(int trials, double trialSharpeVariance)
    {
        if (trials < 2) return 0;
        double g = EulerMascheroni;
        return Math.Sqrt(trialSharpeVariance) *
            ((1 - g) * NormalDistribution.InverseCdf(1 - 1.0 / trials) + g * NormalDistribution.InverseCdf(1 - 1.0 / (trials * Math.E)));
    }

    public static double Deflated(double sharpe, long periods, double skewness, double kurtosis, int trials, double trialSharpeVariance) =>
        Probabilistic(sharpe, ExpectedMaximum(trials, trialSharpeVariance), periods, skewness, kurtosis);
}
