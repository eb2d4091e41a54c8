using CityRisk.Testing.Shared;

namespace CityRisk.Protocol.Tests;

public class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_checked_in_listing() => PublicApiListing.AssertMatches(typeof(ProblemsTrailer).Assembly);
}
