using Akka.Actor;
using Akka.TestKit.Xunit2;
using Microsoft.Extensions.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Feeds.Replay;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Actors.Outputs;

namespace QuantumFlow.Actors.Tests.Outputs;

public sealed class OutputStreamTests : TestKit
{
    public OutputStreamTests() : base("akka.loglevel = WARNING", "outputs-probe") { }

    [Fact]
    public async Task A_subscriber_that_never_reads_neither_slows_the_books_nor_grows()
    {
        var options = new NodeOptions { Journal = JournalOptions.Parse("memory") };
        using IHost host = await QuantumFlowNode.StartAsync(options);
        using var stalled = OutputStream.Subscribe(host.ActorSystem(), [Topics.Books, Topics.Trades], capacity: 16);
        using var reader = OutputStream.Subscribe(host.ActorSystem(), [Topics.Books], capacity: 100_000);
        await Task.WhenAll(stalled.Ready, reader.Ready).WaitAsync(TimeSpan.FromSeconds(10));

        var finished = CreateTestProbe(Sys);
        host.ActorSystem().ActorOf(ReplayFeed.Props(ReplayOptions.AsFastAsPossible(TestRecordings.SampleSession), host.BookRegion(), finished.Ref));
        ReplayFinished done = finished.ExpectMsg<ReplayFinished>(TimeSpan.FromSeconds(120));
        Assert.True(done.Payloads > 70_000);

        // The book's reply comes after it applied every batch; its last publication may still be on its way through
        // the mediator, so read until the final book top arrives rather than until the queue looks quiet.
        BookView final = await host.BookRegion().Ask<BookView>(new GetBook("binance-usdm:BTCUSDT", 20), TimeSpan.FromSeconds(10));
        var tops = new List<BookTop>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (tops.Count == 0 || tops[^1].LastUpdateId != final.LastUpdateId)
            tops.Add((BookTop)await reader.Reader.ReadAsync(cts.Token));

        // The reader that keeps up sees every book top, in order, and the last one is the final book.
        Assert.Equal(0, reader.Dropped);
        Assert.Equal(final.Bids, tops[^1].Bids);
        Assert.True(tops.Zip(tops.Skip(1)).All(p => p.Item1.LastUpdateId <= p.Item2.LastUpdateId));

        // The stalled subscriber kept at most its capacity and counted everything else as dropped.
        await AwaitConditionAsync(() => Task.FromResult(stalled.Received > 1000), TimeSpan.FromSeconds(10));
        Assert.True(stalled.Reader.Count <= 16);
        Assert.Equal(stalled.Received - stalled.Reader.Count, stalled.Dropped);
        Assert.True(stalled.Dropped > 0);
        await host.StopAsync();
    }
}
