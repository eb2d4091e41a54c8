using System.Diagnostics.Metrics;
using CityRisk.Server.Exchange;
using CityRisk.Server.Hosting;
using CityRisk.Server.Partners;
using CityRisk.Server.Storage;
using CityRisk.Storage;
using CityRisk.Server.Tests.Exchange;
using CityRisk.Client;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityRisk.Server.Tests.Hosting;

/// <summary>The hosting kit as a vendor uses it: AddCityRiskExchange and MapCityRiskExchange on a real Kestrel host.</summary>
public sealed class HostingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-host-").FullName;
    private readonly string _token = PartnerTokens.Generate();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PartnersPath
    {
        get
        {
            var path = Path.Combine(_folder, "partners.json");
            if (!File.Exists(path))
            {
                File.WriteAllBytes(path, PartnersFile.Serialize(new PartnerRegistry([new Partner
                {
                    Id = PartyId.Parse("foshan-em"),
                    Roles = ["city"],
                    CapSenders = [TestHub.CapSender("foshan-em")],
                    Credentials = [new PartnerCredential { Id = "2026-11", Hash = PartnerTokens.Hash(_token) }],
                }])));
            }

            return path;
        }
    }

    private static async Task<(WebApplication App, GrpcChannel Client)> StartAsync(Action<CityRiskExchangeOptions> configure, Action<IServiceCollection>? services = null)
    {
        var (app, address) = await LoopbackServer.StartAsync(collection =>
        {
            services?.Invoke(collection);
            collection.AddCityRiskExchange(configure);
        }, app =>
        {
            app.MapCityRiskExchange();
            return Task.CompletedTask;
        });
        return (app, CityRiskChannel.Create(address));
    }

    private CallOptions Caller => new(headers: new Metadata { { "authorization", $"Bearer {_token}" } }, deadline: DateTime.UtcNow.AddSeconds(20), cancellationToken: Cancel);

    private static Task<TResponse> Call<TRequest, TResponse>(GrpcChannel channel, Rpc<TRequest, TResponse> rpc, TRequest request, CallOptions options) =>
        rpc.Call(new CityRisk.Protocol.V1.Exchange.ExchangeClient(channel), request, options).ResponseAsync;

    [Fact]
    public async Task A_restarted_hub_has_lost_nothing_and_continues_its_cursors()
    {
        var store = $"sqlite:{Path.Combine(_folder, "hub.db")}";
        var (app, client) = await StartAsync(o => { o.Store = store; o.PartnersFile = PartnersPath; });
        await using (app)
        using (client)
        {
            Assert.Equal(1UL, (await Call(client, TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "before-restart")), Caller)).Cursor);
            await app.StopAsync(Cancel);
        }

        (app, client) = await StartAsync(o => { o.Store = store; o.PartnersFile = PartnersPath; });
        await using (app)
        using (client)
        {
            var got = await Call(client, TestHub.Get, new GetRequest { Message = new MessageRef { Sender = "foshan-em", Id = "before-restart" } }, Caller);
            Assert.Equal(1UL, got.Cursor);
            Assert.True((await Call(client, TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "before-restart")), Caller)).Duplicate);
            Assert.Equal(2UL, (await Call(client, TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "after-restart")), Caller)).Cursor);
        }
    }

    [Fact]
    public async Task A_store_registered_as_a_service_is_the_one_the_hub_uses_and_the_container_keeps()
    {
        var store = new InMemoryExchangeStore();
        var (app, client) = await StartAsync(o => { o.Store = "sqlite:/nonexistent/ignored.db"; o.PartnersFile = PartnersPath; }, services => services.AddSingleton<IExchangeStore>(store));
        await using (app)
        using (client)
        {
            await Call(client, TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "in-my-store")), Caller);
            var stored = await store.GetMessageAsync("foshan-em", "in-my-store", Cancel);
            Assert.NotNull(stored);
            Assert.Equal(1, stored.Cursor);

            var query = await Call(client, TestHub.Query, new QueryRequest { Filter = new Filter { Kinds = { "alert" } } }, Caller);
            Assert.Equal("in-my-store", Assert.Single(query.Items).Envelope.Id);
        }
    }

    [Fact]
    public async Task Revoked_expired_and_unknown_tokens_look_the_same_to_the_caller_and_differ_in_the_security_log()
    {
        var (revoked, expired) = (PartnerTokens.Generate(), PartnerTokens.Generate());
        var registry = new PartnerRegistry([new Partner
        {
            Id = PartyId.Parse("foshan-em"),
            Roles = ["city"],
            CapSenders = [TestHub.CapSender("foshan-em")],
            Credentials =
            [
                new PartnerCredential { Id = "2026-11", Hash = PartnerTokens.Hash(_token) },
                new PartnerCredential { Id = "2025-11", Hash = PartnerTokens.Hash(revoked), Revoked = true },
                new PartnerCredential { Id = "2025-05", Hash = PartnerTokens.Hash(expired), NotAfter = DateTimeOffset.UtcNow.AddDays(-1) },
            ],
        }]);
        var logs = new CapturedLogs();
        var (app, client) = await StartAsync(o => { o.Store = "memory"; o.Partners = registry; }, services => services.AddLogging(b => b.AddProvider(logs)));
        await using (app)
        using (client)
        {
            async Task<Status> Refusal(string token) => (await Assert.ThrowsAsync<RpcException>(() => Call(client, TestHub.Get,
                new GetRequest { Message = new MessageRef { Sender = "foshan-em", Id = "x" } },
                new CallOptions(new Metadata { { "authorization", $"Bearer {token}" } }, DateTime.UtcNow.AddSeconds(20), Cancel)))).Status;

            var answers = new[] { await Refusal(revoked), await Refusal(expired), await Refusal(PartnerTokens.Generate()) };
            Assert.All(answers, a => Assert.Equal(StatusCode.Unauthenticated, a.StatusCode));
            Assert.Single(answers.Select(a => a.Detail).Distinct());
            Assert.DoesNotContain("revoked", answers[0].Detail, StringComparison.OrdinalIgnoreCase);

            var events = logs.Entries.Where(e => e.Category == "CityRisk.Server.Security").ToList();
            Assert.Equal(3, events.Count);
            Assert.All(events, e => Assert.Equal((1001, LogLevel.Warning), (e.Event.Id, e.Level)));
            Assert.Contains(events, e => e.Message.Contains("credential Revoked (partner foshan-em, credential id 2025-11)", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Message.Contains("credential Expired (partner foshan-em, credential id 2025-05)", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Message.Contains("credential Unknown (partner -, credential id -)", StringComparison.Ordinal));
            Assert.All(events, e => Assert.DoesNotContain(revoked, e.Message, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Refusals_operators_must_see_are_security_events_and_a_flood_is_counted_not_logged_line_by_line()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new CapturedLogs();
        var (app, client) = await StartAsync(o => { o.Store = "memory"; o.PartnersFile = PartnersPath; }, services =>
        {
            services.AddLogging(b => b.AddProvider(logs));
            services.AddSingleton<TimeProvider>(clock);
        });
        await using (app)
        using (client)
        {
            // Publishing as another partner, then a flood of it.
            var spoofed = TestHub.Request("macau-smg", TestHub.Alert("macau-smg", "spoof"));
            for (var i = 0; i < 30; i++)
            {
                Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(() => Call(client, TestHub.Publish, spoofed, Caller))).StatusCode);
            }

            var refused = logs.Entries.Where(e => e.Event.Id == 1002).ToList();
            Assert.Equal(20, refused.Count);
            Assert.Contains("Refused Publish with PermissionDenied: You are 'foshan-em' and may publish only as yourself", refused[0].Message, StringComparison.Ordinal);
            Assert.Contains("(partner foshan-em)", refused[0].Message, StringComparison.Ordinal);

            clock.Advance(TimeSpan.FromSeconds(2));
            var hostile = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "dtd"));
            hostile.Envelope.ContentType = "application/cap+xml";
            hostile.Envelope.Payload = Google.Protobuf.ByteString.CopyFromUtf8("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><alert>&x;</alert>");
            await Assert.ThrowsAsync<RpcException>(() => Call(client, TestHub.Publish, hostile, Caller));

            var suppressed = Assert.Single(logs.Entries, e => e.Event.Id == 1999);
            Assert.Contains("10 CallRefused events were not logged", suppressed.Message, StringComparison.Ordinal);
            Assert.Contains(logs.Entries, e => e.Event.Id == 1002 && e.Message.Contains("InvalidArgument: XML-DTD-PROHIBITED", StringComparison.Ordinal));
            Assert.All(logs.Entries.Where(e => e.Category == "CityRisk.Server.Security"), e => Assert.DoesNotContain(_token, e.Message, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task What_the_transport_refuses_before_the_exchange_sees_it_is_a_security_event_too()
    {
        var logs = new CapturedLogs();
        var (app, client) = await StartAsync(o => { o.Store = "memory"; o.PartnersFile = PartnersPath; o.MaxMessageBytes = 16 * 1024; }, services => services.AddLogging(b => b.AddProvider(logs)));
        await using (app)
        using (client)
        {
            var huge = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "huge") with { Note = new string('x', 64 * 1024) });
            Assert.Equal(StatusCode.ResourceExhausted, (await Assert.ThrowsAsync<RpcException>(() => Call(client, TestHub.Publish, huge, Caller))).StatusCode);

            var unknown = new Method<Empty, Empty>(MethodType.Unary, "cityrisk.v1.Exchange", "Frobnicate", Marshallers.Create(_ => [], _ => new Empty()), Marshallers.Create(_ => [], _ => new Empty()));
            Assert.Equal(StatusCode.Unimplemented, (await Assert.ThrowsAsync<RpcException>(() => client.CreateCallInvoker().AsyncUnaryCall(unknown, null, Caller, new Empty()).ResponseAsync)).StatusCode);

            // A refusal the exchange itself made is its own event (1002), not this one.
            await Assert.ThrowsAsync<RpcException>(() => Call(client, TestHub.Publish, TestHub.Request("macau-smg", TestHub.Alert("macau-smg", "spoof")), Caller));

            var transport = logs.Entries.Where(e => e.Event.Id == 1004).Select(e => e.Message).ToList();
            Assert.Equal(2, transport.Count);
            Assert.Contains(transport, m => m.Contains("/cityrisk.v1.Exchange/Publish with ResourceExhausted", StringComparison.Ordinal));
            Assert.Contains(transport, m => m.Contains("/cityrisk.v1.Exchange/Frobnicate with Unimplemented", StringComparison.Ordinal));
            Assert.Single(logs.Entries, e => e.Event.Id == 1002);
        }
    }

    private sealed class Empty;

    [Fact]
    public async Task Subscriptions_go_live_through_the_hosting_kit()
    {
        var (app, client) = await StartAsync(o => { o.Store = "memory"; o.PartnersFile = PartnersPath; });
        await using (app)
        using (client)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            timeout.CancelAfter(TimeSpan.FromSeconds(20));
            using var call = new CityRisk.Protocol.V1.Exchange.ExchangeClient(client).Subscribe(new SubscribeRequest { FromNow = true }, new CallOptions(Caller.Headers, cancellationToken: timeout.Token));
            // The stream is open once its headers arrive; they say where it starts.
            Assert.Equal("0", (await call.ResponseHeadersAsync).GetValue("cityrisk-start-cursor"));
            await Call(client, TestHub.Publish, TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "live-1")), Caller);
            Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
            Assert.Equal("live-1", call.ResponseStream.Current.Envelope.Id);
        }
    }

    [Fact]
    public async Task Health_reports_serving_once_the_store_is_open()
    {
        var (app, client) = await StartAsync(o => { o.Store = "memory"; o.PartnersFile = PartnersPath; });
        await using (app)
        using (client)
        {
            var health = new Grpc.Health.V1.Health.HealthClient(client);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = ExchangeService.ServiceName }, Caller)).Status);
        }
    }

    [Fact]
    public async Task Server_reflection_lists_the_exchange_and_health_and_can_be_switched_off()
    {
        var (app, client) = await StartAsync(o => { o.Store = "memory"; o.PartnersFile = PartnersPath; });
        await using (app)
        using (client)
        {
            Assert.Contains(ExchangeService.ServiceName, await ListServicesAsync(client));
            Assert.Contains("grpc.health.v1.Health", await ListServicesAsync(client));

            // What grpcurl asks next: the file that defines a symbol, to build requests without the .proto.
            using var call = new ServerReflection.ServerReflectionClient(client).ServerReflectionInfo(cancellationToken: Cancel);
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "cityrisk.v1.Exchange" }, Cancel);
            await call.RequestStream.CompleteAsync();
            Assert.True(await call.ResponseStream.MoveNext(Cancel));
            var file = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
            Assert.Equal("cityrisk/v1/exchange.proto", file.Name);
            Assert.Contains(file.Service.Single().Method, m => m.Name == "Subscribe" && m.ServerStreaming && m.OutputType == ".cityrisk.v1.Delivery");
        }

        (app, client) = await StartAsync(o => { o.Store = "memory"; o.PartnersFile = PartnersPath; o.EnableReflection = false; });
        await using (app)
        using (client)
        {
            // Read the answer without writing first: the hub refuses the unknown method at once, and a write racing
            // that refusal may fail as Cancelled rather than with the call's status.
            using var call = new ServerReflection.ServerReflectionClient(client).ServerReflectionInfo(cancellationToken: Cancel);
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Cancel));
            Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        }
    }

    private static async Task<List<string>> ListServicesAsync(GrpcChannel channel)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo(cancellationToken: Cancel);
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty }, Cancel);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(Cancel));
        return [.. call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name)];
    }

    [Fact]
    public async Task Invalid_options_fail_the_start_listing_every_error()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(o => { o.Store = "postgres:x"; o.MaxSubscriberLag = 0; }));
        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.Contains("postgres:x", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("No partners", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_store_path_or_partners_file_fails_the_start_clearly()
    {
        var store = await Assert.ThrowsAsync<ExchangeStoreException>(() => StartAsync(o => { o.Store = "sqlite:/no/such/folder/hub.db"; o.PartnersFile = PartnersPath; }));
        Assert.Contains("/no/such/folder", store.Message, StringComparison.Ordinal);

        var broken = Path.Combine(_folder, "broken.json");
        await File.WriteAllTextAsync(broken, "{ \"partners\": [ { \"id\": \"Not Valid\" } ] }", Cancel);
        var partners = await Assert.ThrowsAsync<PartnersFileException>(() => StartAsync(o => { o.Store = "memory"; o.PartnersFile = broken; }));
        Assert.Contains(partners.Problems, p => p.Code == "PARTNERS-ID-INVALID");
    }

    [Fact]
    public async Task Publishes_and_refusals_are_counted()
    {
        var measurements = new List<(string Instrument, long Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ExchangeTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))));
            }
        });
        listener.Start();

        var (app, client) = await StartAsync(o => { o.Store = "memory"; o.PartnersFile = PartnersPath; });
        await using (app)
        using (client)
        {
            var publish = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "m1"));
            await Call(client, TestHub.Publish, publish, Caller);
            await Call(client, TestHub.Publish, publish, Caller);
            await Assert.ThrowsAsync<RpcException>(() => Call(client, TestHub.Get, new GetRequest { Message = new MessageRef { Sender = "x", Id = "y" } }, Caller));
        }

        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Instrument == "cityrisk.exchange.publishes" && m.Tags == "outcome=appended");
            Assert.Contains(measurements, m => m.Instrument == "cityrisk.exchange.publishes" && m.Tags == "outcome=duplicate");
            Assert.Contains(measurements, m => m.Instrument == "cityrisk.exchange.refusals" && m.Tags.Contains("rpc.grpc.status_code=5", StringComparison.Ordinal));
        }
    }
}
