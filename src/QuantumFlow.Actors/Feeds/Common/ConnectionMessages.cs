namespace QuantumFlow.Actors.Feeds.Common;

// The protocol between a WebSocketConnection and its feed. Every message names the connection it comes from, so a
// feed can tell a late message of a dead connection from one of the current connection.

/// <summary>A connection attempt is starting.</summary>
public sealed record ConnectionAttempt(long ConnectionId, Uri Uri);

/// <summary>The socket is open: send subscriptions now; books need a <see cref="Models.Market.FeedGap"/>.</summary>
public sealed record ConnectionOpened(long ConnectionId);

/// <summary>One whole message from the venue, with the time it was received (Unix ns).</summary>
public sealed record ConnectionFrame(long ConnectionId, byte[] Data, long ReceiveTimeNs);

/// <summary>The connection is gone (refused, closed, failed, or idle too long); the back-off supervisor will retry.</summary>
public sealed record ConnectionClosed(long ConnectionId, string Reason);

/// <summary>To the connection: send this text frame (subscribe, unsubscribe).</summary>
public sealed record SendText(string Text);
