using System.Diagnostics;
using System.Globalization;
using CityRisk.Problems;
using CityRisk.Protocol;
using CityRisk.Protocol.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;

namespace CityRisk.Client;

/// <summary>
/// What every sub-client shares: the generated exchange stub over the call invoker, the credential, the resilience
/// pipeline, the clock and the logger. Immutable after construction, so clients are thread-safe and keep no
/// per-call state.
/// </summary>
internal sealed class ClientPipeline : IDisposable
{
    private readonly ResiliencePipeline _resilience;
    private readonly IDisposable? _ownedChannel;

    public ClientPipeline(Uri endpoint, CityRiskCredential credential, CityRiskClientOptions options, CallInvoker invoker, IDisposable? ownedChannel)
    {
        Endpoint = endpoint;
        Credential = credential;
        Options = options;
        Exchange = new Exchange.ExchangeClient(invoker);
        _ownedChannel = ownedChannel;
        Time = options.TimeProvider ?? TimeProvider.System;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("CityRisk.Client");
        _resilience = ClientResilience.Build(options, Time, Logger);
    }

    public Uri Endpoint { get; }

    public CityRiskCredential Credential { get; }

    public CityRiskClientOptions Options { get; }

    /// <summary>The generated stub of <c>cityrisk.v1.Exchange</c>.</summary>
    public Exchange.ExchangeClient Exchange { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    /// <summary>
    /// The options of one call: the credential's current token and the deadline. Deadlines are wall-clock instants
    /// on gRPC's own clock (they travel as grpc-timeout), so they do not follow <see cref="Time"/>.
    /// </summary>
    public CallOptions CallOptions(TimeSpan? timeout, CancellationToken cancellationToken) => new(
        headers: [new Metadata.Entry(ExchangeMetadata.Authorization, Credential.AuthorizationHeader)],
        deadline: timeout is { } t ? DateTime.UtcNow + t : null,
        cancellationToken: cancellationToken);

    /// <summary>
    /// A unary call with the deadline per attempt, retries and the circuit breaker; a failure comes out as a
    /// <see cref="CityRiskException"/>, a cancellation by the caller as <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(string method, Func<Exchange.ExchangeClient, TRequest, CallOptions, AsyncUnaryCall<TResponse>> call, TRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _resilience.ExecuteAsync(
                static async (state, token) =>
                {
                    var (self, method, call, request) = state;
                    try
                    {
                        var response = await call(self.Exchange, request, self.CallOptions(self.Options.Timeout, token)).ConfigureAwait(false);
                        ClientTelemetry.Calls.Add(1, ClientTelemetry.Method(method), ClientTelemetry.Status(0));
                        return response;
                    }
                    catch (RpcException ex)
                    {
                        ClientTelemetry.Calls.Add(1, ClientTelemetry.Method(method), ClientTelemetry.Status((int)ex.StatusCode));
                        throw;
                    }
                },
                (this, method, call, request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            // A channel the application gave us may report the caller's cancellation as a status.
            throw new OperationCanceledException("The call was cancelled.", ex, cancellationToken);
        }
        catch (RpcException ex)
        {
            throw ToException(ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new CityRiskException(StatusCode.Unavailable,
                $"Calls to {Endpoint} are suspended for a while after repeated failures (circuit open); {ex.Message}", [], ex);
        }
    }

    /// <summary>A gRPC failure as the public exception: status, detail, the problems trailer and the resume cursor.</summary>
    public static CityRiskException ToException(RpcException exception)
    {
        var detail = exception.Status.Detail;
        if (!ProblemsTrailer.TryRead(exception.Trailers, out var problems, out var error))
        {
            detail += $" (the hub's {ProblemsTrailer.Name} trailer could not be decoded: {error})";
        }

        return new CityRiskException(exception.StatusCode, detail, problems, exception) { ResumeCursor = ResumeCursorOf(exception) };
    }

    /// <summary>The <c>cityrisk-resume-cursor</c> trailer of a subscriber cut off for falling behind; null when absent.</summary>
    public static long? ResumeCursorOf(RpcException exception) =>
        exception.Trailers.GetValue(ExchangeMetadata.ResumeCursor) is { } value
        && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor) ? cursor : null;

    /// <summary>Starts the span of a public method, named <c>Client.Method</c>.</summary>
    public static Activity? StartActivity(string name) => ClientTelemetry.ActivitySource.StartActivity(name, ActivityKind.Client);

    public void Dispose() => _ownedChannel?.Dispose();
}
