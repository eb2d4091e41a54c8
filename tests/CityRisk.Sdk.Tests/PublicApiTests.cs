using CityRisk.Testing.Shared;
using CityRisk.Client;

namespace CityRisk.Sdk.Tests;

public class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_checked_in_listing() => PublicApiListing.AssertMatches(typeof(CityRiskClient).Assembly);
}
