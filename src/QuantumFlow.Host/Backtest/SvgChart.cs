using System.Globalization;
using System.Net;
using System.Text;

namespace QuantumFlow.Host.Backtest;

/// <summary>
/// Small inline SVG charts for the self-contained HTML report (no script, no external file): line charts with optional
/// buy/sell markers, and bar charts. Long series are thinned to about <see cref="MaxPoints"/> points for file size.
/// </summary>
internal static class SvgChart
{
    public const int MaxPoints = 1500;
    private const int Width = 900, Height = 280, Left = 70, Right = 160, Top = 28, Bottom = 36;
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points, bool Dashed = false);

    public readonly record struct Marker(double X, double Y, bool Buy);

    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<Series> series, IReadOnlyList<Marker>? markers = null)
    {
        var all = series.SelectMany(s => s.Points).Concat((markers ?? []).Select(m => (m.X, m.Y))).ToList();
        if (all.Count == 0) return Empty(title);
        double x0 = all.Min(p => p.X), x1 = all.Max(p => p.X), y0 = all.Min(p => p.Y), y1 = all.Max(p => p.Y);
        if (x1 <= x0) x1 = x0 + 1;
        if (y1 <= y0) { y0 -= 1; y1 += 1; }
        double pad = (y1 - y0) * 0.05;
        y0 -= pad;
        y1 += pad;
        double X(double x) => Left + (x - x0) / (x1 - x0) * (Width - Left - Right);
        double Y(double y) => Top + (y1 - y) / (y1 - y0) * (Height - Top - Bottom);

        var svg = Begin(title);
        Axes(svg, xLabel, yLabel, x0, x1, y0, y1, X, Y);
        for (int i = 0; i < series.Count; i++)
        {
            Series s = series[i];
            string color = Palette[i % Palette.Length];
            int step = Math.Max(1, s.Points.Count / MaxPoints);
            var pts = new StringBuilder();
            for (int k = 0; k < s.Points.Count; k += step) pts.Append(F(X(s.Points[k].X))).Append(',').Append(F(Y(s.Points[k].Y))).Append(' ');
            if (s.Points.Count > 0 && (s.Points.Count - 1) % step != 0) pts.Append(F(X(s.Points[^1].X))).Append(',').Append(F(Y(s.Points[^1].Y)));
            svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.4\"{(s.Dashed ? " stroke-dasharray=\"4 3\"" : "")} points=\"{pts}\"/>");
            svg.Append($"<rect x=\"{Width - Right + 10}\" y=\"{Top + i * 16}\" width=\"10\" height=\"10\" fill=\"{color}\"/>");
            svg.Append($"<text x=\"{Width - Right + 24}\" y=\"{Top + i * 16 + 9}\" font-size=\"11\">{Esc(s.Name)}</text>");
        }
        foreach (Marker m in markers ?? [])
        {
            double x = X(m.X), y = Y(m.Y);
            string shape = m.Buy
                ? $"{F(x)},{F(y - 4)} {F(x - 4)},{F(y + 4)} {F(x + 4)},{F(y + 4)}"
                : $"{F(x)},{F(y + 4)} {F(x - 4)},{F(y - 4)} {F(x + 4)},{F(y - 4)}";
            svg.Append($"<polygon points=\"{shape}\" fill=\"{(m.Buy ? "#2ca02c" : "#d62728")}\" fill-opacity=\"0.8\"/>");
        }
        if (markers is { Count: > 0 })
        {
            int row = series.Count;
            svg.Append($"<text x=\"{Width - Right + 10}\" y=\"{Top + row * 16 + 9}\" font-size=\"11\" fill=\"#2ca02c\">&#9650; buy</text>");
            svg.Append($"<text x=\"{Width - Right + 10}\" y=\"{Top + (row + 1) * 16 + 9}\" font-size=\"11\" fill=\"#d62728\">&#9660; sell</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    public static string Bars(string title, string yLabel, IReadOnlyList<(string Name, double Value)> bars)
    {
        if (bars.Count == 0) return Empty(title);
        double y0 = Math.Min(0, bars.Min(b => b.Value)), y1 = Math.Max(0, bars.Max(b => b.Value));
        if (y1 <= y0) y1 = y0 + 1;
        double Y(double y) => Top + (y1 - y) / (y1 - y0) * (Height - Top - Bottom);
        double slot = (double)(Width - Left - Right) / bars.Count;
        var svg = Begin(title);
        Axes(svg, "", yLabel, 0, 1, y0, y1, _ => 0, Y, xTicks: false);
        for (int i = 0; i < bars.Count; i++)
        {
            double top = Y(Math.Max(0, bars[i].Value)), bottom = Y(Math.Min(0, bars[i].Value));
            double x = Left + i * slot + slot * 0.15;
            svg.Append($"<rect x=\"{F(x)}\" y=\"{F(top)}\" width=\"{F(slot * 0.7)}\" height=\"{F(Math.Max(0.5, bottom - top))}\" fill=\"{(bars[i].Value >= 0 ? "#2ca02c" : "#d62728")}\"><title>{Esc(bars[i].Name)}: {F(bars[i].Value)}</title></rect>");
            svg.Append($"<text x=\"{F(x + slot * 0.35)}\" y=\"{Height - Bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{Esc(bars[i].Name)}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Begin(string title) =>
        new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">")
            .Append($"<text x=\"{Left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\">{Esc(title)}</text>");

    private static void Axes(StringBuilder svg, string xLabel, string yLabel, double x0, double x1, double y0, double y1, Func<double, double> X, Func<double, double> Y, bool xTicks = true)
    {
        svg.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#999\"/>");
        for (int i = 0; i <= 4; i++)
        {
            double y = y0 + (y1 - y0) * i / 4;
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(y))}\" y2=\"{F(Y(y))}\" stroke=\"#eee\"/>");
            svg.Append($"<text x=\"{Left - 4}\" y=\"{F(Y(y) + 4)}\" font-size=\"10\" text-anchor=\"end\">{Esc(Short(y))}</text>");
            if (!xTicks) continue;
            double x = x0 + (x1 - x0) * i / 4;
            svg.Append($"<text x=\"{F(X(x))}\" y=\"{Height - Bottom + 14}\" font-size=\"10\" text-anchor=\"middle\">{Esc(Short(x))}</text>");
        }
        svg.Append($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 4}\" font-size=\"11\" text-anchor=\"middle\">{Esc(xLabel)}</text>");
        svg.Append($"<text x=\"12\" y=\"{(Top + Height - Bottom) / 2}\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 12 {(Top + Height - Bottom) / 2})\">{Esc(yLabel)}</text>");
    }

    private static string Empty(string title) => Begin(title).Append($"<text x=\"{Left}\" y=\"60\" font-size=\"12\">no data</text></svg>").ToString();

    private static string Short(double v) =>
        Math.Abs(v) >= 1e4 ? v.ToString("0.#", CultureInfo.InvariantCulture)
        : Math.Abs(v) < 1e-2 && v != 0 ? v.ToString("G3", CultureInfo.InvariantCulture)
        : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}
