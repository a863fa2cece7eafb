namespace QuantumFlow.Actors.Feeds.Common;

public enum FeedState : byte
{
    /// <summary>Opening the connection (or the recording).</summary>
    Connecting,
    /// <summary>Connected and delivering events to the books.</summary>
    Streaming,
    /// <summary>The connection was lost; waiting out the back-off delay before the next attempt.</summary>
    Backoff,
    /// <summary>A replay that does not loop has delivered everything and had it acknowledged.</summary>
    Finished,
}
