using System.Text.Json;
using System.Text.Json.Serialization;
using QuantumFlow.Models.Market;

namespace QuantumFlow.Host.Backtest;

/// <summary>Exact prices and sizes in report.json as plain decimal numbers (not {"Raw": ...}).</summary>
internal sealed class PriceJsonConverter : JsonConverter<Price>
{
    public override Price Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Price.FromDecimal(reader.GetDecimal());
    public override void Write(Utf8JsonWriter writer, Price value, JsonSerializerOptions options) => writer.WriteNumberValue(value.ToDecimal());
}

/// <summary>See <see cref="PriceJsonConverter"/>.</summary>
internal sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Quantity.FromDecimal(reader.GetDecimal());
    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) => writer.WriteNumberValue(value.ToDecimal());
}
