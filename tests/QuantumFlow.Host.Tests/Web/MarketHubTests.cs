using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace QuantumFlow.Host.Tests.Web;

/// <summary>A .NET SignalR client against the running host: subscribes to a symbol and receives its live pushes.</summary>
[Collection(WebHostCollection.Name)]
public sealed class MarketHubTests(WebHostFixture host)
{
    [Fact]
    public async Task A_subscribed_client_receives_predictions_books_and_status()
    {
        await using HubConnection connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseUrl, "/hubs/market")).Build();
        var predictions = new ConcurrentQueue<JsonElement>();
        var gotPrediction = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gotBook = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gotStatus = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gotPaper = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var gotArbitrage = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("prediction", p =>
        {
            predictions.Enqueue(p);
            if (predictions.Count >= 3) gotPrediction.TrySetResult(p);
        });
        connection.On<JsonElement>("book", b => gotBook.TrySetResult(b));
        connection.On<JsonElement>("status", s => gotStatus.TrySetResult(s));
        connection.On<JsonElement>("paper", p => gotPaper.TrySetResult(p));
        connection.On<JsonElement>("arbitrage", a => gotArbitrage.TrySetResult(a));
        await connection.StartAsync();

        IReadOnlyList<string> symbols = await connection.InvokeAsync<IReadOnlyList<string>>("Subscribe", new[] { WebHostFixture.Symbol });
        Assert.Contains(WebHostFixture.Symbol, symbols);

        JsonElement prediction = await gotPrediction.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(WebHostFixture.Symbol, prediction.GetProperty("symbol").GetString());
        Assert.True(prediction.GetProperty("models").GetArrayLength() >= 2);
        // Live pushes, not one state replayed: the sequence moves on.
        Assert.True(predictions.Select(p => p.GetProperty("sequence").GetInt64()).Distinct().Count() >= 2);

        JsonElement book = await gotBook.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(book.GetProperty("bids").GetArrayLength() > 0);
        JsonElement status = await gotStatus.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Up", status.GetProperty("selfStatus").GetString());
        JsonElement paper = await gotPaper.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, paper.GetProperty("takerFeeBps").GetDouble()); // binance-usdm
        JsonElement arbitrage = await gotArbitrage.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("needs two venues", arbitrage.GetProperty("unavailable").GetString());
    }

    [Fact]
    public async Task Bad_subscriptions_are_refused_with_a_clear_error()
    {
        await using HubConnection connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseUrl, "/hubs/market")).Build();
        await connection.StartAsync();
        var tooMany = Enumerable.Range(0, 201).Select(i => $"binance:S{i}").ToArray();
        HubException many = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<IReadOnlyList<string>>("Subscribe", tooMany));
        Assert.Contains("at most 200 symbols per call, not 201", many.Message);
        HubException blank = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<IReadOnlyList<string>>("Subscribe", new[] { " " }));
        Assert.Contains("is not a symbol", blank.Message);
    }

    [Fact]
    public async Task An_unsubscribed_client_gets_status_but_no_market_data()
    {
        await using HubConnection connection = new HubConnectionBuilder().WithUrl(new Uri(host.BaseUrl, "/hubs/market")).Build();
        int books = 0;
        var statuses = 0;
        var twoStatuses = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("book", _ => Interlocked.Increment(ref books));
        connection.On<JsonElement>("status", _ =>
        {
            if (Interlocked.Increment(ref statuses) >= 2) twoStatuses.TrySetResult();
        });
        await connection.StartAsync();
        await twoStatuses.Task.WaitAsync(TimeSpan.FromSeconds(20)); // two status polls: books were published all along
        Assert.Equal(0, Volatile.Read(ref books));
    }
}
