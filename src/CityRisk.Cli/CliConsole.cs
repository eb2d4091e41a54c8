using System.Text;

namespace CityRisk.Cli;

/// <summary>Where a command writes: standard output as bytes (documents keep their encoding) and standard error as text.</summary>
internal sealed class CliConsole(Stream output, TextWriter error, Stream? input = null)
{
    public static CliConsole System { get; } = new(Console.OpenStandardOutput(), Console.Error);

    /// <summary>Standard input, for the document named <c>-</c>.</summary>
    public Stream Input => input ?? Console.OpenStandardInput();

    public Stream OutputStream { get; } = output;

    /// <summary>Text on standard output, UTF-8 without a BOM; flushed by <see cref="Flush"/>.</summary>
    public TextWriter Out { get; } = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { AutoFlush = false, NewLine = "\n" };

    public TextWriter Error { get; } = error;

    public void Flush()
    {
        Out.Flush();
        OutputStream.Flush();
        Error.Flush();
    }
}
