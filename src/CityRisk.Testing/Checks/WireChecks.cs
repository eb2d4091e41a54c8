using System.Net;
using System.Net.Http.Headers;
using CityRisk.Client;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;

namespace CityRisk.Testing;

/// <summary>The wire capability: what gRPC over HTTP/2 must do for the exchange to work with any stock gRPC stack.</summary>
internal static class WireChecks
{
    private static readonly Method<GetRequest, GetResponse> NoSuchMethod = new(
        MethodType.Unary, ExchangeMetadata.ServiceName, "NoSuchMethod",
        Marshallers.Create(static (GetRequest r) => r.ToByteArray(), GetRequest.Parser.ParseFrom),
        Marshallers.Create(static (GetResponse r) => r.ToByteArray(), GetResponse.Parser.ParseFrom));

    public static IEnumerable<ConformanceCheck> All()
    {
        yield return new("WIRE-001", ConformanceCapability.Wire, "docs/protocol.md §1.1 (gRPC: an unknown method is UNIMPLEMENTED)", "An unknown method is UNIMPLEMENTED.", async (c, ct) =>
            await ConformanceContext.ExpectStatusAsync(async () => await c.Invoker.AsyncUnaryCall(NoSuchMethod, null, ConformanceContext.As(c.Identities.CityA, ct), new GetRequest()).ConfigureAwait(false), StatusCode.Unimplemented, "/cityrisk.v1.Exchange/NoSuchMethod").ConfigureAwait(false));

        yield return new("WIRE-002", ConformanceCapability.Wire, "docs/protocol.md §1.4 (deadlines)", "A call's grpc-timeout is enforced by the server: a Subscribe with nothing to deliver ends with DEADLINE_EXCEEDED.", async (c, ct) =>
        {
            // Sent raw, without a local deadline: only the server can end this call.
            var request = new SubscribeRequest { FromNow = true, Filter = new Filter { Senders = { $"ck-{c.RunId}-nobody" } } };
            var (status, detail, elapsed) = await RawAsync(c, "/cityrisk.v1.Exchange/Subscribe", Frame(request.ToByteArray()), c.Identities.CityA, ct, timeoutHeader: "300m", wait: TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            if (status != (int)StatusCode.DeadlineExceeded)
            {
                throw new ConformanceFailedException("DEADLINE_EXCEEDED from the server within 10 s of a 300 ms grpc-timeout", status is null ? $"no status after {elapsed.TotalSeconds:F1} s" : $"status {status} ({detail}) after {elapsed.TotalSeconds:F1} s");
            }
        });

        yield return new("WIRE-003", ConformanceCapability.Wire, "docs/protocol.md §1.3 (message size limit)", "A request over the endpoint's message limit is RESOURCE_EXHAUSTED, and the endpoint keeps serving.", async (c, ct) =>
        {
            var size = c.Identities.MaxMessageBytes + 1024;
            var envelope = new Envelope { Id = c.NewId("WIRE-003"), Kind = "alert", Sender = c.Identities.CityA.PartnerId, ContentType = "application/cap+xml", Payload = ByteString.CopyFrom(new byte[size]) };
            await ConformanceContext.ExpectStatusAsync(() => c.CallPublishAsync(c.Identities.CityA, envelope, ct), StatusCode.ResourceExhausted, $"a {size}-byte request (limit {c.Identities.MaxMessageBytes})").ConfigureAwait(false);
            await ExpectServingAsync(c, ct).ConfigureAwait(false);
        });

        yield return new("WIRE-004", ConformanceCapability.Wire, "docs/protocol.md §1.1 (gRPC length-prefixed messages)", "A truncated frame is answered with INTERNAL, and the endpoint keeps serving.", async (c, ct) =>
        {
            var (status, detail, _) = await RawAsync(c, "/cityrisk.v1.Exchange/Publish", [0, 0, 0, 0, 50, 1, 2, 3], c.Identities.CityA, ct).ConfigureAwait(false);
            if (status != (int)StatusCode.Internal)
            {
                throw new ConformanceFailedException("INTERNAL for a frame that announces 50 bytes and carries 3", status is null ? "no status" : $"status {status} ({detail})");
            }

            await ExpectServingAsync(c, ct).ConfigureAwait(false);
        });

        yield return new("WIRE-005", ConformanceCapability.Wire, "docs/protocol.md §1.2 (health)", "The health service reports SERVING for the server and for cityrisk.v1.Exchange.", async (c, ct) =>
            await ExpectServingAsync(c, ct).ConfigureAwait(false));

        yield return new("WIRE-006", ConformanceCapability.Wire, "docs/protocol.md §2.2 (authentication)", "A call without a credential, or with one the endpoint does not know, is UNAUTHENTICATED.", async (c, ct) =>
        {
            var request = new GetRequest { Message = new MessageRef { Sender = c.Identities.CityA.PartnerId, Id = c.NewId("WIRE-006") } };
            await ConformanceContext.ExpectStatusAsync(async () => await c.Client.GetAsync(request, ConformanceContext.As(null, ct)).ConfigureAwait(false), StatusCode.Unauthenticated, "a Get without a credential").ConfigureAwait(false);
            var forged = new ConformanceParty { PartnerId = c.Identities.CityA.PartnerId, Token = "crk_conformance-kit-forged-token", CapSender = c.Identities.CityA.CapSender };
            await ConformanceContext.ExpectStatusAsync(async () => await c.Client.GetAsync(request, ConformanceContext.As(forged, ct)).ConfigureAwait(false), StatusCode.Unauthenticated, "a Get with a token the endpoint never issued").ConfigureAwait(false);
            await ConformanceContext.ExpectStatusAsync(async () => await c.Client.QueryAsync(new QueryRequest(), ConformanceContext.As(forged, ct)).ConfigureAwait(false), StatusCode.Unauthenticated, "a Query with a token the endpoint never issued").ConfigureAwait(false);
        });
    }

    private static async Task ExpectServingAsync(ConformanceContext c, CancellationToken ct)
    {
        foreach (var service in new[] { string.Empty, "cityrisk.v1.Exchange" })
        {
            HealthCheckResponse response;
            try
            {
                response = await c.Health.CheckAsync(new HealthCheckRequest { Service = service }, ConformanceContext.As(c.Identities.CityA, ct, TimeSpan.FromSeconds(10))).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw new ConformanceFailedException($"grpc.health.v1 Check(\"{service}\") to answer SERVING", ConformanceContext.Describe(ex));
            }

            if (response.Status != HealthCheckResponse.Types.ServingStatus.Serving)
            {
                throw new ConformanceFailedException($"grpc.health.v1 Check(\"{service}\") to answer SERVING", response.Status.ToString());
            }
        }
    }

    /// <summary>A gRPC length-prefixed message: an uncompressed flag byte, the length big-endian, the bytes.</summary>
    private static byte[] Frame(byte[] message)
    {
        var frame = new byte[5 + message.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>A request sent as raw HTTP/2, so the kit sees exactly what the server answers: the status (headers or trailers) and how long it took.</summary>
    private static async Task<(int? Status, string Detail, TimeSpan Elapsed)> RawAsync(ConformanceContext c, string path, byte[] body, ConformanceParty party, CancellationToken ct, string? timeoutHeader = null, TimeSpan? wait = null)
    {
        using var handler = CityRiskChannel.CreateHttpHandler(ConformanceContext.ChannelOptions(c.Identities));

        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(c.Endpoint, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("authorization", $"Bearer {party.Token}");
        if (timeoutHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", timeoutHeader);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(wait ?? TimeSpan.FromSeconds(20));
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token).ConfigureAwait(false);
            if (!response.Headers.TryGetValues("grpc-status", out var status))
            {
                await using var stream = await response.Content.ReadAsStreamAsync(limit.Token).ConfigureAwait(false);
                var buffer = new byte[16 * 1024];
                while (await stream.ReadAsync(buffer, limit.Token).ConfigureAwait(false) > 0)
                {
                }

                response.TrailingHeaders.TryGetValues("grpc-status", out status);
            }

            var message = response.Headers.TryGetValues("grpc-message", out var m) || response.TrailingHeaders.TryGetValues("grpc-message", out m) ? Uri.UnescapeDataString(m.First()) : string.Empty;
            int? code = status is not null && int.TryParse(status.First(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            if (code == (int)StatusCode.Unavailable)
            {
                // gRPC's "try again", here as on the stubs' calls: transport, not an answer to the check.
                throw new ConformanceTransportException($"a raw HTTP/2 POST {path}", new RpcException(new Status(StatusCode.Unavailable, message)));
            }

            return (code, message, started.Elapsed);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, "no answer", started.Elapsed);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The connection failed, or the stream was reset, before a status: transport, not a verdict on the rule.
            throw new ConformanceTransportException($"a raw HTTP/2 POST {path}", ex);
        }
    }
}
