using QuantumFlow.Models.Recording;

namespace QuantumFlow.Models.Tests.Recording;

public sealed class RecordingSessionsTests
{
    [Fact]
    public void Only_consecutive_days_of_one_capture_are_one_session()
    {
        string[] files =
        [
            "usdm/btcusdt_20230404.dat.gz", "usdm/btcusdt_20230405.dat.gz", // one capture over midnight
            "usdm/btcusdt_20240718.gz", "usdm/btcusdt_20240719.gz",         // same prefix, a year later: another session
            "usdm/ethusdt_20240719.gz",                                      // another symbol
            "spot/btcusdt_20240720.gz",                                      // another folder, even on the next day
            "COINBASE.ws.28.0", "usdm/btcusdt_20240721.gz",                  // undated, then a gap of two days
        ];
        List<List<string>> sessions = RecordingSessions.Group(files);
        Assert.Equal(
        [
            ["usdm/btcusdt_20230404.dat.gz", "usdm/btcusdt_20230405.dat.gz"],
            ["usdm/btcusdt_20240718.gz", "usdm/btcusdt_20240719.gz"],
            ["usdm/ethusdt_20240719.gz"],
            ["spot/btcusdt_20240720.gz"],
            ["COINBASE.ws.28.0"],
            ["usdm/btcusdt_20240721.gz"],
        ], sessions);
    }
}
