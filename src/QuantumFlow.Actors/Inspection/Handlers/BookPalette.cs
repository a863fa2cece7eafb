using Akka.Actor;
using Akka.Hosting;
using QuantumFlow.Actors.Books;
using QuantumFlow.Actors.Hosting;
using QuantumFlow.Inspection.Commands;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary><c>book show</c> and <c>book list</c>: books as their entities serve them, through the shard region.</summary>
public sealed class BookPalette(InspectionContext context) : IPaletteHandler
{
    public static readonly string[] SummaryColumns =
        ["entity", "state", "valid", "last-update-id", "exchange-time", "receive-time", "events-journaled", "resyncs", "last-problem"];
    public static readonly string[] LevelColumns = ["price", "quantity"];

    public string Palette => "book";

    public Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel) => call.Spec.Name switch
    {
        "show" => ShowAsync(call.Require("symbol"), call.GetInt("levels", 0, 10_000), output),
        "list" => ListAsync(output),
        _ => Task.FromResult(CommandOutcome.Failed($"{call.Spec.FullName} has no handler")),
    };

    private async Task<CommandOutcome> ShowAsync(string symbol, int levels, IInspectionOutput output)
    {
        if (!context.Registry.TryGet<BookRegion>(out IActorRef region))
            return CommandOutcome.Failed("this node has no book region (or proxy)");
        string entityId = await new BookDirectory(context).ResolveAsync(symbol);
        BookView view = await ShardedAsk.AskAsync<BookView>(region, new GetBook(entityId, levels), $"the book {entityId}", ShardedAsk.InspectionDeadline);
        await output.TableAsync("book", SummaryColumns,
        [[
            view.EntityId, view.State, view.IsValid, view.LastUpdateId, Time(view.ExchangeTimeNs), Time(view.ReceiveTimeNs),
            view.EventsJournaled, view.Resyncs, view.LastProblem,
        ]]);
        await output.TableAsync("bids", LevelColumns, Levels(view.Bids));
        await output.TableAsync("asks", LevelColumns, Levels(view.Asks));
        if (view.EventsJournaled == 0) await output.NoteAsync($"{entityId} has journaled nothing: no feed has delivered to it yet");
        return CommandOutcome.Ok;
    }

    private async Task<CommandOutcome> ListAsync(IInspectionOutput output)
    {
        (IReadOnlyList<BookLocation> books, IReadOnlyList<string> silent) = await new BookDirectory(context).ListAsync();
        await output.TableAsync("books", ["entity", "node", "shard"], books.Select(b => (IReadOnlyList<object?>)[b.EntityId, b.Node, b.Shard]).ToList());
        if (silent.Count > 0) await output.NoteAsync("no answer from " + string.Join(", ", silent));
        if (books.Count == 0) await output.NoteAsync("no book entity is live: books start when their feed first delivers, or on book show");
        return silent.Count > 0 ? CommandOutcome.Failed($"{silent.Count} node(s) did not answer") : CommandOutcome.Ok;
    }

    private static List<IReadOnlyList<object?>> Levels(IReadOnlyList<LevelUpdate> levels) =>
        levels.Select(l => (IReadOnlyList<object?>)[l.Price.ToString(), l.Quantity.ToString()]).ToList();

    /// <summary>Unix nanoseconds as ISO-8601 UTC with microseconds; null before the first event.</summary>
    public static string? Time(long unixNs) =>
        unixNs <= 0 ? null : DateTime.UnixEpoch.AddTicks(unixNs / 100).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture);
}
