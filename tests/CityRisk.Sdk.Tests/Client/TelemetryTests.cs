using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CityRisk.Client;
using CityRisk.Protocol;
using Grpc.Core;
using CityRisk.Protocol.V1;

namespace CityRisk.Sdk.Tests.Client;

/// <summary>The client's spans and instruments, named after the package, as a collector sees them.</summary>
public class TelemetryTests
{
    [Fact]
    public async Task Calls_retries_and_spans_are_reported_under_CityRisk_Sdk()
    {
        var spans = new ConcurrentBag<Activity>();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "CityRisk.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(activities);
        var measurements = new ConcurrentBag<(string Instrument, long Value, string? Method, object? Status)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "CityRisk.Sdk")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? method = null;
            object? status = null;
            foreach (var tag in tags)
            {
                method = tag.Key == "rpc.method" ? tag.Value as string : method;
                status = tag.Key == "rpc.grpc.status_code" ? tag.Value : status;
            }

            measurements.Add((instrument.Name, value, method, status));
        });
        meters.Start();

        var invoker = new ScriptedInvoker();
        invoker.Fail(StatusCode.Unavailable);
        invoker.Answer(_ => new PublishResponse { Cursor = 3 });
        var options = new CityRiskClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        using var client = new CityRiskClient(invoker, new Uri("http://127.0.0.1:5999/"), new CityRiskCredential("foshan-em", "t"), options);

        await client.Alerts.PublishAsync(SampleAlerts.Typhoon("telemetry"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(spans, s => s.OperationName == "AlertClient.Publish" && s.Kind == ActivityKind.Client);
        Assert.Contains(measurements, m => m is { Instrument: "cityrisk.client.calls", Method: "Publish", Status: 14 });
        Assert.Contains(measurements, m => m is { Instrument: "cityrisk.client.calls", Method: "Publish", Status: 0 });
        Assert.Contains(measurements, m => m.Instrument == "cityrisk.client.retries");
    }
}
