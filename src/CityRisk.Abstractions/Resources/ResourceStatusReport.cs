using System.Text.Json.Serialization;
using CityRisk.Geo;

namespace CityRisk.Resources;

/// <summary>
/// The offering partner telling the requester where a committed resource is (EDXL-RM's
/// ReportResourceDeploymentStatus): en route, on scene, demobilized, returned, in that order. An entity owned by the
/// reporting partner, with one revision; shared with the requester only.
/// </summary>
public sealed record ResourceStatusReport
{
    /// <summary>The document kind, <c>resource-status-report</c>.</summary>
    [JsonInclude, JsonPropertyName("kind"), JsonPropertyOrder(-2)]
    public string Kind { get; internal init; } = DocumentKinds.ResourceStatusReport;

    /// <summary>The CityRisk JSON version, 1.</summary>
    [JsonInclude, JsonPropertyName("v"), JsonPropertyOrder(-1)]
    public int Version { get; internal init; } = DocumentKinds.Version;

    /// <summary>The report's id, unique for its owner.</summary>
    public required string Id { get; init; }

    /// <summary>The reporting partner: the one whose resource is committed.</summary>
    public required string Owner { get; init; }

    /// <summary>Always 1: the next status is a new report.</summary>
    public required long Revision { get; init; }

    /// <summary>The commitment reported on (the requester's key).</summary>
    public required PoolReference Commitment { get; init; }

    /// <summary>The status reached.</summary>
    public required DeploymentStatus Status { get; init; }

    /// <summary>When it was reached, with its offset.</summary>
    public required DateTimeOffset ReportedAt { get; init; }

    /// <summary>Where the resource is: a Point; optional.</summary>
    public GeoGeometry? Location { get; init; }

    /// <summary>A note; optional.</summary>
    public string? Note { get; init; }
}
