using CityRisk.Client;
using CityRisk.Geo;
using CityRisk.Resources;
using Grpc.Core;

namespace CityRisk.Demo;

/// <summary>
/// The Greater Bay Area part of the demo (docs/resources.md): during the typhoon Macau requests 6 rescue boats and 4
/// drainage pumps from the mutual-aid group <c>gba</c>; Foshan offers 4 boats, Shenzhen 3 boats and 4 pumps; Macau
/// commits 4 + 2 boats and the pumps, and a seventh boat is refused; the boats report en route and on scene; Macau
/// releases them and the pool shows them available again. Hefei, outside the group, never sees the request.
/// </summary>
internal static class DemoResources
{
    public const string Jiangmen = "jiangmen-em";

    /// <summary>The mutual-aid group of the demo's partners file.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Groups = new Dictionary<string, string[]>
    {
        ["foshan-em"] = ["gba"], ["macau-smg"] = ["gba"], ["shenzhen-em"] = ["gba"], [Jiangmen] = ["gba"],
    };

    private static readonly GeoPoint InnerHarbour = new(113.5355, 22.1960);

    public static async Task<bool> RunAsync(CityRiskClient foshan, CityRiskClient shenzhen, CityRiskClient macau, CityRiskClient hefei, Timeline timeline, CancellationToken cancellationToken)
    {
        timeline.Section("The Greater Bay Area pools rescue boats and pumps for Macau");
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        now = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, now.Offset);
        var stamp = $"{now:yyyyMMddHHmmss}";
        await foshan.Resources.PublishResourceAsync(Resource("foshan-em", "fs-rescue-boats", ResourceTypes.Boat, "佛山市消防救援支队冲锋舟", 10, "boat", new GeoPoint(113.1214, 23.0215), "440604", now, ("seats", 12, "1")), cancellationToken);
        await shenzhen.Resources.PublishResourceAsync(Resource("shenzhen-em", "sz-rescue-boats", ResourceTypes.Boat, "深圳市应急救援冲锋舟", 6, "boat", new GeoPoint(114.0579, 22.5431), "440304", now, ("seats", 10, "1")), cancellationToken);
        await shenzhen.Resources.PublishResourceAsync(Resource("shenzhen-em", "sz-pumps", ResourceTypes.DrainagePump, "深圳市移动排涝泵车", 8, "pump", new GeoPoint(114.0579, 22.5431), "440304", now, ("pumpCapacity", 500, "m3/h")), cancellationToken);
        timeline.Add("Foshan EM", "publishes 10 rescue boats to the group gba");
        timeline.Add("Shenzhen EM", "publishes 6 rescue boats and 8 drainage pumps (500 m3/h) to the group gba");

        var request = new ResourceRequest
        {
            Id = $"mo-typhoon-{stamp}",
            Owner = "macau-smg",
            Revision = 1,
            Title = new LocalizedText([new("zh-Hant", "颱風水浸救援"), new("en", "Typhoon flooding rescue")]),
            Items =
            [
                new ResourceRequestItem { Type = ResourceTypes.Boat, Quantity = 6, DeliverTo = new PointGeometry(InnerHarbour), NeededBy = now.AddHours(3) },
                new ResourceRequestItem
                {
                    Type = ResourceTypes.DrainagePump, Quantity = 4, DeliverTo = new PointGeometry(InnerHarbour), NeededBy = now.AddHours(3),
                    Capabilities = [new CapabilityRequirement { Name = "pumpCapacity", AtLeast = 300, Unit = "m3/h" }],
                },
            ],
            Jurisdiction = "820000",
            State = ResourceRequestState.Open,
            UpdatedAt = now,
            Note = "Inner Harbour flooded to 1.5 m.",
            Scope = DocumentScope.Restricted,
            Audience = ["group:gba"],
        };
        await macau.Resources.PublishRequestAsync(request, cancellationToken);
        timeline.Add("Macau SMG", $"requests 6 rescue boats and 4 drainage pumps (>= 300 m3/h) to the Inner Harbour: {request.Id}, Restricted to group:gba");
        var hidden = await RefusedAsync(() => hefei.Resources.GetAsync<ResourceRequest>("macau-smg", request.Id, cancellationToken), StatusCode.NotFound);
        timeline.Add("Hefei EM", $"(not in gba) asks for the request: {(hidden ? "NotFound, as if it did not exist" : "it could read it: an audience leak!")}");

