using QuantumFlow.Inspection.Commands;

namespace QuantumFlow.Actors.Inspection.Handlers;

/// <summary><c>journal stats</c>: what the journal database holds for each book.</summary>
public sealed class JournalPalette(InspectionContext context) : IPaletteHandler
{
    public const string BookPrefix = "book|";

    public string Palette => "journal";

    public async Task<CommandOutcome> RunAsync(CommandInvocation call, IInspectionOutput output, CancellationToken cancel)
    {
        IReadOnlyList<BookJournalStats> stats;
        try
        {
            stats = await new JournalStatistics(context.System, context.Journal).ReadAsync(cancel);
        }
        catch (NotSupportedException e)
        {
            return CommandOutcome.Failed($"journal stats: {e.Message}");
        }
        var books = stats.Where(s => s.PersistenceId.StartsWith(BookPrefix, StringComparison.Ordinal)).ToList();
        await output.TableAsync("journal", ["book", "rows", "events", "tags", "snapshots", "highest-seq-nr"],
            books.Select(s => (IReadOnlyList<object?>)[s.PersistenceId[BookPrefix.Length..], s.Rows, s.Events, s.Tags, s.Snapshots, s.HighestSequenceNr]).ToList());
        await output.NoteAsync($"{context.Journal}: {books.Count} books, {books.Sum(b => b.Rows)} rows, {books.Sum(b => b.Events)} events, " +
                               $"{books.Sum(b => b.Tags)} tag rows, {books.Sum(b => b.Snapshots)} snapshots");
        return CommandOutcome.Ok;
    }
}
