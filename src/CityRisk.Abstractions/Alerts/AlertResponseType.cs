namespace CityRisk.Alerts;

/// <summary>The type of action recommended for the target audience (CAP <c>responseType</c>, CAP 1.1 and later).</summary>
public enum AlertResponseType
{
    /// <summary>Take shelter in place or per <c>instruction</c>.</summary>
    Shelter,

    /// <summary>Relocate as instructed in <c>instruction</c>.</summary>
    Evacuate,

    /// <summary>Make preparations per <c>instruction</c>.</summary>
    Prepare,

    /// <summary>Execute a pre-planned activity identified in <c>instruction</c>.</summary>
    Execute,

    /// <summary>Avoid the subject event as per <c>instruction</c> (CAP 1.2).</summary>
    Avoid,

    /// <summary>Attend to information sources as described in <c>instruction</c>.</summary>
    Monitor,

    /// <summary>Evaluate the information in this message (not for public warnings).</summary>
    Assess,

    /// <summary>The subject event no longer poses a threat or concern (CAP 1.2).</summary>
    AllClear,

    /// <summary>No action recommended.</summary>
    None,
}
