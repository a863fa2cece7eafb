using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using QuantumFlow.Host.Web;
using QuantumFlow.Host.Web.Hubs;
using QuantumFlow.Host.Web.Market;
using QuantumFlow.Tests.Support;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>Per-client throttling: latest value wins per (client, symbol, kind), and a stalled client holds nothing back.</summary>
public sealed class PushThrottleTests
{
    [Fact]
    public async Task A_stalled_client_keeps_only_the_latest_value_and_never_holds_back_another()
    {
        var hub = new FakeHub();
        hub.Stall("slow");
        var throttle = new PushThrottle(hub, new WebOptions { PushRatePerSecond = 50 });
        await throttle.StartAsync(CancellationToken.None);
        throttle.Subscribe("slow", ["s"]);
        throttle.Subscribe("fast", ["s"]);

        throttle.Offer("s", PushKinds.Book, 0);
        // The slow client's first send is now stuck; everything after it must only replace its pending value.
        await hub.WaitFor(() => hub.Sent("slow").Count == 1 && hub.Sent("fast").Contains(0));
        for (int i = 1; i <= 1000; i++) throttle.Offer("s", PushKinds.Book, i);
        await hub.WaitFor(() => hub.Sent("fast").LastOrDefault() is 1000);

        Assert.Single(hub.Sent("slow"));                    // nothing queued behind the stalled send
        Assert.True(hub.Sent("fast").Count < 100);           // throttled: far fewer sends than offers
        Assert.Equal(hub.Sent("fast"), hub.Sent("fast").Order()); // in order, newest last
        Assert.True(throttle.Replaced >= 1000 - hub.Sent("fast").Count);

        hub.Release("slow");
        await hub.WaitFor(() => hub.Sent("slow").LastOrDefault() is 1000); // it catches up with the latest only
        Assert.Equal(2, hub.Sent("slow").Count);
        await throttle.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Only_subscribed_symbols_are_sent_and_unsubscribing_stops_them()
    {
        var hub = new FakeHub();
        var throttle = new PushThrottle(hub, new WebOptions { PushRatePerSecond = 50 });
        await throttle.StartAsync(CancellationToken.None);
        throttle.Subscribe("c", ["a"]);
        throttle.Offer("b", PushKinds.Book, 1);
        throttle.Offer("a", PushKinds.Book, 2);
        await hub.WaitFor(() => hub.Sent("c").Contains(2));
        Assert.DoesNotContain(1, hub.Sent("c"));

        throttle.Unsubscribe("c", ["a"]);
        throttle.Offer("a", PushKinds.Book, 3);
        throttle.Offer("a", PushKinds.Status, 4); // status goes to every client
        await hub.WaitFor(() => hub.Sent("c").Contains(4));
        Assert.DoesNotContain(3, hub.Sent("c"));
        await throttle.StopAsync(CancellationToken.None);
    }

    /// <summary>A hub context whose clients record what they are sent; a stalled client's sends never complete until released.</summary>
    private sealed class FakeHub : IHubContext<MarketHub>, IHubClients
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _sent = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _stalled = new();

        public IHubClients Clients => this;
        public IGroupManager Groups => throw new NotSupportedException();

        public void Stall(string id) => _stalled[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        public void Release(string id) => _stalled[id].TrySetResult();
        public List<int> Sent(string id) => [.. _sent.GetOrAdd(id, _ => new ConcurrentQueue<int>())];

        public Task WaitFor(Func<bool> condition) => Poll.Until(condition, TimeSpan.FromSeconds(10), "the hub's sends", TimeSpan.FromMilliseconds(5));

        public IClientProxy Client(string connectionId) => new Proxy(this, connectionId);
        public IClientProxy All => throw new NotSupportedException();
        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
        IClientProxy IHubClients<IClientProxy>.Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();
        public IClientProxy Group(string groupName) => throw new NotSupportedException();
        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();
        IClientProxy IHubClients<IClientProxy>.Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();
        public IClientProxy User(string userId) => throw new NotSupportedException();
        public IClientProxy Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();

        private sealed class Proxy(FakeHub hub, string id) : IClientProxy
        {
            public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
            {
                hub._sent.GetOrAdd(id, _ => new ConcurrentQueue<int>()).Enqueue((int)args[0]!);
                return hub._stalled.TryGetValue(id, out var stall) ? stall.Task : Task.CompletedTask;
            }
        }
    }
}
