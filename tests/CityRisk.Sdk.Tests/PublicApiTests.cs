using CityRisk.Testing.Shared;
using CityRisk.Wire;

namespace CityRisk.Sdk.Tests;

public class PublicApiTests
{
    [Fact]
    public void Public_api_matches_the_checked_in_listing()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CityRisk.Sdk.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        PublicApiListing.AssertMatches(typeof(GrpcFrame).Assembly, root);
    }
}
