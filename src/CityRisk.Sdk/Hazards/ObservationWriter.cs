using System.Threading.Channels;
using CityRisk.Client;
using Microsoft.Extensions.Logging;

namespace CityRisk.Hazards;

/// <summary>
/// Sends a continuous feed of observations: <see cref="WriteAsync"/> queues one (waiting while the buffer is full:
/// backpressure), and a sending task sends them a batch at a time, in the order written, as soon as a batch is full
/// or <see cref="ObservationWriterOptions.MaxDelay"/> has passed. Refused rows go to
/// <see cref="ObservationWriterOptions.Refused"/>; a call that fails after the client's retries faults the writer,
/// and the next write, flush or completion throws it. Made by <see cref="HazardClient.CreateObservationWriter"/>.
/// </summary>
public sealed partial class ObservationWriter : IAsyncDisposable
{
    private readonly HazardClient _client;
    private readonly ObservationWriterOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Observation> _queue;
    private readonly Task _sending;
    private readonly Lock _lock = new();
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _written;
    private long _acknowledged;
    private long _recorded;
    private long _duplicates;
    private long _refused;
    private long _batches;
    private int _flushes;
    private Exception? _fault;

    internal ObservationWriter(HazardClient client, ObservationWriterOptions options, ILogger logger)
    {
        if (options.BatchSize is < 1 or > 5000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BatchSize, "BatchSize must be 1 to 5,000 (the hub's limit).");
        }

        if (options.BufferSize < options.BatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.BufferSize, $"BufferSize must be at least BatchSize ({options.BatchSize}).");
        }

        if (options.MaxDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDelay, "MaxDelay cannot be negative.");
        }

        _client = client;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<Observation>(new BoundedChannelOptions(options.BufferSize) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _sending = Task.Run(SendAsync);
    }

    /// <summary>What has been sent so far.</summary>
    public ObservationWriterSummary Summary
    {
        get
        {
            lock (_lock)
            {
                return new(_recorded, _duplicates, _refused, _batches);
            }
        }
    }

    /// <summary>Queues an observation; waits while the buffer is full.</summary>
    /// <param name="observation">The observation.</param>
    /// <param name="cancellationToken">Cancels the wait for room (the observation is then not queued).</param>
    /// <returns>A task that completes when it is queued.</returns>
    /// <exception cref="CityRiskException">A batch failed after the client's retries: the writer is faulted.</exception>
    /// <exception cref="InvalidOperationException">The writer was completed.</exception>
    public async ValueTask WriteAsync(Observation observation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ThrowIfFaulted();
        try
        {
            await _queue.Writer.WriteAsync(observation, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            ThrowIfFaulted();
            throw new InvalidOperationException("The writer was completed; create another to send more.");
        }

        Interlocked.Increment(ref _written);
    }

    /// <summary>Sends what is queued now without waiting for a full batch, and waits until the hub has answered for all of it.</summary>
    /// <param name="cancellationToken">Cancels the wait (what is queued is still sent).</param>
    /// <returns>A task that completes when everything written before the call is acknowledged or refused.</returns>
    /// <exception cref="CityRiskException">A batch failed after the client's retries: the writer is faulted.</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _written);
        Interlocked.Increment(ref _flushes);
        try
        {
            while (true)
            {
                Task progress;
                lock (_lock)
                {
                    ThrowIfFaulted();
                    if (_acknowledged >= target)
                    {
                        return;
                    }

                    progress = _progress.Task;
                }

                await progress.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _flushes);
        }
    }

    /// <summary>Sends everything queued, then stops the writer.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>What was sent, in all.</returns>
    /// <exception cref="CityRiskException">A batch failed after the client's retries.</exception>
    public async Task<ObservationWriterSummary> CompleteAsync(CancellationToken cancellationToken = default)
    {
        _queue.Writer.TryComplete();
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        ThrowIfFaulted();
        return Summary;
    }

    /// <summary>Sends everything queued and stops; a fault is logged, not thrown (call <see cref="CompleteAsync"/> to see it).</summary>
    /// <returns>A task that completes when the writer has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sending.ConfigureAwait(false);
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw fault as CityRiskException ?? new CityRiskException("The observation writer stopped: a batch could not be sent.", fault);
        }
    }

    private async Task SendAsync()
    {
        var batch = new List<Observation>(_options.BatchSize);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                var deadline = DateTime.UtcNow + _options.MaxDelay;
                while (batch.Count < _options.BatchSize)
                {
                    if (reader.TryRead(out var next))
                    {
                        batch.Add(next);
                        continue;
                    }

                    var remaining = deadline - DateTime.UtcNow;
                    if (remaining <= TimeSpan.Zero || Volatile.Read(ref _flushes) > 0 || reader.Completion.IsCompleted)
                    {
                        break;
                    }

                    using var wait = new CancellationTokenSource(remaining);
                    try
                    {
                        if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException) when (wait.IsCancellationRequested)
                    {
                        break;
                    }
                }

                if (batch.Count > 0)
                {
                    await SendBatchAsync(batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        catch (Exception ex)
        {
            LogFaulted(_logger, ex);
            lock (_lock)
            {
                _fault = ex;
                _progress.TrySetResult();
            }

            // Nobody will read the rest: close the queue so writers stop waiting for room.
            _queue.Writer.TryComplete(ex);
        }
    }

    private async Task SendBatchAsync(List<Observation> batch)
    {
        var outcomes = await _client.RecordAsync(batch, CancellationToken.None).ConfigureAwait(false);
        var first = Interlocked.Read(ref _acknowledged);
        long recorded = 0, duplicates = 0, refused = 0;
        foreach (var outcome in outcomes)
        {
            if (!outcome.Recorded)
            {
                refused++;
                _options.Refused?.Invoke(outcome.At(first + outcome.Index));
            }
            else if (outcome.Duplicate)
            {
                duplicates++;
            }
            else
            {
                recorded++;
            }
        }

        lock (_lock)
        {
            _recorded += recorded;
            _duplicates += duplicates;
            _refused += refused;
            _batches++;
            _acknowledged += batch.Count;
            var done = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The observation writer stopped: a batch could not be sent")]
    private static partial void LogFaulted(ILogger logger, Exception exception);
}
