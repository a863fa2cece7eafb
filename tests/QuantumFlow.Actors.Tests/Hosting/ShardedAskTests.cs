using System.Diagnostics;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using QuantumFlow.Actors.Hosting;

namespace QuantumFlow.Actors.Tests.Hosting;

/// <summary>Asking through a moving shard: questions lost on the way are asked again until answered, within a deadline.</summary>
public sealed class ShardedAskTests : TestKit
{
    public ShardedAskTests() : base("akka.loglevel = WARNING") { }

    /// <summary>Drops the first <c>lost</c> questions (as a region routing to a dead node does), then answers each with its count.</summary>
    private sealed class LosesFirst : ReceiveActor
    {
        public LosesFirst(int lost)
        {
            int seen = 0;
            Receive<string>(_ =>
            {
                if (++seen > lost) Sender.Tell(seen);
            });
        }
    }

    [Fact]
    public async Task Questions_lost_while_the_shard_moves_are_asked_again_until_one_is_answered()
    {
        IActorRef region = Sys.ActorOf(Props.Create(() => new LosesFirst(3)));
        int answer = await ShardedAsk.AskAsync<int>(region, "where", "the book x", TimeSpan.FromSeconds(20), attempt: TimeSpan.FromMilliseconds(200));
        Assert.Equal(4, answer);
    }

    [Fact]
    public async Task No_answer_by_the_deadline_is_a_timeout_that_says_what_did_not_answer_and_for_how_long()
    {
        IActorRef region = Sys.ActorOf(Props.Create(() => new LosesFirst(int.MaxValue)));
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() =>
            ShardedAsk.AskAsync<int>(region, "where", "the book sim:SIM-A", TimeSpan.FromSeconds(1), attempt: TimeSpan.FromMilliseconds(300)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Contains("the book sim:SIM-A did not answer within 1 s", e.Message);
        // Asked again after each 300 ms attempt: four times on time, fewer when a loaded machine delays the timeouts.
        int asked = int.Parse(System.Text.RegularExpressions.Regex.Match(e.Message, @"asked (\d+) times").Groups[1].Value);
        Assert.InRange(asked, 2, 4);
    }
}
