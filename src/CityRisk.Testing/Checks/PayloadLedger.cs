using System.Collections.Concurrent;
using System.Globalization;
using CityRisk.Protocol.V1;
using Google.Protobuf;

namespace CityRisk.Testing;

/// <summary>
/// What the kit published in this run and the endpoint accepted, and the check every returned envelope passes: a
/// message the kit published comes back byte for byte, with its content type and the cursor Publish gave it; every
/// CityRisk JSON alert, the kit's or not, is valid against the published schema. A difference is a finding naming the
/// message and its cursor, never a crash.
/// </summary>
internal sealed class PayloadLedger
{
    private readonly ConcurrentDictionary<(string Sender, string Id), Published> _published = new();

    /// <summary>How many accepted messages the ledger holds.</summary>
    public int Count => _published.Count;

    /// <summary>Records an accepted envelope. The first acceptance stands: a later one with other bytes is what PUB-003 reports.</summary>
    public void Accepted(Envelope envelope, ulong cursor)
    {
        if (envelope.Id.Length > 0)
        {
            _published.TryAdd((envelope.Sender, envelope.Id), new(envelope.Payload, envelope.ContentType, cursor));
        }
    }

    /// <summary>The cursor Publish gave a message of this run, if the kit published it.</summary>
    public ulong? CursorOf(string sender, string id) => _published.TryGetValue((sender, id), out var p) ? p.Cursor : null;

    /// <summary>What the kit published with cursors in (<paramref name="after"/>, <paramref name="upTo"/>], in cursor order, as "cursor:id".</summary>
    public IEnumerable<string> Between(ulong after, ulong upTo) =>
        _published.Where(p => p.Value.Cursor > after && p.Value.Cursor <= upTo).OrderBy(p => p.Value.Cursor).Select(p => $"{p.Value.Cursor.ToString(CultureInfo.InvariantCulture)}:{p.Key.Id}");

    /// <summary>The cursor Publish gave the kit's message with this id, whoever sent it.</summary>
    public ulong? CursorOf(string id) => _published.FirstOrDefault(p => p.Key.Id == id).Value?.Cursor;

    /// <summary>Checks one returned envelope; throws <see cref="ConformanceFailedException"/> for what is wrong with it.</summary>
    /// <param name="envelope">What came back.</param>
    /// <param name="cursor">The cursor it came back with.</param>
    /// <param name="where">Which answer it was in: "Get", "a Query page", "Subscribe delivery 212".</param>
    public void Check(Envelope? envelope, ulong cursor, string where)
    {
        if (envelope is null)
        {
            throw new ConformanceFailedException($"an envelope in {where} (cursor {cursor})", "none");
        }

        var name = $"{envelope.Sender}/{envelope.Id} at cursor {cursor.ToString(CultureInfo.InvariantCulture)} ({where})";
        if (_published.TryGetValue((envelope.Sender, envelope.Id), out var published))
        {
            if (published.Cursor != 0 && cursor != published.Cursor)
            {
                throw new ConformanceFailedException($"{envelope.Sender}/{envelope.Id} at the cursor Publish returned, {published.Cursor} ({where})", $"cursor {cursor}");
            }

            if (envelope.ContentType != published.ContentType)
            {
                throw new ConformanceFailedException($"{name} with the content type it was published with, {published.ContentType}", envelope.ContentType);
            }

            if (!envelope.Payload.Span.SequenceEqual(published.Payload.Span))
            {
                throw new ConformanceFailedException($"the payload of {name} byte for byte as published ({published.Payload.Length} bytes)", Difference(published.Payload, envelope.Payload));
            }
        }

        if (envelope.Kind == DocumentKinds.Alert && DocumentCodecs.Default.FindByMediaType(envelope.ContentType)?.Format == DocumentFormat.CityRiskJson)
        {
            IReadOnlyList<string> errors;
            try
            {
                errors = PayloadSchemas.Validate(envelope.Payload.ToStringUtf8());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // NJsonSchema parses before it validates: a payload that is not JSON at all lands here.
                throw new ConformanceFailedException($"the payload of {name} to be a CityRisk JSON alert", $"a payload that is not JSON ({ex.Message})");
            }

            if (errors.Count > 0)
            {
                throw new ConformanceFailedException($"the payload of {name} to be valid against schemas/v1/alert.schema.json", string.Join("; ", errors.Take(5)));
            }
        }
    }

    private static string Difference(ByteString expected, ByteString actual)
    {
        var a = expected.Span;
        var b = actual.Span;
        var common = Math.Min(a.Length, b.Length);
        var at = a[..common].CommonPrefixLength(b[..common]);
        return at == common
            ? $"{b.Length} bytes, the same for the first {common}"
            : $"{b.Length} bytes, differing from byte {at} (0x{a[at]:x2} published, 0x{b[at]:x2} returned)";
    }

    private sealed record Published(ByteString Payload, string ContentType, ulong Cursor);
}
