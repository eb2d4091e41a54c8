namespace CityRisk.Alerts;

/// <summary>The intended distribution of an alert (CAP <c>scope</c>); the exchange maps it to the envelope scope.</summary>
public enum AlertScope
{
    /// <summary>For general dissemination to unrestricted audiences.</summary>
    Public,

    /// <summary>For dissemination only to users with a known operational requirement (see <c>restriction</c>).</summary>
    Restricted,

    /// <summary>For dissemination only to the addresses listed in <c>addresses</c>.</summary>
    Private,
}
