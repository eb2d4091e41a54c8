namespace CityRisk.Testing;

/// <summary>The capabilities the kit checks, one test base each. The workflow capabilities join when the workflows land.</summary>
public enum ConformanceCapability
{
    /// <summary>gRPC over HTTP/2 as the protocol needs it: deadlines, unknown methods, sizes, malformed frames, authentication, health.</summary>
    Wire,

    /// <summary>Publish: validation with the documented problem codes, duplicates, ALREADY_EXISTS, sender binding, envelope consistency.</summary>
    Publish,

    /// <summary>Get and Query: what was published comes back, paging, filters, the current state of alert threads.</summary>
    Query,

    /// <summary>Subscribe: order, cursors, start positions, filters (area included), resume, RESOURCE_EXHAUSTED.</summary>
    Subscribe,

    /// <summary>Restricted and Private messages never leak, on any read path, and never reveal that they exist.</summary>
    Scope,

    /// <summary>Hazards and observations: entity revisions, refused rows, the evaluator vectors over the wire, generated warnings, scope.</summary>
    Hazards,

    /// <summary>Incidents: every legal and illegal step of the life cycle, who may take each, revisions and history, statistics on a known data set, scope.</summary>
    Incidents,

    /// <summary>Resource pooling: the full cycle and the pool's arithmetic at every step, every refusal, a concurrent over-commit attempt, audience and scope.</summary>
    Resources,

    /// <summary>Enterprise risk for insurers: grants (consent, agreement, revoked, expired), no existence leak through Get, queries, counts or the export, PERMISSION_DENIED for the wrong roles, the indicator vectors over the wire, the audit of reads.</summary>
    Enterprises,
}
