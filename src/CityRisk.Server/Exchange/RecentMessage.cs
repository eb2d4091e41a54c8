using CityRisk.Server.Storage;
using CityRisk.Wire.V1;
using NetTopologySuite.Geometries;
using Envelope = CityRisk.Wire.V1.Envelope;

namespace CityRisk.Server.Exchange;

/// <summary>
/// A message in the shared window: as stored, its envelope, its shape, the live area subscriptions it matches
/// (decided once, through the spatial index, when it was added), and its Delivery as a ready gRPC frame, encoded
/// once and written as is to every subscriber that may see it.
/// </summary>
internal sealed record RecentMessage(StoredMessage Stored, Envelope Envelope, Geometry? Shape, IReadOnlySet<long> AreaMatches, ReadOnlyMemory<byte> DeliveryFrame);
