namespace CityRisk.Hazards;

/// <summary>
/// A hazard's status from its indicators': the highest of them. Feeds each reading to its indicator's
/// <see cref="IndicatorEvaluator"/> and reports when the hazard's status changes, with the warning action it asks
/// for (docs/hazards.md, "Evaluation"). Not thread-safe.
/// </summary>
public sealed class HazardEvaluator
{
    private readonly Dictionary<string, IndicatorEvaluator> _indicators = new(StringComparer.Ordinal);

    /// <summary>Evaluates a hazard's indicators, from normal or from stored states.</summary>
    /// <param name="indicators">The hazard's indicators (ids unique).</param>
    /// <param name="states">Stored states by indicator id, to resume; null or missing ids start from normal.</param>
    /// <exception cref="ArgumentException">Two indicators share an id, or an indicator's rules cannot be evaluated.</exception>
    public HazardEvaluator(IEnumerable<Indicator> indicators, IReadOnlyDictionary<string, IndicatorEvaluatorState>? states = null)
    {
        ArgumentNullException.ThrowIfNull(indicators);

        foreach (var indicator in indicators)
        {
            if (_indicators.ContainsKey(indicator.Id))
            {
                throw new ArgumentException($"Two indicators have the id '{indicator.Id}'.", nameof(indicators));
            }

            _indicators[indicator.Id] = new IndicatorEvaluator(indicator, states is not null && states.TryGetValue(indicator.Id, out var state) ? state : null);
        }

        Status = Highest();
    }

    /// <summary>The hazard's status: null when every indicator is normal.</summary>
    public WarningLevel? Status { get; private set; }

    /// <summary>Each indicator's evaluator, by id: its status and the state to store.</summary>
    public IReadOnlyDictionary<string, IndicatorEvaluator> Indicators => _indicators;

    /// <summary>Judges one reading of one indicator; returns the change of the hazard's status, or null.</summary>
    /// <param name="indicatorId">The indicator the reading is of.</param>
    /// <param name="reading">The reading.</param>
    /// <exception cref="ArgumentException">The hazard has no such indicator.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite.</exception>
    public HazardStatusChange? Apply(string indicatorId, IndicatorReading reading)
    {
        if (indicatorId is null || !_indicators.TryGetValue(indicatorId, out var evaluator))
        {
            throw new ArgumentException($"The hazard has no indicator '{indicatorId}'.", nameof(indicatorId));
        }

        if (evaluator.Apply(reading) is not { } change)
        {
            return null;
        }

        var previous = Status;
        Status = Highest();
        if (Status == previous)
        {
            return null;
        }

        var action = previous is null ? HazardAlertAction.Alert : Status is null ? HazardAlertAction.Cancel : HazardAlertAction.Update;
        return new HazardStatusChange(previous, Status, action, change);
    }

    private WarningLevel? Highest()
    {
        WarningLevel? highest = null;
        foreach (var evaluator in _indicators.Values)
        {
            if (evaluator.Status is { } status && (highest is null || status > highest))
            {
                highest = status;
            }
        }

        return highest;
    }
}
