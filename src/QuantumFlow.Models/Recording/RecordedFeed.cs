using QuantumFlow.Models.Market;
using QuantumFlow.Models.Venues;

namespace QuantumFlow.Models.Recording;

/// <summary>
/// A recording read as the replay feed delivers it to the books: each payload through the live <see cref="FeedDecoder"/>,
/// a recorded reconnect as a <see cref="FeedGap"/> for every book of the connection. Whatever rebuilds books and
/// features from these events (<see cref="BookReplica"/>, <see cref="Features.FeatureReplica"/>) sees exactly what a
/// node journals for the same recording.
/// </summary>
public sealed class RecordedFeed
{
    private readonly IRecordingReader _reader;
    private readonly BadLineLog _badLines;

    public RecordedFeed(IRecordingReader reader, BadLinePolicy policy = BadLinePolicy.Skip, bool skipBestBidAsk = false)
    {
        _reader = reader;
        _badLines = new BadLineLog(policy);
        Decoder = new FeedDecoder(reader.Venue) { SkipBestBidAsk = skipBestBidAsk };
    }

    public FeedDecoder Decoder { get; }
    public long Payloads { get; private set; }
    public long BadLines => _badLines.Count;
    /// <summary>The first few bad lines, with where they were and what was wrong.</summary>
    public List<string> BadLineSamples => _badLines.Samples;

    /// <summary>Replaces <paramref name="output"/> with the next payload's events (none for a bad line skipped); false at the end.</summary>
    /// <exception cref="MarketDataException">a bad line under <see cref="BadLinePolicy.Stop"/>, located in its file.</exception>
    public bool Read(List<MarketEvent> output)
    {
        output.Clear();
        try
        {
            if (!_reader.TryRead(out RecordedPayload p)) return false;
            Payloads++;
            if (p.Kind == PayloadKind.Connected) Decoder.OnConnected(p.ReceiveTimeNs, "recorded reconnect", output);
            else Decoder.Decode(p.Data, p.ReceiveTimeNs, p.Symbol, output);
        }
        catch (MarketDataException e)
        {
            _badLines.Record(e, _reader);
        }
        return true;
    }
}
