using System.Text.Json;

namespace CityRisk.Server.Tests.Interop;

/// <summary>A grpc-js client, loading only the .proto, calls our server half: every RPC and each error path.</summary>
public class GrpcJsClientTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Grpc_js_client_gets_the_expected_statuses_from_our_server(bool tls)
    {
        NodePeer.SkipIfMissing();
        await using var server = await StubExchangeServer.StartAsync(tls);
        var args = new List<string> { $"127.0.0.1:{server.Address.Port}" };
        string? caFile = null;
        if (tls)
        {
            caFile = Path.GetTempFileName();
            await File.WriteAllTextAsync(caFile, TestCertificate.Pem, TestContext.Current.CancellationToken);
            args.Add(caFile);
        }

        try
        {
            var cases = await NodePeer.RunCasesAsync("grpc-client.mjs", [.. args]);

            Assert.Equal(0, Code(cases["publish"]));
            Assert.False(cases["publish"].GetProperty("response").GetProperty("duplicate").GetBoolean());
            Assert.True(cases["publish-duplicate"].GetProperty("response").GetProperty("duplicate").GetBoolean());

            var invalid = cases["publish-invalid"];
            Assert.Equal(3, Code(invalid));
            var problems = invalid.GetProperty("problems").EnumerateArray().ToList();
            Assert.Equal(["DOC-EMPTY", "CAP-HEADLINE-LONG"], problems.Select(p => p.GetProperty("code").GetString()));
            Assert.Equal("PROBLEM_SEVERITY_WARNING", problems[1].GetProperty("severity").GetString());
            Assert.Equal("台风 headline is long.", problems[1].GetProperty("message").GetString());

            Assert.Equal(16, Code(cases["publish-unauthenticated"]));
            Assert.Equal(4, Code(cases["publish-deadline"]));
            Assert.Equal(8, Code(cases["publish-oversize"]));
            Assert.Equal(0, Code(cases["publish-batch"]));
            Assert.Equal(0, Code(cases["get-found"]));
            Assert.Equal(5, Code(cases["get-missing"]));
            Assert.Equal(3, cases["query"].GetProperty("response").GetProperty("items").GetArrayLength());
            Assert.Equal(2, Code(cases["handler-failure"]));
            Assert.Equal(12, Code(cases["unknown-method"]));

            Assert.Equal([11, 12, 13, 14, 15], Cursors(cases["subscribe"]));
            Assert.Equal(0, Code(cases["subscribe"]));
            var behind = cases["subscribe-fell-behind"];
            Assert.Equal(8, Code(behind));
            Assert.Equal("5", behind.GetProperty("resume").GetString());
            Assert.Equal(5, Cursors(behind).Count);
            Assert.Equal(1, Code(cases["subscribe-cancelled"]));
            Assert.Equal(3, Cursors(cases["subscribe-cancelled"]).Count);
            Assert.Equal(4, Code(cases["subscribe-deadline"]));
            Assert.Equal(0, Code(cases["after-all"]));
            Assert.Equal("SERVING", cases["health-server"].GetProperty("response").GetProperty("status").GetString());
            Assert.Equal("SERVING", cases["health-exchange"].GetProperty("response").GetProperty("status").GetString());
            Assert.Equal(5, Code(cases["health-unknown"]));
        }
        finally
        {
            if (caFile is not null)
            {
                File.Delete(caFile);
            }
        }
    }

    private static int Code(JsonElement result) => result.GetProperty("code").GetInt32();

    private static List<int> Cursors(JsonElement result) => [.. result.GetProperty("cursors").EnumerateArray().Select(c => c.GetInt32())];
}
