using CityRisk.Server.Tests.Exchange;
using Google.Protobuf;

namespace CityRisk.Server.Tests.Interop;

/// <summary>
/// A grpc-js client that loads only the .proto calls the real hub (Grpc.AspNetCore, the exchange's own binder):
/// publish, get, a subscription whose deliveries the hub serializes once for all subscribers, the problems trailer
/// of a refusal, and authentication.
/// </summary>
public class GrpcJsHubClientTests
{
    [Fact]
    public async Task Grpc_js_publishes_reads_and_receives_an_alert_from_the_hub()
    {
        NodePeer.SkipIfMissing();
        await using var hub = await TestHub.StartAsync();
        var envelope = TestHub.Request("foshan-em", TestHub.Alert("foshan-em", "from-grpc-js")).Envelope;
        var args = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(args, $$"""{"address":"127.0.0.1:{{hub.Address.Port}}","token":"{{hub.TokenOf("foshan-em")}}","envelope":{{JsonFormatter.Default.Format(envelope)}}}""", TestContext.Current.CancellationToken);
            var cases = await NodePeer.RunCasesAsync("hub-client.mjs", args);
            var payload = Convert.ToBase64String(envelope.Payload.ToByteArray());

            Assert.Equal(0, cases["publish"].GetProperty("code").GetInt32());
            Assert.Equal("1", cases["publish"].GetProperty("cursor").GetString());
            Assert.Equal(payload, cases["get"].GetProperty("payload").GetString());
            var delivered = cases["subscribe"];
            Assert.Equal(0, delivered.GetProperty("code").GetInt32());
            Assert.Equal("1", delivered.GetProperty("cursor").GetString());
            Assert.Equal(payload, delivered.GetProperty("payload").GetString());
            Assert.Equal("WARNING_LEVEL_YELLOW", delivered.GetProperty("level").GetString());
            Assert.Equal("0", delivered.GetProperty("startCursor").GetString());
            var invalid = cases["publish-invalid"];
            Assert.Equal(3, invalid.GetProperty("code").GetInt32());
            Assert.NotEmpty(invalid.GetProperty("problems").EnumerateArray());
            Assert.Equal(16, cases["unauthenticated"].GetProperty("code").GetInt32());
        }
        finally
        {
            File.Delete(args);
        }
    }
}
