namespace QuantumFlow.Actors.Prediction;

/// <summary>Asks a node-local model actor how it has been doing; the answer is <see cref="ModelStats"/>.</summary>
public sealed record GetModelStats
{
    public static readonly GetModelStats Instance = new();
}

/// <summary>
/// A model actor's counters since it started: windows scored, forward passes (batches) and the largest, batches that
/// failed (answered uniform), and the mean compute time per window (the batch's time shared by its windows).
/// </summary>
public sealed record ModelStats(string Name, string Version, string Implementation, int WindowLength, long Requests, long Batches, int LargestBatch,
    long FailedBatches, double MeanMsPerWindow)
{
    public double MeanBatch => Batches == 0 ? 0 : (double)Requests / Batches;
}
