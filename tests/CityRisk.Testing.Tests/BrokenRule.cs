namespace CityRisk.Testing.Tests;

/// <summary>The one rule a deliberately broken exchange breaks.</summary>
public enum BrokenRule
{
    /// <summary>Publishing the same message again stores it again (a new cursor, not a duplicate).</summary>
    PublishNotIdempotent,

    /// <summary>Changed content under an existing id is accepted instead of ALREADY_EXISTS.</summary>
    AlreadyExistsMissing,

    /// <summary>The outsider reads as if it were the lifeline operator: Restricted messages leak to it.</summary>
    RestrictedLeaksToOutsider,

    /// <summary>A message the caller may not see is PERMISSION_DENIED, which reveals that it exists.</summary>
    PermissionDeniedRevealsExistence,

    /// <summary>Invalid payloads are accepted.</summary>
    InvalidPayloadAccepted,

    /// <summary>A resumed subscription skips the message right after the resume cursor.</summary>
    MessageLostOnResume,

    /// <summary>A resumed subscription repeats the message at the resume cursor.</summary>
    MessageRepeatedOnResume,

    /// <summary>Deliveries come in pairs swapped.</summary>
    DeliveriesOutOfOrder,

    /// <summary>Area filters are ignored.</summary>
    AreaFilterIgnored,

    /// <summary>NOT_FOUND is reported as UNKNOWN.</summary>
    WrongStatusCode,

    /// <summary>Refusals come without the cityrisk-problems-bin trailer.</summary>
    ProblemsTrailerMissing,

    /// <summary>A partner may publish as another partner.</summary>
    SenderSpoofingAccepted,

    /// <summary>Subscriptions ignore the call's deadline.</summary>
    DeadlineIgnored,

    /// <summary>The 50th delivery of every stream is dropped (a fault no short stream reaches).</summary>
    FiftiethDeliveryDropped,

    /// <summary>The 50th delivery of every stream is sent twice.</summary>
    FiftiethDeliveryRepeated,

    /// <summary>The 200th delivery of every stream has one payload byte changed.</summary>
    TwoHundredthPayloadCorrupted,

    /// <summary>The 120th and 121st deliveries of every stream are swapped.</summary>
    DeliveriesReorderedDeepInStream,

    /// <summary>Hazards are evaluated without their hysteresis band (registered as if every band were 0).</summary>
    HysteresisSkipped,

    /// <summary>A hazard's warning is never cancelled: the Cancels of generated warnings are never shown to anyone.</summary>
    WarningNeverCancelled,

    /// <summary>A Restricted hazard leaks: Get by entity, GetHazardStatus and QueryObservations answer the outsider as its owner.</summary>
    RestrictedHazardLeaks,

    /// <summary>An incident step the life cycle does not allow is answered OK (and not stored).</summary>
    IllegalIncidentStepAccepted,

    /// <summary>Incident statistics are computed as the jurisdiction sees them, whoever asks: they count what the caller may not see.</summary>
    StatisticsCountWhatTheCallerMayNotSee,

    /// <summary>Of two concurrent incident steps, the loser is answered OK too: its revision is lost while its publisher thinks it stored.</summary>
    RevisionLostUnderConcurrentSteps,

    /// <summary>A commitment the pool refuses (beyond the offer or the item) is answered OK (and not stored): an over-commit accepted.</summary>
    OverCommitAccepted,

    /// <summary>A release is answered OK but never reaches the hub: the quantity is not returned to availability.</summary>
    ReleaseLost,

    /// <summary>A resource request Restricted to a group is visible outside it: the outsider's Get, Query and request status are answered as City B's.</summary>
    RequestVisibleOutsideAudience,

    /// <summary>A grant's revocation is answered OK but never reaches the hub: the profiles it covered stay visible to the insurer.</summary>
    ProfileVisibleAfterRevoke,

    /// <summary>An enterprise query's total is counted as the profiles' regulator would count them: it reveals enterprises the insurer may not see.</summary>
    EnterpriseCountLeaks,

    /// <summary>An insurer's Get of a profile it is granted is answered as the regulator's own read: the profile comes back, and no audit entry is left.</summary>
    ReadWithoutAudit,
}
