namespace CityRisk.Resources;

/// <summary>Whether an offer stands (docs/resources.md, "Offers"); an Open offer also lapses at its <see cref="ResourceOffer.ExpiresAt"/>.</summary>
public enum ResourceOfferState
{
    /// <summary>It stands until it expires: the quantity not yet committed is held for the requester.</summary>
    Open = 1,

    /// <summary>The owner took it back; what was not committed is available again (final).</summary>
    Withdrawn = 2,
}
