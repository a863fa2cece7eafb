using QuantumFlow.Models.Labels;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Datasets;

/// <summary>
/// One row of a feature table: a book update's features and, once its horizon has passed, its label. Reused by the
/// builder after the sink has written it: a sink copies what it keeps.
/// </summary>
public sealed class FeatureRecord
{
    public FeatureRecord(int features) => Values = new double[features];

    public Venue Venue { get; internal set; }
    public string Symbol { get; internal set; } = "";
    public long Sequence { get; internal set; }
    public long TimeNs { get; internal set; }
    public long ExchangeTimeNs { get; internal set; }
    public long ReceiveTimeNs { get; internal set; }
    public double[] Values { get; }
    /// <summary>False when the book was not valid or the recording ended before the horizon passed.</summary>
    public bool HasLabel { get; internal set; }
    public Label Label { get; internal set; }
}
