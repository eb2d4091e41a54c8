using CityRisk.Storage;

namespace CityRisk.Server.Tests.Storage;

/// <summary>The tally's nearest-rank percentiles against sorting every time, for a division made of many sub-divisions.</summary>
public sealed class IncidentTallyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Percentiles_over_subdivisions_are_the_nearest_ranks_of_all_their_times(int seed)
    {
        var random = new Random(seed);
        var query = new IncidentCountQuery
        {
            Prefix = "4102",
            SubdivisionDigits = 6,
            ReportedFrom = DateTimeOffset.UnixEpoch,
            ReportedTo = DateTimeOffset.UnixEpoch.AddDays(1),
            OpenOlderThan = DateTimeOffset.UnixEpoch,
            Viewer = ["partner:kaifeng-city"],
        };
        var tally = new IncidentTally(query);
        var times = new Dictionary<int, List<long>>();
        var subdivisions = random.Next(1, 12);
        for (var n = random.Next(1, 5_000); n > 0; n--)
        {
            var subdivision = 410201 + random.Next(subdivisions);

            // Few distinct values make ties, which nearest rank must count one by one.
            var seconds = seed % 2 == 0 ? random.Next(0, 20) : random.NextInt64(0, 1L << 37);
            tally.Add(subdivision, IncidentTally.Closed, false, seconds);
            (times.TryGetValue(subdivision, out var list) ? list : times[subdivision] = []).Add(seconds);
        }

        static long Rank(List<long> values, double p) => values.Order().ElementAt((int)Math.Clamp(Math.Ceiling(p * values.Count), 1, values.Count) - 1);
        var result = tally.Result();
        var all = times.Values.SelectMany(t => t).ToList();
        Assert.Equal((Rank(all, 0.5), Rank(all, 0.9)), (result[0].MedianSecondsToClose!.Value, result[0].P90SecondsToClose!.Value));
        foreach (var record in result.Skip(1))
        {
            var own = times[int.Parse(record.Division, System.Globalization.CultureInfo.InvariantCulture)];
            Assert.Equal((Rank(own, 0.5), Rank(own, 0.9)), (record.MedianSecondsToClose!.Value, record.P90SecondsToClose!.Value));
        }
    }
}