        var pool = await macau.Resources.QueryPoolAsync(new ResourcePoolQuery { Types = [ResourceTypes.Boat, ResourceTypes.DrainagePump], Near = InnerHarbour, WithinKm = 150 }, cancellationToken);
        timeline.Add("Macau SMG", $"queries the pool within 150 km: {Describe(pool)}");

        var expires = now.AddHours(12);
        await foshan.Resources.OfferAsync(Offer("foshan-em", $"fs-offer-{stamp}", "fs-rescue-boats", 4, request, 0, expires, now), cancellationToken);
        await shenzhen.Resources.OfferAsync(Offer("shenzhen-em", $"sz-offer-boats-{stamp}", "sz-rescue-boats", 3, request, 0, expires, now), cancellationToken);
        await shenzhen.Resources.OfferAsync(Offer("shenzhen-em", $"sz-offer-pumps-{stamp}", "sz-pumps", 4, request, 1, expires, now), cancellationToken);
        timeline.Add("Foshan EM", "offers 4 boats until tonight");
        timeline.Add("Shenzhen EM", "offers 3 boats and 4 pumps until tonight");

        await macau.Resources.CommitAsync(Commit($"mo-c-fs-{stamp}", "foshan-em", $"fs-offer-{stamp}", request, 0, 4, now), cancellationToken);
        await macau.Resources.CommitAsync(Commit($"mo-c-sz-{stamp}", "shenzhen-em", $"sz-offer-boats-{stamp}", request, 0, 2, now), cancellationToken);
        await macau.Resources.CommitAsync(Commit($"mo-c-pumps-{stamp}", "shenzhen-em", $"sz-offer-pumps-{stamp}", request, 1, 4, now), cancellationToken);
        timeline.Add("Macau SMG", "commits Foshan's 4 boats, 2 of Shenzhen's boats and Shenzhen's 4 pumps");
        string overCommit;
        try
        {
            await macau.Resources.CommitAsync(Commit($"mo-c-extra-{stamp}", "shenzhen-em", $"sz-offer-boats-{stamp}", request, 0, 1, now), cancellationToken);
            overCommit = "the hub accepted a seventh boat for six wanted: an over-commit!";
        }
        catch (CityRiskException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            overCommit = $"tries a seventh boat: {ex.Message}";
        }

        timeline.Add("Macau SMG", overCommit);
        var filled = await macau.Resources.GetRequestStatusAsync("macau-smg", request.Id, cancellationToken);
        timeline.Add("Macau SMG", $"the request is {filled.State}: {string.Join("; ", filled.Items.Select((i, n) => $"item {n}: {i.Committed}/{i.Wanted} committed"))}");
        await shenzhen.Resources.WithdrawOfferAsync($"sz-offer-boats-{stamp}", "The third boat stays in Shenzhen.", cancellationToken);
        timeline.Add("Shenzhen EM", "withdraws what is left of its boat offer (1 boat)");

        var stages = new List<string>();
        foreach (var (provider, client, commitment) in new[] { ("foshan-em", foshan, $"mo-c-fs-{stamp}"), ("shenzhen-em", shenzhen, $"mo-c-sz-{stamp}") })
        {
            foreach (var status in new[] { DeploymentStatus.EnRoute, DeploymentStatus.OnScene })
            {
                await client.Resources.ReportStatusAsync(new ResourceStatusReport
                {
                    Id = $"{commitment}-{status}".ToLowerInvariant().Replace("macau", "mo", StringComparison.Ordinal),
                    Owner = provider,
                    Revision = 1,
                    Commitment = new PoolReference { Owner = "macau-smg", Id = commitment },
                    Status = status,
                    ReportedAt = now.AddMinutes(status == DeploymentStatus.EnRoute ? 20 : 95),
                }, cancellationToken);
                stages.Add($"{provider} {status}");
            }
        }

        timeline.Add("Foshan EM, Shenzhen EM", $"report the boats: {string.Join(", ", stages)}");
        var outOfOrder = await RefusedAsync(() => foshan.Resources.ReportStatusAsync(new ResourceStatusReport
        {
            Id = $"mo-c-fs-{stamp}-returned-early",
            Owner = "foshan-em",
            Revision = 1,
            Commitment = new PoolReference { Owner = "macau-smg", Id = $"mo-c-fs-{stamp}" },
            Status = DeploymentStatus.Returned,
            ReportedAt = now.AddHours(2),
        }, cancellationToken), StatusCode.FailedPrecondition);
        timeline.Add("Foshan EM", $"reports Returned before Demobilized: {(outOfOrder ? "FailedPrecondition, out of order" : "accepted: the order was not enforced!")}");

