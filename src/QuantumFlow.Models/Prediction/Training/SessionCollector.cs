using QuantumFlow.Models.Datasets;
using QuantumFlow.Models.Features;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Models.Prediction.Training;

/// <summary>An <see cref="IFeatureSink"/> that keeps the labelled rows of one session in memory, per book (the recordings here are small).</summary>
public sealed class SessionCollector(string session) : IFeatureSink
{
    private FeatureSchema? _schema;
    private readonly Dictionary<string, SessionRows> _books = new();

    public IReadOnlyCollection<SessionRows> Books => _books.Values;

    public void Begin(FeatureSchema schema) => _schema = schema;

    public void Write(FeatureRecord row)
    {
        string book = $"{row.Venue.Id()}:{row.Symbol}";
        if (!_books.TryGetValue(book, out SessionRows? rows)) _books[book] = rows = new SessionRows(session, book, _schema!.Names);
        rows.Rows.Add([.. row.Values]);
        rows.Labels.Add(row.HasLabel ? row.Label.Class : null);
        rows.TimesNs.Add(row.TimeNs);
    }

    public void End()
    {
    }
}
