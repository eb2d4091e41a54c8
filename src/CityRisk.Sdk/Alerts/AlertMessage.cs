using CityRisk.Client;

namespace CityRisk.Alerts;

/// <summary>An alert as a hub holds it: the alert, who published it, where it is in the log, and who may see it.</summary>
public sealed class AlertMessage
{
    internal AlertMessage(long cursor, string sender, Alert alert, DocumentFormat format, IReadOnlyList<string> restrictionRoles, IReadOnlyList<string> recipients)
    {
        Cursor = cursor;
        Sender = sender;
        Alert = alert;
        Format = format;
        RestrictionRoles = restrictionRoles;
        Recipients = recipients;
    }

    /// <summary>The message's position in the hub's log; give it back to resume a subscription after it.</summary>
    public long Cursor { get; }

    /// <summary>The publishing partner's id (not CAP's free-form <c>sender</c>, which is <see cref="Alert"/>'s).</summary>
    public string Sender { get; }

    /// <summary>The message id: the alert's CAP identifier.</summary>
    public string Id => Alert.Identifier;

    /// <summary>The alert.</summary>
    public Alert Alert { get; }

    /// <summary>The format it was published in (CAP XML or CityRisk JSON).</summary>
    public DocumentFormat Format { get; }

    /// <summary>For a Restricted alert, the roles and partner references (<c>partner:shenzhen-gas</c>) that may see it.</summary>
    public IReadOnlyList<string> RestrictionRoles { get; }

    /// <summary>For a Private alert, the partner ids it is addressed to.</summary>
    public IReadOnlyList<string> Recipients { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Sender}/{Id} at cursor {Cursor}";
}
