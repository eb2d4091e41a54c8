using NJsonSchema;

namespace CityRisk.Testing;

/// <summary>The published JSON Schemas (embedded), against which the kit checks every JSON payload that comes back.</summary>
internal static class PayloadSchemas
{
    private static readonly Lazy<JsonSchema> Alert = new(() =>
    {
        using var stream = typeof(PayloadSchemas).Assembly.GetManifestResourceStream("schemas/alert.schema.json")
            ?? throw new InvalidOperationException("The alert schema is not embedded in CityRisk.Testing.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    });

    /// <summary>Every schema error of an alert document, as "path: kind"; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(string json) => [.. Alert.Value.Validate(json).Select(e => $"{e.Path}: {e.Kind}")];
}
