using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CityRisk.Client;

/// <summary>
/// The client's ActivitySource and Meter, both named <c>CityRisk.Sdk</c>: one span per public method
/// (<c>AlertClient.Publish</c>), and calls, retries, reconnects, deliveries and delivery lag.
/// </summary>
internal static class ClientTelemetry
{
    public const string Name = "CityRisk.Sdk";

    public static readonly ActivitySource ActivitySource = new(Name, typeof(ClientTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(Name, typeof(ClientTelemetry).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> Calls = Meter.CreateCounter<long>("cityrisk.client.calls", "{call}", "Calls made to hubs, by method and status (each retry attempt counts).");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("cityrisk.client.retries", "{retry}", "Retries of calls that failed transiently.");

    public static readonly Counter<long> Reconnects = Meter.CreateCounter<long>("cityrisk.client.reconnects", "{reconnect}", "Subscriptions reopened after their stream broke.");

    public static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("cityrisk.client.deliveries", "{message}", "Messages a subscription handed to the application (duplicates dropped).");

    public static readonly Counter<long> DuplicatesDropped = Meter.CreateCounter<long>("cityrisk.client.duplicates_dropped", "{message}", "Deliveries dropped as already seen after a reconnection.");

    public static readonly Histogram<double> Lag = Meter.CreateHistogram<double>("cityrisk.client.delivery.lag", "s", "From a message's sent time to its delivery to the application.");

    public static KeyValuePair<string, object?> Method(string method) => new("rpc.method", method);

    public static KeyValuePair<string, object?> Status(int status) => new("rpc.grpc.status_code", status);
}
