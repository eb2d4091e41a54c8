using CityRisk.Problems;
using Grpc.Core;

namespace CityRisk.Protocol.Tests;

public class ProblemsTrailerTests
{
    private static readonly Problem[] Problems =
    [
        Problem.Error("CAP-POLYGON-NOT-CLOSED", "info[0].area[0].polygon[0]", "The polygon's first and last points differ."),
        Problem.Warning("CAP-HEADLINE-LONG", "info[0].headline", "The headline is over 160 characters."),
    ];

    [Fact]
    public void Problems_go_out_and_come_back_with_severity_code_path_and_message()
    {
        var trailers = ProblemsTrailer.ToTrailers(Problems);

        Assert.True(ProblemsTrailer.IsPresent(trailers));
        Assert.True(ProblemsTrailer.TryRead(trailers, out var read, out var error));
        Assert.Null(error);
        Assert.Equal(Problems, read);
    }

    [Fact]
    public void A_trailer_that_does_not_decode_is_reported_not_thrown()
    {
        var trailers = new Metadata { { "cityrisk-problems-bin", new byte[] { 0xFF, 0xFF, 0xFF } } };

        Assert.False(ProblemsTrailer.TryRead(trailers, out var read, out var error));
        Assert.Empty(read);
        Assert.NotNull(error);
    }

    [Fact]
    public void No_trailer_is_no_problems()
    {
        Assert.True(ProblemsTrailer.TryRead([], out var read, out _));
        Assert.Empty(read);
        Assert.False(ProblemsTrailer.IsPresent(null));
    }

    [Theory]
    [InlineData(StatusCode.OK, "OK")]
    [InlineData(StatusCode.InvalidArgument, "INVALID_ARGUMENT")]
    [InlineData(StatusCode.NotFound, "NOT_FOUND")]
    [InlineData(StatusCode.ResourceExhausted, "RESOURCE_EXHAUSTED")]
    [InlineData((StatusCode)99, "99")]
    public void Status_names_are_the_canonical_ones(StatusCode status, string name) => Assert.Equal(name, StatusNames.Of(status));
}
