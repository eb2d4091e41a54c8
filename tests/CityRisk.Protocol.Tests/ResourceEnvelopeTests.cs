using CityRisk.Protocol.V1;
using CityRisk.Resources;

namespace CityRisk.Protocol.Tests;

/// <summary>The envelopes of the pooling kinds (docs/protocol.md §4.2.3), derived from the samples of docs/resources.md.</summary>
public class ResourceEnvelopeTests
{
    private static T Sample<T>(string name)
        where T : class =>
        DocumentCodecs.Default.Get<T>(DocumentFormat.CityRiskJson).Read(File.ReadAllBytes(Path.Combine(CityRisk.Testing.Shared.RepositoryRoot.Path, "samples", "resources", name + ".json"))).Value!;

    [Fact]
    public void A_resource_and_a_request_carry_their_audience_jurisdiction_box_and_attributes()
    {
        var resource = ResourceEnvelope.Derive(Sample<Resource>("foshan-rescue-boats"));
        Assert.Equal(("resource/fs-rescue-boats/1", "foshan-em", Scope.Restricted), (resource.Id, resource.Sender, resource.Scope));
        Assert.Equal(["group:gba"], resource.RestrictionRoles);
        Assert.Equal(["440604"], resource.Jurisdictions);
        Assert.Equal((113.1214, 23.0215, 113.1214, 23.0215), (resource.BoundingBox.West, resource.BoundingBox.South, resource.BoundingBox.East, resource.BoundingBox.North));
        Assert.Equal("status=Available type=boat", string.Join(" ", resource.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")));

        var request = ResourceEnvelope.Derive(Sample<ResourceRequest>("macau-typhoon-request"));
        Assert.Equal("incident=macau-smg/mo-typhoon-yagi-flood state=Open types=boat drainage-pump", string.Join(" ", request.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}")));
        Assert.Equal(["820000"], request.Jurisdictions);
    }

    [Fact]
    public void An_offer_always_reaches_its_requester_and_the_steps_between_two_partners_are_private()
    {
        var offer = Sample<ResourceOffer>("foshan-offer");
        var privateOffer = ResourceEnvelope.Derive(offer);
        Assert.Equal(["foshan-em", "macau-smg"], privateOffer.Recipients);
        var restricted = ResourceEnvelope.Derive(offer with { Scope = DocumentScope.Restricted, Audience = ["city"], Recipients = [] });
        Assert.Equal(["city", "partner:foshan-em", "partner:macau-smg"], restricted.RestrictionRoles);
        Assert.Equal("macau-smg/mo-typhoon-0915", restricted.Attributes["request"]);

        var commitment = ResourceEnvelope.Derive(Sample<ResourceCommitment>("macau-commitment"));
        Assert.Equal((Scope.Private, "macau-smg"), (commitment.Scope, commitment.Sender));
        Assert.Equal(["foshan-em", "macau-smg"], commitment.Recipients);
        var report = ResourceEnvelope.Derive(Sample<ResourceStatusReport>("foshan-boats-en-route"));
        Assert.Equal(["foshan-em", "macau-smg"], report.Recipients);
        Assert.Equal("EnRoute", report.Attributes["status"]);
        var release = ResourceEnvelope.Derive(Sample<ResourceRelease>("macau-release"));
        Assert.Equal(["foshan-em", "macau-smg"], release.Recipients);
        Assert.Equal("macau-smg/mo-c-fs-0915", release.Attributes["commitment"]);
        Assert.Empty(release.Jurisdictions);

        // An envelope that drops the requester disagrees with its payload.
        var bent = privateOffer.Clone();
        bent.Recipients.Remove("macau-smg");
        Assert.Equal(["recipients"], ResourceEnvelope.Mismatches(bent, privateOffer).Where(f => f != "sent"));
    }
}
