using System.Text;
using CityRisk.Alerts;
using CityRisk.Json;
using CityRisk.Protocol;
using Grpc.Core;
using CityRisk.Protocol.V1;
using Google.Protobuf;

namespace CityRisk.Server.Tests.Exchange;

public sealed class ExchangeServiceTests : IAsyncLifetime
{
    private TestHub _hub = null!;

    public async ValueTask InitializeAsync() => _hub = await TestHub.StartAsync();

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    private static async Task<RpcException> Refused(Task call) => await Assert.ThrowsAsync<RpcException>(() => call);

    private static IReadOnlyList<CityRisk.Problems.Problem> ProblemsOf(RpcException error)
    {
        Assert.True(ProblemsTrailer.IsPresent(error.Trailers), $"no {ProblemsTrailer.Name} trailer on {error.Status}");
        Assert.True(ProblemsTrailer.TryRead(error.Trailers, out var problems, out var decodeError), decodeError);
        return problems;
    }

    [Fact]
    public async Task Publish_is_idempotent_and_a_changed_message_with_the_same_id_already_exists()
    {
        var first = await _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "a1")), "foshan-em");
        var again = await _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "a1")), "foshan-em");
        Assert.Equal((1UL, false), (first.Cursor, first.Duplicate));
        Assert.Equal((1UL, true), (again.Cursor, again.Duplicate));

        var changed = TestHub.Alert("foshan-em", "a1", level: WarningLevel.Red);
        var error = await Refused(_hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", changed), "foshan-em"));
        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task The_same_content_written_differently_is_still_a_duplicate()
    {
        var alert = TestHub.Alert("foshan-em", "r1") with { Scope = AlertScope.Restricted, Restriction = "lifeline operators" };
        var payload = CityRiskJson.Write(alert);
        var first = AlertEnvelope.Create(alert, "foshan-em", payload, CityRiskJson.ContentType(DocumentKinds.Alert), ["lifeline-operator", "partner:macau-smg"]);
        Assert.False((await _hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = first }, "foshan-em")).Duplicate);

        // Another client: the same audience, its roles in another order and repeated.
        var second = first.Clone();
        second.RestrictionRoles.Clear();
        second.RestrictionRoles.AddRange(["partner:macau-smg", "lifeline-operator", "partner:macau-smg"]);
        var again = await _hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = second }, "foshan-em");
        Assert.Equal((1UL, true), (again.Cursor, again.Duplicate));

        var narrower = first.Clone();
        narrower.RestrictionRoles.Clear();
        narrower.RestrictionRoles.Add("lifeline-operator");
        Assert.Equal(StatusCode.AlreadyExists, (await Refused(_hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = narrower }, "foshan-em"))).StatusCode);
    }

    [Fact]
    public async Task An_audience_no_registered_partner_matches_is_stored_with_a_warning()
    {
        var restricted = TestHub.Alert("foshan-em", "typo-roles", AlertScope.Restricted) with { Restriction = "lifeline operators" };
        var response = await _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", restricted, "lifeline-operator", "lifline-operator", "partner:nobody", "partner:macau-smg"), "foshan-em");
        Assert.Equal(1UL, response.Cursor);
        var warnings = ProblemsTrailer.FromMessage(response.Warnings);
        Assert.Equal(["restriction_roles[1]", "restriction_roles[2]"], warnings.Select(w => w.Path));
        Assert.All(warnings, w => Assert.Equal(("ENVELOPE-AUDIENCE-UNKNOWN", CityRisk.Problems.ProblemSeverity.Warning), (w.Code, w.Severity)));

        var addressed = TestHub.Alert("foshan-em", "typo-recipient", AlertScope.Private, ["macau-smg", "macao-smg"]);
        var private_ = await _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", addressed), "foshan-em");
        var warning = Assert.Single(ProblemsTrailer.FromMessage(private_.Warnings));
        Assert.Contains("'macao-smg' is not a registered partner", warning.Message, StringComparison.Ordinal);

        Assert.Empty((await _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "fine")), "foshan-em")).Warnings);
    }

    [Fact]
    public async Task Mutated_envelopes_are_accepted_or_refused_with_a_defined_status_never_a_handler_failure()
    {
        var random = new Random(20261130);
        var seeds = new[]
        {
            TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "seed-json")).ToByteArray(),
            new PublishRequest { Envelope = AlertEnvelope.Create(TestHub.Alert("foshan-em", "seed-cap"), "foshan-em", CapAlertWriter.Write(TestHub.Alert("foshan-em", "seed-cap")).Value!, DocumentFormats.CapXmlContentType) }.ToByteArray(),
        };
        var tried = 0;
        for (var i = 0; i < 400; i++)
        {
            var bytes = seeds[i % seeds.Length].ToArray();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            PublishRequest request;
            try
            {
                request = PublishRequest.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                continue; // not protobuf any more: the wire layer refuses it before the exchange sees it
            }

            tried++;
            try
            {
                await _hub.CallAsync(TestHub.Publish, request, "foshan-em");
            }
            catch (RpcException ex)
            {
                Assert.True(ex.StatusCode is not (StatusCode.Unknown or StatusCode.Internal), $"mutation {i}: {ex.Status} for {Convert.ToBase64String(bytes)}");
            }
        }

        Assert.True(tried > 200, $"only {tried} mutations were still protobuf");
    }

    [Fact]
    public async Task Cap_xml_payloads_are_accepted_too()
    {
        var alert = TestHub.Alert("foshan-em", "cap-1");
        var cap = CapAlertWriter.Write(alert).Value!;
        var request = new PublishRequest { Envelope = AlertEnvelope.Create(alert, "foshan-em", cap, DocumentFormats.CapXmlContentType) };
        Assert.Equal(1UL, (await _hub.CallAsync(TestHub.Publish, request, "foshan-em")).Cursor);
        var got = await _hub.CallAsync(TestHub.Get, new GetRequest { Message = new MessageRef { Sender = "foshan-em", Id = "cap-1" } }, "macau-smg");
        Assert.Equal(cap, got.Envelope.Payload.ToByteArray());
    }

    [Fact]
    public async Task Invalid_payload_is_refused_with_every_problem_and_nothing_is_stored()
    {
        var alert = TestHub.Alert("foshan-em", "bad") with { Scope = AlertScope.Private };
        var error = await Refused(_hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", alert), "foshan-em"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(ProblemsOf(error), p => p.Code == "CAP-ADDRESSES-REQUIRED" && p.Path == "addresses");
        Assert.Empty(await _hub.QueryAllAsync("foshan-em"));

        var garbage = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "g"));
        garbage.Envelope.Payload = ByteString.CopyFromUtf8("{\"kind\":\"alert\",\"v\":1,");
        Assert.Equal("JSON-MALFORMED", ProblemsOf(await Refused(_hub.CallAsync(TestHub.Publish, garbage, "foshan-em")))[0].Code);
    }

    [Fact]
    public async Task Publishing_as_another_partner_or_another_cap_sender_is_permission_denied()
    {
        var spoofed = TestHub.Request("macau-smg", TestHub.Alert("macau-smg", "s1"));
        Assert.Equal(StatusCode.PermissionDenied, (await Refused(_hub.CallAsync(TestHub.Publish, spoofed, "foshan-em"))).StatusCode);

        var foreignCapSender = TestHub.Request("foshan-em", TestHub.Alert("macau-smg", "s2"));
        var error = await Refused(_hub.CallAsync(TestHub.Publish, foreignCapSender, "foshan-em"));
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("alerts@macau-smg.example.cn", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_envelope_that_disagrees_with_its_payload_is_refused_naming_the_fields()
    {
        var request = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "m1"));
        request.Envelope.Level = CityRisk.Protocol.V1.WarningLevel.Red;
        request.Envelope.Jurisdictions.Clear();
        var error = await Refused(_hub.CallAsync(TestHub.Publish, request, "foshan-em"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["ENVELOPE-MISMATCH jurisdictions", "ENVELOPE-MISMATCH level"], ProblemsOf(error).Select(p => $"{p.Code} {p.Path}"));

        var restricted = TestHub.Request("shenzhen-gas", TestHub.Alert("shenzhen-gas", "r0", AlertScope.Restricted));
        Assert.Equal("restriction_roles", ProblemsOf(await Refused(_hub.CallAsync(TestHub.Publish, restricted, "shenzhen-gas"))).Single().Path);
    }

    [Theory]
    [InlineData("weather", "Unknown kind 'weather'")]
    public async Task Kinds_without_a_contract_are_invalid_naming_what_is_supported(string kind, string detail)
    {
        var request = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "k1"));
        request.Envelope.Kind = kind;
        var error = await Refused(_hub.CallAsync(TestHub.Publish, request, "foshan-em"));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(detail, error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("supports: alert", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("ENVELOPE-INVALID", ProblemsOf(error).Single().Code);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.cityrisk+json; kind=alert; v=2")]
    [InlineData("application/vnd.cityrisk+json; kind=incident; v=1")]
    public async Task Unsupported_content_types_are_invalid(string contentType)
    {
        var request = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "c1"));
        request.Envelope.ContentType = contentType;
        var error = await Refused(_hub.CallAsync(TestHub.Publish, request, "foshan-em"));
        Assert.Equal("content_type", ProblemsOf(error).Single().Path);
    }

    [Fact]
    public async Task Missing_or_unknown_credentials_are_unauthenticated()
    {
        var request = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "u1"));
        var anonymous = _hub.As(null);
        Assert.Equal(StatusCode.Unauthenticated, (await Refused(_hub.CallAsync(TestHub.Publish, request, anonymous))).StatusCode);
        var wrong = _hub.As(null, token: "crk_not-a-real-token");
        Assert.Equal(StatusCode.Unauthenticated, (await Refused(_hub.CallAsync(TestHub.Query, new QueryRequest(), wrong))).StatusCode);
    }

    [Fact]
    public async Task Restricted_and_private_messages_are_not_found_outside_their_scope()
    {
        await _hub.CallAsync(TestHub.Publish, TestHub.Request("shenzhen-gas", TestHub.Alert("shenzhen-gas", "r1", AlertScope.Restricted), "lifeline-operator"), "shenzhen-gas");
        await _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "p1", AlertScope.Private, ["macau-smg"])), "foshan-em");

        var r1 = new GetRequest { Message = new MessageRef { Sender = "shenzhen-gas", Id = "r1" } };
        var p1 = new GetRequest { Message = new MessageRef { Sender = "foshan-em", Id = "p1" } };
        Assert.Equal("r1", (await _hub.CallAsync(TestHub.Get, r1, "hefei-gas")).Envelope.Id);
        Assert.Equal("p1", (await _hub.CallAsync(TestHub.Get, p1, "macau-smg")).Envelope.Id);
        Assert.Equal("p1", (await _hub.CallAsync(TestHub.Get, p1, "foshan-em")).Envelope.Id);

        foreach (var (request, outsider) in new[] { (r1, "foshan-em"), (r1, "outsider"), (p1, "shenzhen-gas"), (p1, "outsider") })
        {
            var error = await Refused(_hub.CallAsync(TestHub.Get, request, outsider));
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            var missing = await Refused(_hub.CallAsync(TestHub.Get, new GetRequest { Message = new MessageRef { Sender = "foshan-em", Id = "never-published" } }, outsider));
            Assert.Equal((missing.StatusCode, missing.Status.Detail), (error.StatusCode, error.Status.Detail));
        }

        Assert.Empty(await _hub.QueryAllAsync("outsider"));
        Assert.Equal(["p1"], (await _hub.QueryAllAsync("macau-smg")).Select(d => d.Envelope.Id));
    }

    [Fact]
    public async Task Partner_references_open_a_restricted_message_to_one_partner()
    {
        await _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "r2", AlertScope.Restricted), "partner:macau-smg"), "foshan-em");
        Assert.Single(await _hub.QueryAllAsync("macau-smg"));
        Assert.Empty(await _hub.QueryAllAsync("shenzhen-gas"));
    }

    [Fact]
    public async Task Query_pages_in_cursor_order_and_filters()
    {
        for (var i = 1; i <= 9; i++)
        {
            var alert = TestHub.Alert("foshan-em", $"q{i}", level: i % 3 == 0 ? WarningLevel.Red : WarningLevel.Blue, geocode: i % 2 == 0 ? "820000" : "440605", longitude: i <= 3 ? 100 : 113);
            await _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", alert), "foshan-em");
        }

        var firstPage = await _hub.CallAsync(TestHub.Query, new QueryRequest { PageSize = 4 }, "macau-smg");
        Assert.Equal(["q1", "q2", "q3", "q4"], firstPage.Items.Select(d => d.Envelope.Id));
        Assert.Equal([1UL, 2, 3, 4], firstPage.Items.Select(d => d.Cursor));
        Assert.Equal(Enumerable.Range(1, 9).Select(i => $"q{i}"), (await _hub.QueryAllAsync("macau-smg", pageSize: 4)).Select(d => d.Envelope.Id));

        Assert.Equal(["q3", "q6", "q9"], (await _hub.QueryAllAsync("macau-smg", new Filter { MinLevel = CityRisk.Protocol.V1.WarningLevel.Red })).Select(d => d.Envelope.Id));
        Assert.Equal(["q1", "q3", "q5", "q7", "q9"], (await _hub.QueryAllAsync("macau-smg", new Filter { Jurisdictions = { "440000" } })).Select(d => d.Envelope.Id));
        Assert.Equal(["q1", "q2", "q3"], (await _hub.QueryAllAsync("macau-smg", new Filter { Area = new AreaFilter { BoundingBox = new BoundingBox { West = 99, South = 22, East = 101, North = 24 } } })).Select(d => d.Envelope.Id));
        Assert.Empty(await _hub.QueryAllAsync("macau-smg", new Filter { Kinds = { "incident" } }));
        Assert.Equal(9, (await _hub.QueryAllAsync("macau-smg", new Filter { Senders = { "foshan-em" } })).Count);
    }

    [Fact]
    public async Task Bad_query_input_is_invalid_argument()
    {
        Assert.Equal(StatusCode.InvalidArgument, (await Refused(_hub.CallAsync(TestHub.Query, new QueryRequest { PageToken = "abc" }, "foshan-em"))).StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, (await Refused(_hub.CallAsync(TestHub.Query, new QueryRequest { Filter = new Filter { Jurisdictions = { "4406" } } }, "foshan-em"))).StatusCode);
    }

    [Fact]
    public async Task Batch_gives_each_envelope_its_own_result()
    {
        var good = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "b1")).Envelope;
        var bad = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "b2") with { Scope = AlertScope.Private }).Envelope;
        var spoofed = TestHub.Request("macau-smg", TestHub.Alert("macau-smg", "b3")).Envelope;
        var response = await _hub.CallAsync(TestHub.PublishBatch, new PublishBatchRequest { Envelopes = { good, bad, spoofed, good } }, "foshan-em");

        Assert.Equal(1UL, response.Results[0].Published.Cursor);
        Assert.Equal((int)StatusCode.InvalidArgument, response.Results[1].Error.Code);
        Assert.Contains(response.Results[1].Error.Problems, p => p.Code == "CAP-ADDRESSES-REQUIRED");
        Assert.Equal((int)StatusCode.PermissionDenied, response.Results[2].Error.Code);
        Assert.True(response.Results[3].Published.Duplicate);
    }

    [Fact]
    public async Task The_hub_keeps_serving_after_bad_input()
    {
        var request = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "x"));
        request.Envelope.Payload = ByteString.CopyFrom(Encoding.UTF8.GetBytes("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert>&x;</alert>"));
        request.Envelope.ContentType = DocumentFormats.CapXmlContentType;
        Assert.Equal("XML-DTD-PROHIBITED", ProblemsOf(await Refused(_hub.CallAsync(TestHub.Publish, request, "foshan-em"))).Single().Code);
        Assert.Equal(1UL, (await _hub.CallAsync(TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "ok")), "foshan-em")).Cursor);
    }
}
