using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CityRisk.Server.Hosting;

/// <summary>The hub's ActivitySource and Meter, both named <c>CityRisk.Server</c>.</summary>
internal sealed class ExchangeTelemetry : IDisposable
{
    public const string Name = "CityRisk.Server";

    public ExchangeTelemetry(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(Name) ?? new Meter(Name);
        Publishes = Meter.CreateCounter<long>("cityrisk.exchange.publishes", "{message}", "Messages published, by outcome (appended, duplicate).");
        Refusals = Meter.CreateCounter<long>("cityrisk.exchange.refusals", "{call}", "Calls refused, by gRPC status.");
        Deliveries = Meter.CreateCounter<long>("cityrisk.exchange.deliveries", "{message}", "Messages delivered to subscribers.");
        Lag = Meter.CreateHistogram<double>("cityrisk.exchange.delivery.lag", "s", "Time from storing a message to delivering it on a live subscription.");
        Observations = Meter.CreateCounter<long>("cityrisk.hazards.observations", "{observation}", "Observations received, by outcome (recorded, duplicate, refused).");
        Warnings = Meter.CreateCounter<long>("cityrisk.hazards.warnings", "{alert}", "Warnings the monitor published, by action (Alert, Update, Cancel).");
        GroupRows = Meter.CreateHistogram<long>("cityrisk.hazards.group.rows", "{observation}", "Observations written in one group commit.");
        GroupDuration = Meter.CreateHistogram<double>("cityrisk.hazards.group.duration", "s", "Time to write, evaluate and publish one group commit.");
    }

    public static ActivitySource ActivitySource { get; } = new(Name);

    public Meter Meter { get; }

    public Counter<long> Publishes { get; }

    public Counter<long> Refusals { get; }

    public Counter<long> Deliveries { get; }

    public Histogram<double> Lag { get; }

    public Counter<long> Observations { get; }

    public Counter<long> Warnings { get; }

    public Histogram<long> GroupRows { get; }

    public Histogram<double> GroupDuration { get; }

    public void Dispose() => Meter.Dispose();
}