        foreach (var (commitment, provider, quantity) in new[] { ($"mo-c-fs-{stamp}", "foshan-em", 4), ($"mo-c-sz-{stamp}", "shenzhen-em", 2), ($"mo-c-pumps-{stamp}", "shenzhen-em", 4) })
        {
            await macau.Resources.ReleaseAsync(new ResourceRelease { Id = $"{commitment}-release", Owner = "macau-smg", Revision = 1, CommitmentId = commitment, Provider = provider, Quantity = quantity, ReleasedAt = now.AddHours(8) }, cancellationToken);
        }

        await macau.Resources.PublishRequestAsync(request with { Revision = 2, State = ResourceRequestState.Closed, UpdatedAt = now.AddHours(8), Note = "Water receded; thank you." }, cancellationToken);
        timeline.Add("Macau SMG", "releases every boat and pump and closes the request");
        var after = await macau.Resources.QueryPoolAsync(new ResourcePoolQuery { Types = [ResourceTypes.Boat, ResourceTypes.DrainagePump], Near = InnerHarbour, WithinKm = 150 }, cancellationToken);
        timeline.Add("Macau SMG", $"queries the pool again: {Describe(after)}");

        var availableAgain = after.Entries.Sum(e => e.Available) == 24 && after.Entries.All(e => e.Committed == 0);
        var ok = hidden && filled.State == ResourceRequestState.Filled && !overCommit.Contains("over-commit!", StringComparison.Ordinal) && outOfOrder && availableAgain
            && (await macau.Resources.GetRequestStatusAsync("macau-smg", request.Id, cancellationToken)).State == ResourceRequestState.Closed;
        timeline.Add("demo", ok ? "the pool added up: nothing promised twice, everything returned" : "FAILED: the pool did not add up, see above");
        return ok;
    }

    private static Resource Resource(string owner, string id, string type, string name, int quantity, string unit, GeoPoint home, string jurisdiction, DateTimeOffset at, (string Name, double Value, string Unit) capability) => new()
    {
        Id = id,
        Owner = owner,
        Revision = 1,
        Type = type,
        Name = LocalizedText.Of("zh-CN", name),
        Quantity = quantity,
        Unit = unit,
        Capabilities = [new ResourceCapability { Name = capability.Name, Value = capability.Value, Unit = capability.Unit }],
        Home = new PointGeometry(home),
        Jurisdiction = jurisdiction,
        Status = ResourceStatus.Available,
        UpdatedAt = at,
        Scope = DocumentScope.Restricted,
        Audience = ["group:gba"],
    };

    private static ResourceOffer Offer(string owner, string id, string resourceId, int quantity, ResourceRequest request, int item, DateTimeOffset expires, DateTimeOffset at) => new()
    {
        Id = id,
        Owner = owner,
        Revision = 1,
        Request = new RequestItemReference { Owner = request.Owner, Id = request.Id, Item = item },
        ResourceId = resourceId,
        Quantity = quantity,
        ExpiresAt = expires,
        State = ResourceOfferState.Open,
        UpdatedAt = at,
        Scope = DocumentScope.Private,
        Recipients = [request.Owner],
    };

    private static ResourceCommitment Commit(string id, string provider, string offerId, ResourceRequest request, int item, int quantity, DateTimeOffset at) => new()
    {
        Id = id,
        Owner = request.Owner,
        Revision = 1,
        Offer = new PoolReference { Owner = provider, Id = offerId },
        Request = new RequestItemReference { Owner = request.Owner, Id = request.Id, Item = item },
        Quantity = quantity,
        CommittedAt = at.AddMinutes(5),
    };

    private static string Describe(ResourcePoolReport pool) =>
        string.Join("; ", pool.Entries.Select(e => $"{e.Owner} {e.Type} {e.Available}/{e.Quantity} available, {e.DistanceKm:0} km"));

    /// <summary>Whether the call fails with the status expected.</summary>
    internal static async Task<bool> RefusedAsync(Func<Task> call, StatusCode expected)
    {
        try
        {
            await call();
            return false;
        }
        catch (CityRiskException ex)
        {
            return ex.StatusCode == expected;
        }
    }
}
