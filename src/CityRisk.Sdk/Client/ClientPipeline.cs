using System.Diagnostics;
using CityRisk.Problems;
using CityRisk.Wire;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace CityRisk.Client;

/// <summary>
/// What every sub-client shares: the call layer, the credential, the resilience pipeline, the clock and the logger.
/// Immutable after construction, so clients are thread-safe and keep no per-call state.
/// </summary>
internal sealed partial class ClientPipeline : IDisposable
{
    private readonly ResiliencePipeline _resilience;
    private readonly IDisposable? _ownedInvoker;

    public ClientPipeline(Uri endpoint, CityRiskCredential credential, CityRiskClientOptions options, IGrpcCallInvoker invoker, IDisposable? ownedInvoker)
    {
        Endpoint = endpoint;
        Credential = credential;
        Options = options;
        Invoker = invoker;
        _ownedInvoker = ownedInvoker;
        Time = options.TimeProvider ?? TimeProvider.System;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("CityRisk.Client");
        _resilience = BuildResilience(options, Time, Logger);
    }

    public Uri Endpoint { get; }

    public CityRiskCredential Credential { get; }

    public CityRiskClientOptions Options { get; }

    public IGrpcCallInvoker Invoker { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    /// <summary>The metadata of one call: the credential's current token.</summary>
    public GrpcCallOptions CallOptions(TimeSpan? timeout, CancellationToken cancellationToken) => new()
    {
        Timeout = timeout,
        Metadata = [new("authorization", Credential.AuthorizationHeader)],
        CancellationToken = cancellationToken,
    };

    /// <summary>
    /// A unary call with the deadline per attempt, retries and the circuit breaker; a failure comes out as a
    /// <see cref="CityRiskException"/>, a cancellation by the caller as <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        try
        {
            return await _resilience.ExecuteAsync(
                static async (state, token) =>
                {
                    var (self, method, request) = state;
                    try
                    {
                        var response = await self.Invoker.UnaryAsync(method, request, self.CallOptions(self.Options.Timeout, token)).ConfigureAwait(false);
                        ClientTelemetry.Calls.Add(1, ClientTelemetry.Method(method.Name), ClientTelemetry.Status(0));
                        return response;
                    }
                    catch (GrpcCallException ex)
                    {
                        ClientTelemetry.Calls.Add(1, ClientTelemetry.Method(method.Name), ClientTelemetry.Status((int)ex.StatusCode));
                        throw;
                    }
                },
                (this, method, request),
                cancellationToken).ConfigureAwait(false);
        }
        catch (GrpcCallException ex)
        {
            throw ToException(ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new CityRiskException(CityRiskStatusCode.Unavailable,
                $"Calls to {Endpoint} are suspended for a while after repeated failures (circuit open); {ex.Message}", [], ex);
        }
    }

    /// <summary>A call-layer failure as the public exception: status, detail, the problems trailer and the resume cursor.</summary>
    public static CityRiskException ToException(GrpcCallException exception)
    {
        IReadOnlyList<Problem> problems = [];
        var detail = exception.Detail;
        if (exception.Trailers.TryGetValue(GrpcProtocol.ProblemsTrailer, out var encoded))
        {
            try
            {
                problems = ProblemsTrailer.Decode(encoded);
            }
            catch (Exception ex) when (ex is FormatException or InvalidProtocolBufferException)
            {
                detail += $" (the hub's {GrpcProtocol.ProblemsTrailer} trailer could not be decoded: {ex.Message})";
            }
        }

        long? resume = exception.Trailers.TryGetValue(GrpcProtocol.ResumeCursorTrailer, out var cursor)
            && long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
        return new CityRiskException((CityRiskStatusCode)(int)exception.StatusCode, detail, problems, exception) { ResumeCursor = resume };
    }

    /// <summary>Starts the span of a public method, named <c>Client.Method</c>.</summary>
    public static Activity? StartActivity(string name) => ClientTelemetry.ActivitySource.StartActivity(name, ActivityKind.Client);

    public void Dispose() => _ownedInvoker?.Dispose();

    private static bool IsTransient(Outcome<object> outcome) => outcome.Exception is GrpcCallException
    {
        // Every exchange call is idempotent (Publish on (sender, id)), so a deadline is retried like a lost connection.
        StatusCode: GrpcStatusCode.Unavailable or GrpcStatusCode.DeadlineExceeded,
    };

    private static ResiliencePipeline BuildResilience(CityRiskClientOptions options, TimeProvider time, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        var retry = options.Retry ?? new CityRiskRetryOptions();
        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                MaxRetryAttempts = retry.MaxRetries,
                Delay = retry.Delay,
                MaxDelay = retry.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = retry.UseJitter,
                OnRetry = args =>
                {
                    ClientTelemetry.Retries.Add(1);
                    LogRetry(logger, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return ValueTask.CompletedTask;
                },
            });
        }

        var breaker = options.CircuitBreaker ?? new CityRiskCircuitBreakerOptions();
        if (breaker.Enabled)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = breaker.SamplingDuration,
                BreakDuration = breaker.BreakDuration,
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retry {Attempt} in {DelayMilliseconds} ms after a transient failure: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, long delayMilliseconds, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Circuit opened: calls fail at once for {BreakDuration} after repeated failures")]
    private static partial void LogCircuitOpened(ILogger logger, TimeSpan breakDuration);
}
