using QuantumFlow.Actors.Feeds.Common;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Feeds.Replay;

/// <summary>A recorded session replayed as if live (files in order, as <see cref="Models.Recording.RecordingFormat.Open"/> takes them).</summary>
public sealed record ReplayOptions(IReadOnlyList<string> Paths)
{
    /// <summary>Unknown: detected from the recording.</summary>
    public Venue Venue { get; init; } = Venue.Unknown;
    /// <summary>1 = real time by the recorded receive times, N = N times faster, 0 or infinity = as fast as the books take it.</summary>
    public double Speed { get; init; } = 1;
    /// <summary>Start again at the end, as a new connection and a new feed run.</summary>
    public bool Loop { get; init; }
    /// <summary>Replay at most this many payloads of each pass (a slice of the session).</summary>
    public long MaxPayloads { get; init; } = long.MaxValue;
    /// <summary>Payloads read ahead of the books by the background reader.</summary>
    public int ReadAhead { get; init; } = 4096;
    /// <summary>
    /// A replay waits for its books rather than dropping, so it needs far less backlog than a live feed: enough to keep
    /// batches full, little enough not to hold the whole recording in memory.
    /// </summary>
    public DeliveryOptions Delivery { get; init; } = new() { MaxBacklog = 20_000 };
    /// <summary>
    /// The replay reads on only while its oldest position not yet journaled was taken less than this long ago, so a
    /// restart repeats at most this much of the books' work (plus <see cref="CheckpointEvery"/>). A backlog in events
    /// cannot promise that: 20,000 events are a fraction of a second for a busy book and minutes for one that predicts
    /// on every update on a loaded node.
    /// </summary>
    public TimeSpan MaxLag { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How often the replay journals its position (once its books have journaled everything before it).</summary>
    public TimeSpan CheckpointEvery { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Names this replay in the journal (its <see cref="ReplayCursor"/>): the recordings' file names and sizes and the
    /// slice, not their folder, so the same files replayed from another checkout resume where they stopped.
    /// </summary>
    public string Key()
    {
        var text = new System.Text.StringBuilder();
        foreach (string path in Paths)
        {
            var file = new FileInfo(path);
            text.Append(file.Name).Append(':').Append(file.Exists ? file.Length : -1).Append('|');
        }
        text.Append(MaxPayloads);
        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash, 0, 12);
    }

    public static ReplayOptions AsFastAsPossible(params string[] paths) => new(paths) { Speed = double.PositiveInfinity };
}
