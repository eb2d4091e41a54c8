using CityRisk.Wire;

namespace CityRisk.Sdk.Tests.Wire;

public class GrpcHeaderTests
{
    [Theory]
    [InlineData("plain text stays", "plain text stays")]
    [InlineData("100%", "100%25")]
    [InlineData("台风", "%E5%8F%B0%E9%A3%8E")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void Grpc_message_is_percent_encoded_only_where_the_spec_says(string text, string encoded)
    {
        Assert.Equal(encoded, GrpcMessageText.Encode(text));
        Assert.Equal(text, GrpcMessageText.Decode(encoded));
    }

    [Fact]
    public void Malformed_percent_sequences_are_kept()
    {
        Assert.Equal("50%Z and %", GrpcMessageText.Decode("50%Z and %"));
    }

    [Theory]
    [InlineData("100m", 100 * TimeSpan.TicksPerMillisecond)]
    [InlineData("5S", 5 * TimeSpan.TicksPerSecond)]
    [InlineData("2M", 2 * TimeSpan.TicksPerMinute)]
    [InlineData("1H", TimeSpan.TicksPerHour)]
    [InlineData("250u", 2500)]
    [InlineData("1000n", 10)]
    public void Grpc_timeout_parses_every_unit(string header, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(ticks), timeout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5s")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    public void Bad_grpc_timeouts_are_refused(string? header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Theory]
    [InlineData(1500, "1500m")]
    [InlineData(0.5, "500u")]
    public void Grpc_timeout_formats_and_reads_back(double milliseconds, string expected)
    {
        var timeout = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(expected, GrpcTimeout.Format(timeout));
        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(timeout), out var back));
        Assert.True(back >= timeout);
    }

    [Fact]
    public void Long_timeouts_fit_in_eight_digits()
    {
        var header = GrpcTimeout.Format(TimeSpan.FromDays(3));
        Assert.True(header.Length <= 9);
        Assert.True(GrpcTimeout.TryParse(header, out var back) && back >= TimeSpan.FromDays(3));
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Grpc_content_types_are_recognised(string? contentType, bool expected) =>
        Assert.Equal(expected, GrpcProtocol.IsGrpcContentType(contentType));
}
