using System.Threading.Channels;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Actors.Feeds.Replay;

/// <summary>One recorded payload, copied out of the reader's buffer so it can cross threads.</summary>
internal sealed record RecordedItem(PayloadKind Kind, long ReceiveTimeNs, byte[] Data, string? Symbol, string? Error);

/// <summary>
/// Reads a recording on a background task into a bounded queue, so the replay actor never blocks on file I/O and
/// the reader never runs further ahead than the queue: when the actor stops taking (the books are behind), so does the reader.
/// </summary>
internal sealed class RecordingSource : IDisposable
{
    private readonly Channel<RecordedItem> _queue;
    private readonly CancellationTokenSource _stop = new();

    public RecordingSource(IReadOnlyList<string> paths, Venue venue, int capacity, long maxPayloads)
    {
        _queue = Channel.CreateBounded<RecordedItem>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        _ = Task.Run(() => Read(paths, venue, maxPayloads));
    }

    public ChannelReader<RecordedItem> Items => _queue.Reader;

    private async Task Read(IReadOnlyList<string> paths, Venue venue, long maxPayloads)
    {
        CancellationToken ct = _stop.Token;
        try
        {
            using IRecordingReader reader = RecordingFormat.Open(paths, venue);
            for (long n = 0; n < maxPayloads && !ct.IsCancellationRequested; n++)
            {
                RecordedItem item;
                try
                {
                    if (!Next(reader, out item)) break;
                }
                catch (MarketDataException e)
                {
                    item = new RecordedItem(PayloadKind.Message, 0, [], null, (e.Location is null ? e.At(reader.Location) : e).Message);
                }
                await _queue.Writer.WriteAsync(item, ct).ConfigureAwait(false);
            }
            _queue.Writer.TryComplete();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _queue.Writer.TryComplete();
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e);
        }
    }

    private static bool Next(IRecordingReader reader, out RecordedItem item)
    {
        if (!reader.TryRead(out RecordedPayload p))
        {
            item = null!;
            return false;
        }
        item = new RecordedItem(p.Kind, p.ReceiveTimeNs, p.Data.ToArray(), p.Symbol, null);
        return true;
    }

    public void Dispose() => _stop.Cancel();
}
