using CityRisk.Server.Storage;
using CityRisk.Storage;
using NetTopologySuite.Geometries;
using Envelope = CityRisk.Protocol.V1.Envelope;

namespace CityRisk.Server.Exchange;

/// <summary>
/// A message in the shared window: as stored, its envelope, its shape, the live area subscriptions it matches
/// (decided once, through the spatial index, when it was added), and its Delivery serialized once and written as is
/// to every subscriber that may see it.
/// </summary>
internal sealed record RecentMessage(StoredMessage Stored, Envelope Envelope, Geometry? Shape, IReadOnlySet<long> AreaMatches, EncodedDelivery Delivery);
