using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Venues;

/// <summary>The reusable messages a parser fills for one payload.</summary>
internal sealed class MessagePool
{
    private MarketMessage[] _items = [new MarketMessage()];

    public int Count { get; private set; }

    public ReadOnlySpan<MarketMessage> Filled => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public MarketMessage Rent(MessageKind kind, Venue venue, long receiveTimeNs)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
            for (int i = Count; i < _items.Length; i++) _items[i] = new MarketMessage();
        }
        MarketMessage m = _items[Count++];
        m.Reset(kind, venue, receiveTimeNs);
        return m;
    }
}
