using QuantumFlow.Models.Features;

namespace QuantumFlow.Models.Datasets;

/// <summary>Where a feature table goes (CSV, Parquet, memory). Rows of one book arrive in time order.</summary>
public interface IFeatureSink
{
    void Begin(FeatureSchema schema);
    void Write(FeatureRecord row);
    void End();
}
