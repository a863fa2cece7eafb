using QuantumFlow.Models.Market;
using QuantumFlow.Models.Recording;
using QuantumFlow.Models.Venues;
using QuantumFlow.Models.Venues.Binance;

namespace QuantumFlow.Models.Tests.Features;

/// <summary>
/// Test-only replay of a shared Binance recording through the recording reader, the parser and the book sync.
/// </summary>
internal static class BinanceRecording
{
    public const string UsdmBtc20240718 = "binance-hftbacktest/usdm/btcusdt_20240718.gz";

    public static string PathOf(string relative)
    {
        string path = TestData.Shared(relative);
        return File.Exists(path) ? path : throw new FileNotFoundException($"test data {path} is missing", path);
    }

    /// <summary>
    /// Calls <paramref name="onBook"/> after every update the sync applied (with the book and the message) and
    /// <paramref name="onTrade"/> for every trade, in file order. Returns the sync for its counters.
    /// </summary>
    public static BinanceBookSync Replay(string relative, Action<BinanceBookSync, MarketMessage> onBook, Action<MarketMessage> onTrade)
    {
        using IRecordingReader reader = RecordingFormat.Open([PathOf(relative)]);
        var session = new MarketDataSession(reader.Venue, new Observer(onBook, onTrade));
        new RecordingPlayer(reader, session, BadLinePolicy.Stop).Play();
        return (BinanceBookSync)session.Books.Values.Single();
    }

    private sealed class Observer(Action<BinanceBookSync, MarketMessage> onBook, Action<MarketMessage> onTrade) : ISessionObserver
    {
        public void OnMessage(MarketMessage message, IBookSync? book, SyncResult result)
        {
            if (message.Kind == MessageKind.Trade) onTrade(message);
            else if (result.ChangedBook()) onBook((BinanceBookSync)book!, message);
        }
    }
}
