using QuantumFlow.Actors.Books;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;

namespace QuantumFlow.Tests.Support;

/// <summary>
/// What an uninterrupted replay delivers to each book: the recording's payloads decoded as the replay feed decodes them
/// (a recorded reconnect resets the connection's books). The yardstick for "nothing lost, nothing twice".
/// </summary>
public static class ReplayedEvents
{
    public static Dictionary<string, List<MarketEvent>> PerBook(IReadOnlyList<string> paths, int slice = int.MaxValue)
    {
        using IRecordingReader reader = RecordingFormat.Open(paths);
        var feed = new RecordedFeed(reader, BadLinePolicy.Stop);
        var events = new List<MarketEvent>();
        var books = new Dictionary<string, List<MarketEvent>>();
        for (int i = 0; i < slice && feed.Read(events); i++)
        {
            foreach (MarketEvent e in events)
            {
                string id = BookId.Of(e.Venue, e.Symbol);
                if (!books.TryGetValue(id, out List<MarketEvent>? list)) books.Add(id, list = new List<MarketEvent>());
                list.Add(e);
            }
        }
        return books;
    }
}
