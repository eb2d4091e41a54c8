namespace CityRisk.Client;

/// <summary>Why a call to a hub failed: the gRPC status codes the exchange uses (docs/protocol.md §8).</summary>
public enum CityRiskStatusCode
{
    /// <summary>Not an error.</summary>
    OK = 0,

    /// <summary>The call was cancelled, usually by the caller.</summary>
    Cancelled = 1,

    /// <summary>An error the hub could not classify.</summary>
    Unknown = 2,

    /// <summary>The request is invalid: a payload with problems, an envelope that disagrees with it, a bad filter.</summary>
    InvalidArgument = 3,

    /// <summary>The call's deadline passed before it completed.</summary>
    DeadlineExceeded = 4,

    /// <summary>No such message or entity, or one the caller may not see (the two are never told apart).</summary>
    NotFound = 5,

    /// <summary>The sender already published this id with other content.</summary>
    AlreadyExists = 6,

    /// <summary>An operation the caller may never perform, such as publishing as another partner.</summary>
    PermissionDenied = 7,

    /// <summary>A limit was reached: a message too large, or a subscriber too far behind.</summary>
    ResourceExhausted = 8,

    /// <summary>The state does not allow the operation, such as a revision out of turn.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted, usually by a concurrency conflict.</summary>
    Aborted = 10,

    /// <summary>A position outside the valid range, such as a cursor beyond the end of the hub's log.</summary>
    OutOfRange = 11,

    /// <summary>The hub does not implement the method.</summary>
    Unimplemented = 12,

    /// <summary>The hub or the response broke the protocol.</summary>
    Internal = 13,

    /// <summary>The hub could not be reached, or the connection failed; transient.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>No credential, or one the hub does not accept (unknown, revoked or expired).</summary>
    Unauthenticated = 16,
}
