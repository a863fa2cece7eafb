using QuantumFlow.Inspection.Commands;
using Spectre.Console;

namespace QuantumFlow.Host.Inspection;

/// <summary><c>help [PALETTE]</c>: the command surface from the catalog, without asking any node.</summary>
public static class CatalogHelp
{
    public static void Render(IAnsiConsole console, string? palette = null)
    {
        IEnumerable<PaletteSpec> palettes = CommandCatalog.Palettes.Where(p => palette is null || p.Name == palette);
        var table = new Table { Border = TableBorder.Simple };
        table.AddColumn("command");
        table.AddColumn("what it does");
        foreach (PaletteSpec p in palettes)
        {
            foreach (CommandSpec c in p.Commands)
            {
                string notes = (c.ChangesCluster ? " [needs token]" : "") + (c.Streams ? " [streams]" : "");
                table.AddRow(new Text(c.Usage), new Text(c.Description + notes));
            }
        }
        console.Write(table);
        if (palette is not null && CommandCatalog.FindPalette(palette) is null)
            console.WriteLine($"unknown palette '{palette}'; palettes: {string.Join(", ", CommandCatalog.Palettes.Select(p => p.Name))}");
        console.WriteLine("switches: -x VALUE or --long VALUE; --json for JSON; the token comes from --token or QF_INSPECT_TOKEN");
    }
}
