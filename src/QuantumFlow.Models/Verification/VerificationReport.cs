namespace QuantumFlow.Models.Verification;

/// <summary>The outcome of rebuilding one recorded stream (one file, or the files of one session in order).</summary>
public sealed record StreamVerification(
    IReadOnlyList<string> Files,
    string Venue,
    IReadOnlyList<string> Symbols,
    long Payloads,
    long Snapshots,
    long Updates,
    long Tickers,
    long Checked,
    long Mismatches,
    int Resyncs,
    long BadLines,
    IReadOnlyList<string> Problems)
{
    /// <summary>No snapshot ever arrived, so the book could never be rebuilt: reported, not a failure.</summary>
    public bool NoSnapshot => Snapshots == 0;
}
