using CityRisk.Alerts;
using CityRisk.Protocol;
using Grpc.Core;
using CityRisk.Protocol.V1;

namespace CityRisk.Server.Tests.Exchange;

/// <summary>
/// Many partners, roles and scopes at random: on every read path (Get, Query, Subscribe), nobody sees a message outside its
/// scope, everybody sees what is inside it, and what may not be seen is NOT_FOUND exactly as a message that never
/// existed. The oracle below is written from docs/protocol.md §5, independently of the hub's code.
/// </summary>
public class ScopeRandomizedTests
{
    private static readonly string[] Roles = ["city", "lifeline-operator", "insurer", "regulator"];

    [Theory]
    [InlineData(20261123)]
    [InlineData(440600)]
    public async Task No_read_path_leaks_a_message_outside_its_scope(int seed)
    {
        var random = new Random(seed);
        var partners = Enumerable.Range(1, 10)
            .Select(i => ($"partner-{i:00}", Roles.Where(_ => random.Next(3) == 0).ToArray()))
            .ToList();
        await using var hub = await TestHub.StartAsync(partners);

        var published = new List<(string Sender, string Id, AlertScope Scope, string[] Audience)>();
        for (var i = 0; i < 60; i++)
        {
            var (sender, _) = partners[random.Next(partners.Count)];
            var scope = (AlertScope)random.Next(3);
            string[] audience = scope switch
            {
                AlertScope.Restricted => [.. Enumerable.Range(0, 1 + random.Next(2)).Select(_ => random.Next(2) == 0
                    ? Roles[random.Next(Roles.Length)]
                    : $"partner:{partners[random.Next(partners.Count)].Item1}")],
                AlertScope.Private => [.. Enumerable.Range(0, 1 + random.Next(3)).Select(_ => partners[random.Next(partners.Count)].Item1).Distinct()],
                _ => [],
            };
            var alert = TestHub.Alert(sender, $"m{i}", scope, scope == AlertScope.Private ? audience : null);
            await hub.CallAsync(TestHub.Publish, TestHub.Request(sender, alert, scope == AlertScope.Restricted ? audience : []), sender);
            published.Add((sender, $"m{i}", scope, audience));
        }

        // A public sentinel closes every subscriber's replay.
        var (sentinelSender, _) = partners[0];
        await hub.CallAsync(TestHub.Publish, TestHub.Request(sentinelSender, TestHub.Alert(sentinelSender, "end")), sentinelSender);

        var leaks = new List<string>();
        foreach (var (caller, roles) in partners)
        {
            var expected = published.Where(m => MaySee(caller, roles, m)).Select(m => m.Id).ToHashSet();
            var streamed = (await hub.TakeAsync(new SubscribeRequest { FromBeginning = true }, caller, expected.Count + 1)).Select(d => d.Envelope.Id).ToList();
            Assert.Equal("end", streamed[^1]);
            leaks.AddRange(streamed.SkipLast(1).Where(id => !expected.Contains(id)).Select(id => $"Subscribe delivered {id} to {caller}"));
            leaks.AddRange(expected.Where(id => !streamed.Contains(id)).Select(id => $"Subscribe missed {id} for {caller}"));

            var queried = (await hub.QueryAllAsync(caller, pageSize: 9)).Select(d => d.Envelope.Id).Where(id => id != "end").ToList();
            leaks.AddRange(queried.Where(id => !expected.Contains(id)).Select(id => $"Query showed {id} to {caller}"));
            leaks.AddRange(expected.Where(id => !queried.Contains(id)).Select(id => $"Query hid {id} from {caller}"));

            foreach (var message in published)
            {
                try
                {
                    await hub.CallAsync(TestHub.Get, new GetRequest { Message = new MessageRef { Sender = message.Sender, Id = message.Id } }, caller);
                    if (!expected.Contains(message.Id))
                    {
                        leaks.Add($"Get showed {message.Id} to {caller}");
                    }
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
                {
                    if (expected.Contains(message.Id))
                    {
                        leaks.Add($"Get hid {message.Id} from {caller}");
                    }
                }
            }
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Contains(published, m => m.Scope == AlertScope.Restricted);
        Assert.Contains(published, m => m.Scope == AlertScope.Private);
    }

    private static bool MaySee(string caller, string[] callerRoles, (string Sender, string Id, AlertScope Scope, string[] Audience) message) =>
        message.Sender == caller || message.Scope switch
        {
            AlertScope.Public => true,
            AlertScope.Restricted => message.Audience.Any(a => a == $"partner:{caller}" || callerRoles.Contains(a)),
            AlertScope.Private => message.Audience.Contains(caller),
            _ => false,
        };
}
