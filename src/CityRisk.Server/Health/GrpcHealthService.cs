using System.Threading.Channels;
using CityRisk.Server.Wire;
using CityRisk.Wire;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CityRisk.Server.Health;

/// <summary>
/// The standard grpc.health.v1.Health service: Check answers a service's status (NOT_FOUND for an unknown one);
/// Watch streams the status now and at every change (SERVICE_UNKNOWN for an unknown one) until the client leaves.
/// The empty service name is the server as a whole.
/// </summary>
internal sealed class GrpcHealthService
{
    public const string ServiceName = "grpc.health.v1.Health";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [string.Empty] = ServingStatus.Serving };
    private readonly List<(string Service, Channel<ServingStatus> Changes)> _watchers = [];

    public void SetStatus(string service, ServingStatus status)
    {
        lock (_lock)
        {
            _statuses[service] = status;
            foreach (var (watched, changes) in _watchers)
            {
                if (watched == service)
                {
                    changes.Writer.TryWrite(status);
                }
            }
        }
    }

    public void Map(GrpcServiceBuilder builder) => builder
        .MapUnary<HealthCheckRequest, HealthCheckResponse>("Check", HealthCheckRequest.Parser, (request, _) => Task.FromResult(Check(request)))
        .MapServerStreaming<HealthCheckRequest, HealthCheckResponse>("Watch", HealthCheckRequest.Parser, WatchAsync);

    private HealthCheckResponse Check(HealthCheckRequest request)
    {
        lock (_lock)
        {
            return _statuses.TryGetValue(request.Service, out var status)
                ? new HealthCheckResponse { Status = status }
                : throw new GrpcStatusException(GrpcStatusCode.NotFound, $"Unknown service '{request.Service}'.");
        }
    }

    private async Task WatchAsync(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> writer, GrpcServerCallContext context)
    {
        // Only the latest status matters to a watcher that falls behind.
        var changes = Channel.CreateBounded<ServingStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        ServingStatus current;
        lock (_lock)
        {
            current = _statuses.GetValueOrDefault(request.Service, ServingStatus.ServiceUnknown);
            _watchers.Add((request.Service, changes));
        }

        try
        {
            await writer.WriteAsync(new HealthCheckResponse { Status = current }, context.CancellationToken).ConfigureAwait(false);
            await foreach (var status in changes.Reader.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                if (status != current)
                {
                    current = status;
                    await writer.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _watchers.RemoveAll(w => w.Changes == changes);
            }
        }
    }
}
