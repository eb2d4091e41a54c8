using System.Xml;
using System.Xml.Schema;

namespace CityRisk.Tests;

/// <summary>Where the tests find their files, and the CAP 1.2 schema check.</summary>
internal static class TestFiles
{
    public static string CapVectors { get; } = Path.Combine(AppContext.BaseDirectory, "Vectors", "cap");

    public static string JsonVectors { get; } = Path.Combine(AppContext.BaseDirectory, "Vectors", "json");

    public static string RepositoryRoot => CityRisk.Testing.Shared.RepositoryRoot.Path;

    public static string Samples => Path.Combine(RepositoryRoot, "samples", "alerts");

    private static readonly Lazy<XmlSchemaSet?> Cap12Schema = new(() =>
    {
        if (SharedVectors.CapFolder is null)
        {
            return null;
        }

        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(Path.Combine(SharedVectors.CapFolder, "schema", "cap12.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add("urn:oasis:names:tc:emergency:cap:1.2", reader);
        set.Compile();
        return set;
    });

    /// <summary>Validates a document against the OASIS CAP 1.2 XSD; returns the schema errors (empty when valid).</summary>
    public static List<string> Cap12SchemaErrors(byte[] document)
    {
        Assert.SkipWhen(Cap12Schema.Value is null, SharedVectors.MissingReason);
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Cap12Schema.Value!, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
