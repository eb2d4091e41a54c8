using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CityRisk.Alerts;
using NJsonSchema;
using NJsonSchema.Generation;

namespace CityRisk.Tests.Schemas;

/// <summary>
/// Generates schemas/v1/alert.schema.json: NJsonSchema reflects over the contract types, then the corrections
/// below add what reflection cannot see (DEPENDENCIES.md): the converters' shapes, required members, the
/// constant kind and version, and the offset that every date-time must carry.
/// </summary>
internal static class AlertSchemaGenerator
{
    public const string Id = "https://cityrisk.org/schemas/v1/alert.schema.json";

    // What the C# 'required' keyword and the validator's structural rules mean, per definition.
    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["#"] = ["kind", "v", "identifier", "sender", "sent", "status", "msgType", "scope"],
        ["AlertInfo"] = ["categories", "event", "urgency", "severity", "certainty"],
        ["AlertResource"] = ["description"],
        ["AlertReference"] = ["sender", "identifier", "sent"],
        ["Area"] = ["description"],
        ["GeoCircle"] = ["center", "radiusKm"],
        ["NamedValue"] = ["valueName", "value"],
    };

    public static string Generate()
    {
        var settings = new JsonSchemaGeneratorSettings
        {
            SerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } },
        };
        var root = JsonNode.Parse(JsonSchema.FromType<Alert>(settings).ToJson())!.AsObject();
        Correct(root);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static void Correct(JsonObject root)
    {
        // The root keywords in a stable order: $schema, $id, title, description, then the rest.
        var schema = root["$schema"]!.GetValue<string>();
        root.Remove("$schema");
        var rest = root.ToList();
        root.Clear();
        root["$schema"] = schema;
        root["$id"] = Id;
        foreach (var (key, value) in rest)
        {
            root[key] = value;
        }

        root["title"] = "CityRisk alert (kind \"alert\", v 1)";
        var properties = root["properties"]!.AsObject();
        properties["kind"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("alert"), ["description"] = "The document kind: always \"alert\"." };
        properties["v"] = new JsonObject { ["type"] = "integer", ["enum"] = new JsonArray(1), ["description"] = "The version of the CityRisk JSON format: 1." };

        var definitions = root["definitions"]!.AsObject();

        // GeoPointJsonConverter: a GeoJSON position [longitude, latitude].
        definitions["GeoPoint"] = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "A WGS 84 position as a GeoJSON position: [longitude, latitude].",
            ["minItems"] = 2,
            ["maxItems"] = 2,
            ["items"] = new JsonArray(
                new JsonObject { ["type"] = "number", ["minimum"] = -180, ["maximum"] = 180, ["description"] = "Longitude, degrees east." },
                new JsonObject { ["type"] = "number", ["minimum"] = -90, ["maximum"] = 90, ["description"] = "Latitude, degrees north." }),
        };

        // GeoPolygonJsonConverter: GeoJSON polygon coordinates, rings of positions.
        definitions["GeoPolygon"] = new JsonObject
        {
            ["type"] = "array",
            ["description"] = "GeoJSON polygon coordinates: the outer ring, then any holes (which CAP cannot express); each ring closed, of at least four positions.",
            ["minItems"] = 1,
            ["items"] = new JsonObject
            {
                ["type"] = "array",
                ["minItems"] = 4,
                ["items"] = new JsonObject { ["$ref"] = "#/definitions/GeoPoint" },
            },
        };

        definitions["AlertInfo"]!["properties"]!["categories"]!["minItems"] = 1;

        foreach (var (name, required) in Required)
        {
            var target = name == "#" ? root : definitions[name]!.AsObject();
            target["required"] = new JsonArray([.. required.Select(r => JsonValue.Create(r))]);
        }

        AddOffsetPattern(root);
    }

    /// <summary>Every date-time keeps its original offset: one without an offset is refused (OffsetDateTimeJsonConverter).</summary>
    private static void AddOffsetPattern(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["format"]?.GetValue<string>() == "date-time")
                {
                    obj["pattern"] = @"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?(Z|[+-]\d\d:\d\d)$";
                }

                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        AddOffsetPattern(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        AddOffsetPattern(child);
                    }
                }

                break;
        }
    }
}
