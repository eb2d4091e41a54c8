using System.Diagnostics;
using CityRisk.Protocol;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>
/// Runs checks one after another against an endpoint and collects their results; what the CLI runner uses
/// (xunit's runner libraries are not needed). A check that throws something other than a failure or a skip is a
/// failure with the exception's message: the kit reports, it never crashes. A check whose call fails in transport
/// (see <see cref="TransportAttempts"/>) is run again, and reported as <see cref="ConformanceOutcome.CouldNotRun"/>
/// when it never completes: a flaky network is not a broken rule.
/// </summary>
public static class ConformanceRunner
{
    /// <summary>The default time limit of one check.</summary>
    public static TimeSpan CheckTimeout { get; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How many times a check is run, in all, when its calls keep failing in transport (a broken connection, a reset
    /// stream, UNAVAILABLE): 3, one second apart and then two. Each attempt publishes fresh messages.
    /// </summary>
    public static int TransportAttempts { get; } = 3;

    /// <summary>Runs the given checks (all of them by default) and reports each result as it comes.</summary>
    /// <param name="context">The endpoint and parties.</param>
    /// <param name="checks">The checks; null for the whole suite.</param>
    /// <param name="progress">Told of each result as it comes; null for none.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<IReadOnlyList<ConformanceResult>> RunAsync(ConformanceContext context, IEnumerable<ConformanceCheck>? checks = null, IProgress<ConformanceResult>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<ConformanceResult>();
        foreach (var check in checks ?? ConformanceSuite.All)
        {
            var result = await RunOneAsync(context, check, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            progress?.Report(result);
        }

        return results;
    }

    /// <summary>Runs one check, each attempt bounded by <see cref="CheckTimeout"/>, again after a transport fault (<see cref="TransportAttempts"/>).</summary>
    /// <param name="context">The endpoint and parties.</param>
    /// <param name="check">The check.</param>
    /// <param name="cancellationToken">Stops it.</param>
    public static async Task<ConformanceResult> RunOneAsync(ConformanceContext context, ConformanceCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, message, transport) = await AttemptAsync(context, check, cancellationToken).ConfigureAwait(false);
            if (transport is null)
            {
                return new(check, outcome, message, clock.Elapsed);
            }

            if (attempt == TransportAttempts)
            {
                return new(check, ConformanceOutcome.CouldNotRun, $"could not run: transport: {transport.Message} (on each of {TransportAttempts} attempts)", clock.Elapsed);
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(ConformanceOutcome Outcome, string Message, ConformanceTransportException? Transport)> AttemptAsync(ConformanceContext context, ConformanceCheck check, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CheckTimeout);
        try
        {
            await check.RunAsync(context, limit.Token).ConfigureAwait(false);
            return (ConformanceOutcome.Passed, string.Empty, null);
        }
        catch (ConformanceFailedException failure)
        {
            return (ConformanceOutcome.Failed, failure.Message, null);
        }
        catch (ConformanceSkippedException skip)
        {
            return (ConformanceOutcome.Skipped, skip.Message, null);
        }
        catch (ConformanceTransportException transport)
        {
            return (ConformanceOutcome.CouldNotRun, transport.Message, transport);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (ConformanceOutcome.Failed, $"the check did not finish within {CheckTimeout.TotalSeconds:F0} s (the endpoint stopped answering)", null);
        }
        catch (RpcException ex)
        {
            return (ConformanceOutcome.Failed, $"an unexpected {ConformanceContext.Describe(ex)}", null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (ConformanceOutcome.Failed, $"the check could not complete: {ex.GetType().Name}: {ex.Message}", null);
        }
    }
}
