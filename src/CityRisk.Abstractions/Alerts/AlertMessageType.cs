namespace CityRisk.Alerts;

/// <summary>The nature of an alert message (CAP <c>msgType</c>).</summary>
public enum AlertMessageType
{
    /// <summary>Initial information requiring attention by targeted recipients.</summary>
    Alert,

    /// <summary>Updates and supersedes the earlier messages named in <c>references</c>.</summary>
    Update,

    /// <summary>Cancels the earlier messages named in <c>references</c>.</summary>
    Cancel,

    /// <summary>Acknowledges receipt and acceptance of the messages named in <c>references</c>.</summary>
    Ack,

    /// <summary>Indicates rejection of the messages named in <c>references</c>; explanation in <c>note</c>.</summary>
    Error,
}
