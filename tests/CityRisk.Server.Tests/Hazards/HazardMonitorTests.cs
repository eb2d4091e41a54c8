using CityRisk.Alerts;
using CityRisk.Geo;
using CityRisk.Hazards;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using CityRisk.Server.Tests.Exchange;
using Grpc.Core;
using Observation = CityRisk.Protocol.V1.Observation;

namespace CityRisk.Server.Tests.Hazards;

/// <summary>
/// Monitoring on the hub (docs/hazards.md, "On the hub"): observations recorded row by row, evaluated, and turned into
/// CAP warnings from the monitor partner that reach the hazard's audience only; state that survives a restart.
/// </summary>
public sealed class HazardMonitorTests : IDisposable
{
    private const string Owner = "hefei-lifeline";
    private const string Monitor = "hefei-monitor";
    private static readonly DocumentCodec<Hazard> Codec = DocumentCodecs.Default.Get<Hazard>(DocumentFormat.CityRiskJson);
    private static readonly (string, string[])[] Partners =
    [
        (Owner, ["lifeline-operator"]),
        ("hefei-em", ["lifeline-operator", "city"]),
        ("macau-smg", ["city"]),
        (Monitor, ["hub"]),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("cityrisk-monitor-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static Hazard Bridge(long revision = 1, DocumentScope scope = DocumentScope.Restricted) => new()
    {
        Id = "hf-bridge-0042",
        Owner = Owner,
        Revision = revision,
        Name = LocalizedText.Of("en", "Nanfei River Bridge"),
        Type = HazardTypes.Bridge,
        Domain = RiskDomain.Lifeline,
        RiskGrade = RiskGrade.Significant,
        Geometry = new LineGeometry([new GeoPoint(117.29, 31.86), new GeoPoint(117.30, 31.865)]),
        Jurisdiction = "340102",
        Scope = scope,
        Audience = ["lifeline-operator"],
        Indicators =
        [
            new Indicator
            {
                Id = "strain-s3", Name = "Strain S3", Unit = "um/m", Direction = ThresholdDirection.Above,
                Thresholds = new IndicatorThresholds { Yellow = 800, Orange = 1000, Red = 1200 },
                Hysteresis = 50, MinimumDuration = TimeSpan.FromMinutes(10),
            },
        ],
    };

    private static Task<TestHub> StartAsync(string? store = null) =>
        TestHub.StartAsync(Partners, configure: options =>
        {
            options.MonitorPartner = Monitor;
            if (store is not null)
            {
                options.Store = $"sqlite:{store}";
            }
        });

    private static async Task RegisterAsync(TestHub hub, Hazard hazard)
    {
        var payload = Codec.Write(hazard).Value!;
        await hub.CallAsync(TestHub.Publish, new PublishRequest { Envelope = HazardEnvelope.Create(hazard, payload, Codec.MediaType, DateTimeOffset.Now) }, Owner);
    }

    internal static Observation Reading(DateTimeOffset at, double value, string indicator = "strain-s3", string? unit = null) => new()
    {
        HazardOwner = Owner,
        HazardId = "hf-bridge-0042",
        IndicatorId = indicator,
        ObservedAt = ObservationMessages.FormatTime(at),
        Value = value,
        Unit = unit ?? string.Empty,
        SensorId = "s3-a",
    };

    private static RecordObservationsRequest Batch(params Observation[] rows) => new() { Observations = { rows } };

    private static DateTimeOffset Minutes(int minutes) => new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(8)).AddMinutes(minutes);

    private static Task<List<Delivery>> WarningsAsync(TestHub hub, string partner) =>
        hub.QueryAllAsync(partner, new Filter { Kinds = { "alert" }, Senders = { Monitor }, IncludeSuperseded = true });

    [Fact]
    public async Task A_crossing_raises_a_warning_for_the_hazards_audience_and_recovery_cancels_it()
    {
        await using var hub = await StartAsync();
        await RegisterAsync(hub, Bridge());

        var raised = await hub.CallAsync(TestHub.RecordObservations, Batch(Reading(Minutes(0), 700), Reading(Minutes(1), 1040)), Owner);
        Assert.All(raised.Results, r => Assert.Equal(ObservationResult.OutcomeOneofCase.Duplicate, r.OutcomeCase));

        var status = await hub.CallAsync(TestHub.GetHazardStatus, new GetHazardStatusRequest { Hazard = EntityMessages.Key("hazard", Owner, "hf-bridge-0042") }, "hefei-em");
        Assert.Equal(CityRisk.Protocol.V1.WarningLevel.Orange, status.Level);
        Assert.Equal($"cityrisk-hazard.{Owner}.hf-bridge-0042.1", status.Warning.Id);

        var warning = Assert.Single(await WarningsAsync(hub, "hefei-em"));
        Assert.Equal("application/cap+xml", warning.Envelope.ContentType);
        Assert.Equal(CityRisk.Protocol.V1.WarningLevel.Orange, warning.Envelope.Level);
        var alert = DocumentCodecs.Default.Get<Alert>(DocumentFormat.CapXml).Read(warning.Envelope.Payload.Memory).Value!;
        Assert.Equal(AlertMessageType.Alert, alert.MessageType);
        Assert.Equal(AlertScope.Restricted, alert.Scope);
        Assert.Equal(["partner:hefei-lifeline", "lifeline-operator"], warning.Envelope.RestrictionRoles);
        Assert.Contains(new NamedValue(CityRiskParameters.Observation, $"{Owner}/hf-bridge-0042/strain-s3/2026-11-30T08:01:00+08:00"), alert.Info[0].Parameters);
        Assert.Contains("read 1040 um/m", alert.Info[0].Description, StringComparison.Ordinal);
        Assert.Equal(["hf-bridge-0042"], alert.Info[0].Hazards);
        Assert.Empty(await WarningsAsync(hub, "macau-smg"));

        // Below the Orange release value (950) and the Yellow one (750) for ten minutes: Normal, and a Cancel.
        await hub.CallAsync(TestHub.RecordObservations, Batch(Reading(Minutes(2), 700), Reading(Minutes(8), 690), Reading(Minutes(12), 680)), Owner);
        var thread = await WarningsAsync(hub, Owner);
        Assert.Equal(2, thread.Count);
        var cancel = DocumentCodecs.Default.Get<Alert>(DocumentFormat.CapXml).Read(thread[1].Envelope.Payload.Memory).Value!;
        Assert.Equal(AlertMessageType.Cancel, cancel.MessageType);
        Assert.Equal(alert.Identifier, Assert.Single(cancel.References!).Identifier);
        Assert.Equal(CityRisk.Protocol.V1.WarningLevel.Unspecified, thread[1].Envelope.Level);

        var after = await hub.CallAsync(TestHub.GetHazardStatus, new GetHazardStatusRequest { Hazard = EntityMessages.Key("hazard", Owner, "hf-bridge-0042") }, Owner);
        Assert.Equal(CityRisk.Protocol.V1.WarningLevel.Unspecified, after.Level);
        Assert.Null(after.Warning);
    }

    [Fact]
    public async Task Each_bad_row_is_refused_on_its_own_and_the_good_ones_are_kept()
    {
        await using var hub = await StartAsync();
        await RegisterAsync(hub, Bridge());
        var good = Reading(Minutes(0), 500);
        var response = await hub.CallAsync(TestHub.RecordObservations, Batch(
            good,
            Reading(Minutes(1), 500, indicator: "tilt"),
            Reading(Minutes(2), double.NaN),
            Reading(Minutes(3), 500, unit: "mm"),
            Reading(DateTimeOffset.UtcNow.AddHours(2), 500),
            new Observation(good) { ObservedAt = "2026-11-30 08:00" },
            new Observation(good) { HazardId = "no-such-hazard" },
            good), Owner);

        string[] outcomes = [.. response.Results.Select(r => r.OutcomeCase == ObservationResult.OutcomeOneofCase.Duplicate
            ? (r.Duplicate ? "duplicate" : "recorded")
            : $"{(StatusCode)r.Error.Code} {string.Join(",", r.Error.Problems.Select(p => $"{p.Code}@{p.Path}"))}")];
        Assert.Equal(
        [
            "recorded",
            "InvalidArgument OBSERVATION-INDICATOR-UNKNOWN@indicator_id",
            "InvalidArgument OBSERVATION-VALUE-INVALID@value",
            "InvalidArgument OBSERVATION-UNIT-MISMATCH@unit",
            "InvalidArgument OBSERVATION-IN-FUTURE@observed_at",
            "InvalidArgument OBSERVATION-TIME-INVALID@observed_at",
            "NotFound ",
            "duplicate",
        ], outcomes);

        var others = await hub.CallAsync(TestHub.RecordObservations, Batch(good), "hefei-em");
        Assert.Equal(StatusCode.PermissionDenied, (StatusCode)others.Results[0].Error.Code);
        var hidden = await hub.CallAsync(TestHub.RecordObservations, Batch(good), "macau-smg");
        Assert.Equal(StatusCode.NotFound, (StatusCode)hidden.Results[0].Error.Code);

        var stored = await hub.CallAsync(TestHub.QueryObservations, new QueryObservationsRequest { Hazard = EntityMessages.Key("hazard", Owner, "hf-bridge-0042") }, "hefei-em");
        Assert.Equal([good], stored.Observations);
        var refused = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.QueryObservations, new QueryObservationsRequest { Hazard = EntityMessages.Key("hazard", Owner, "hf-bridge-0042") }, "macau-smg"));
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
    }

    [Fact]
    public async Task Observations_are_queried_by_indicator_and_time_a_page_at_a_time()
    {
        await using var hub = await StartAsync();
        await RegisterAsync(hub, Bridge());
        await hub.CallAsync(TestHub.RecordObservations, Batch([.. Enumerable.Range(0, 25).Select(i => Reading(Minutes(i), 500 + i))]), Owner);

        var seen = new List<Observation>();
        var token = string.Empty;
        do
        {
            var page = await hub.CallAsync(TestHub.QueryObservations, new QueryObservationsRequest
            {
                Hazard = EntityMessages.Key("hazard", Owner, "hf-bridge-0042"),
                IndicatorId = "strain-s3",
                From = ObservationMessages.FormatTime(Minutes(5)),
                To = ObservationMessages.FormatTime(Minutes(20)),
                PageSize = 4,
                PageToken = token,
            }, Owner);
            seen.AddRange(page.Observations);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal([.. Enumerable.Range(5, 15).Select(i => 500.0 + i)], seen.Select(o => o.Value));
    }

    [Fact]
    public async Task The_evaluation_and_the_warning_thread_survive_a_restart()
    {
        var path = Path.Combine(_folder, "hub.db");
        string raisedId;
        await using (var hub = await StartAsync(path))
        {
            await RegisterAsync(hub, Bridge());
            await hub.CallAsync(TestHub.RecordObservations, Batch(Reading(Minutes(0), 1250)), Owner);
            raisedId = Assert.Single(await WarningsAsync(hub, Owner)).Envelope.Id;
        }

        await using (var hub = await StartAsync(path))
        {
            var status = await hub.CallAsync(TestHub.GetHazardStatus, new GetHazardStatusRequest { Hazard = EntityMessages.Key("hazard", Owner, "hf-bridge-0042") }, Owner);
            Assert.Equal(CityRisk.Protocol.V1.WarningLevel.Red, status.Level);

            // The same reading again is a duplicate (not judged twice); recovery continues the same thread.
            var again = await hub.CallAsync(TestHub.RecordObservations, Batch(Reading(Minutes(0), 1250)), Owner);
            Assert.True(again.Results[0].Duplicate);
            await hub.CallAsync(TestHub.RecordObservations, Batch(Reading(Minutes(1), 100), Reading(Minutes(11), 100)), Owner);
            var thread = await WarningsAsync(hub, Owner);
            Assert.Equal(2, thread.Count);
            var cancel = DocumentCodecs.Default.Get<Alert>(DocumentFormat.CapXml).Read(thread[1].Envelope.Payload.Memory).Value!;
            Assert.Equal((AlertMessageType.Cancel, raisedId), (cancel.MessageType, cancel.References![0].Identifier));
        }
    }

    [Fact]
    public async Task Observations_by_outcome_and_warnings_by_action_are_counted()
    {
        var measurements = new List<(string Instrument, long Value, string Tags)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == CityRisk.Server.Hosting.ExchangeTelemetry.Name && instrument.Name.StartsWith("cityrisk.hazards.", StringComparison.Ordinal))
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

        await using (var hub = await StartAsync())
        {
            await RegisterAsync(hub, Bridge());
            await hub.CallAsync(TestHub.RecordObservations, Batch(Reading(Minutes(0), 1300), Reading(Minutes(0), 1300), Reading(Minutes(1), 1, indicator: "tilt")), Owner);
        }

        lock (measurements)
        {
            // Other hubs in this test process may be measured too: look for this call's measurements, not totals.
            Assert.Contains(("cityrisk.hazards.observations", 1L, "outcome=recorded"), measurements);
            Assert.Contains(("cityrisk.hazards.observations", 1L, "outcome=duplicate"), measurements);
            Assert.Contains(("cityrisk.hazards.observations", 1L, "outcome=refused"), measurements);
            Assert.Contains(("cityrisk.hazards.warnings", 1L, "action=Alert"), measurements);
            Assert.Contains(measurements, m => m.Instrument == "cityrisk.hazards.group.rows" && m.Value == 2);
        }
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_whole()
    {
        await using var hub = await StartAsync();
        var refused = await Assert.ThrowsAsync<RpcException>(() => hub.CallAsync(TestHub.RecordObservations,
            Batch([.. Enumerable.Range(0, 5001).Select(i => Reading(Minutes(i), 1))]), Owner));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
    }
}
