namespace CityRisk.Alerts;

/// <summary>The time available to prepare (CAP <c>urgency</c>); greater values are more urgent.</summary>
public enum AlertUrgency
{
    /// <summary>Urgency not known.</summary>
    Unknown = 0,

    /// <summary>Responsive action is no longer required.</summary>
    Past = 1,

    /// <summary>Responsive action should be taken in the near future.</summary>
    Future = 2,

    /// <summary>Responsive action should be taken soon (within the next hour).</summary>
    Expected = 3,

    /// <summary>Responsive action should be taken immediately.</summary>
    Immediate = 4,
}
