using System.Globalization;

namespace CityRisk.Alerts;

/// <summary>
/// An earlier message an alert refers to: CAP's <c>sender,identifier,sent</c> triple.
/// </summary>
/// <param name="Sender">The earlier message's sender.</param>
/// <param name="Identifier">The earlier message's identifier.</param>
/// <param name="Sent">When the earlier message was sent, with its original offset.</param>
public sealed record AlertReference(string Sender, string Identifier, DateTimeOffset Sent)
{
    /// <summary>The reference as CAP writes it: <c>sender,identifier,sent</c>.</summary>
    /// <returns>The CAP text of the reference.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"{Sender},{Identifier},{CapDateTime.Format(Sent)}");
}
