using System.Text;
using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Tests.Venues;

/// <summary>Drives a session with JSON text and records what the sync did with each message.</summary>
internal sealed class SessionProbe : ISessionObserver
{
    public SessionProbe(Venue venue) => Session = new MarketDataSession(venue, this);

    public MarketDataSession Session { get; }
    public List<(MessageKind Kind, SyncResult Result)> Results { get; } = new();
    public List<string> ResyncRequests { get; } = new();

    public SyncResult Send(string json, string? snapshotSymbol = null)
    {
        int before = Results.Count;
        Session.Process(Encoding.UTF8.GetBytes(json), 0, snapshotSymbol);
        return Results.Count > before ? Results[^1].Result : SyncResult.Ignored;
    }

    public void OnMessage(MarketMessage message, IBookSync? book, SyncResult result) => Results.Add((message.Kind, result));

    public void OnResyncNeeded(IBookSync book) => ResyncRequests.Add(book.Book.Symbol);

    public static string SpotDiff(long first, long last, string bidPrice = "0.0024", string bidSize = "10") =>
        $$$"""{"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":{{{first}}},"u":{{{last}}},"b":[["{{{bidPrice}}}","{{{bidSize}}}"]],"a":[["0.0026","100"]]}}""";

    public static string FuturesDiff(long first, long last, long prev) =>
        $$"""{"e":"depthUpdate","E":1672515782136,"T":1672515782100,"s":"BTCUSDT","U":{{first}},"u":{{last}},"pu":{{prev}},"b":[["0.0024","1.5"]],"a":[["0.0026","2"]]}""";

    public static string Snapshot(long lastUpdateId) =>
        $$"""{"lastUpdateId":{{lastUpdateId}},"bids":[["0.0024","5"],["0.0023","7"]],"asks":[["0.0026","9"],["0.0027","1"]]}""";
}
