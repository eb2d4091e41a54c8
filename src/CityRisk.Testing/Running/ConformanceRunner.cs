using System.Diagnostics;
using CityRisk.Protocol;
using Grpc.Core;

namespace CityRisk.Testing;

/// <summary>
/// Runs checks one after another against an endpoint and collects their results; what the CLI runner uses
/// (xunit's runner libraries are not needed). A check that throws something other than a failure or a skip is a
/// failure with the exception's message: the kit reports, it never crashes.
/// </summary>
public static class ConformanceRunner
{
    /// <summary>The default time limit of one check.</summary>
    public static TimeSpan CheckTimeout { get; } = TimeSpan.FromSeconds(90);

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

    /// <summary>Runs one check, bounded by <see cref="CheckTimeout"/>.</summary>
    /// <param name="context">The endpoint and parties.</param>
    /// <param name="check">The check.</param>
    /// <param name="cancellationToken">Stops it.</param>
    public static async Task<ConformanceResult> RunOneAsync(ConformanceContext context, ConformanceCheck check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CheckTimeout);
        var clock = Stopwatch.StartNew();
        try
        {
            await check.RunAsync(context, limit.Token).ConfigureAwait(false);
            return new(check, ConformanceOutcome.Passed, string.Empty, clock.Elapsed);
        }
        catch (ConformanceFailedException failure)
        {
            return new(check, ConformanceOutcome.Failed, failure.Message, clock.Elapsed);
        }
        catch (ConformanceSkippedException skip)
        {
            return new(check, ConformanceOutcome.Skipped, skip.Message, clock.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(check, ConformanceOutcome.Failed, $"the check did not finish within {CheckTimeout.TotalSeconds:F0} s (the endpoint stopped answering)", clock.Elapsed);
        }
        catch (RpcException ex)
        {
            return new(check, ConformanceOutcome.Failed, $"an unexpected {ConformanceContext.Describe(ex)}", clock.Elapsed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new(check, ConformanceOutcome.Failed, $"the check could not complete: {ex.GetType().Name}: {ex.Message}", clock.Elapsed);
        }
    }
}
