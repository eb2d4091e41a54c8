using CityRisk.Alerts;
using CityRisk.Client;
using CityRisk.Problems;
using Grpc.Core;

namespace CityRisk.Sdk.Tests.Alerts;

/// <summary>The alerts sub-client against the reference hub over loopback HTTP/2.</summary>
public sealed class AlertClientTests : IAsyncLifetime
{
    private TestExchange _hub = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _hub = await TestExchange.StartAsync();

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Publish_get_and_query_round_trip_an_alert_and_a_second_publish_is_a_duplicate()
    {
        using var foshan = _hub.Client("foshan-em");
        var alert = SampleAlerts.Typhoon("foshan-typhoon-round-trip");

        var first = await foshan.Alerts.PublishAsync(alert, cancellationToken: Cancel);
        var again = await foshan.Alerts.PublishAsync(alert, cancellationToken: Cancel);
        var got = await foshan.Alerts.GetAsync("foshan-em", alert.Identifier, Cancel);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.Cursor, again.Cursor);
        Assert.Equal(first.Cursor, got.Cursor);
        Assert.Equal(CityRisk.Json.CityRiskJson.Write(alert), CityRisk.Json.CityRiskJson.Write(got.Alert));
        Assert.Equal("foshan-em", got.Sender);

        using var macau = _hub.Client("macau-smg");
        var listed = new List<AlertMessage>();
        await foreach (var message in macau.Alerts.QueryAsync(cancellationToken: Cancel))
        {
            listed.Add(message);
        }

        Assert.Equal([alert.Identifier], listed.Select(m => m.Id));
    }

    [Fact]
    public async Task Query_pages_carry_continuation_tokens_and_filters_apply()
    {
        using var foshan = _hub.Client("foshan-em");
        for (var i = 0; i < 5; i++)
        {
            await foshan.Alerts.PublishAsync(SampleAlerts.Typhoon($"paged-{i}", level: i % 2 == 0 ? WarningLevel.Red : WarningLevel.Blue), cancellationToken: Cancel);
        }

        var pages = new List<CityRiskPage<AlertMessage>>();
        await foreach (var page in foshan.Alerts.QueryAsync(cancellationToken: Cancel).AsPages(pageSizeHint: 2))
        {
            pages.Add(page);
        }

        Assert.Equal(["paged-0", "paged-1", "paged-2", "paged-3", "paged-4"], pages.SelectMany(p => p.Values).Select(m => m.Id));
        Assert.True(pages.Count >= 3);
        Assert.Null(pages[^1].ContinuationToken);

        var red = new List<string>();
        await foreach (var message in foshan.Alerts.QueryAsync(new AlertQuery { Filter = new AlertFilter { MinLevel = WarningLevel.Red } }, Cancel))
        {
            red.Add(message.Id);
        }

        Assert.Equal(["paged-0", "paged-2", "paged-4"], red);
    }

    [Theory]
    [InlineData(DocumentFormat.CityRiskJson)]
    [InlineData(DocumentFormat.CapXml)]
    public async Task An_invalid_alert_fails_offline_with_the_same_problem_codes_the_hub_returns(DocumentFormat format)
    {
        var broken = SampleAlerts.Typhoon("broken") with { Sender = "has spaces", Info = [SampleAlerts.Typhoon().Info[0] with { Event = "" }] };
        using var offline = _hub.Client("foshan-em");
        using var online = _hub.Client("foshan-em", o => o.ValidateBeforePublish = false);
        var options = new AlertPublishOptions { Format = format };

        var local = await Assert.ThrowsAsync<CityRiskException>(() => offline.Alerts.PublishAsync(broken, options, Cancel));
        var remote = await Assert.ThrowsAsync<CityRiskException>(() => online.Alerts.PublishAsync(broken, options, Cancel));

        Assert.Equal(StatusCode.InvalidArgument, local.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, remote.StatusCode);
        Assert.NotEmpty(local.Problems);
        Assert.Equal(remote.Problems.Select(p => (p.Code, p.Path)).Order(), local.Problems.Select(p => (p.Code, p.Path)).Order());
        await Assert.ThrowsAsync<CityRiskException>(() => offline.Alerts.GetAsync("foshan-em", "broken", Cancel));
    }

    [Fact]
    public async Task A_document_read_once_is_published_as_its_bytes_and_validated_if_it_was_not()
    {
        using var foshan = _hub.Client("foshan-em");
        var cap = CapAlertWriter.Write(SampleAlerts.Typhoon("read-once")).Value!;
        var parsed = DocumentCodecs.Default.Read<Alert>(cap);
        var published = await foshan.Alerts.PublishDocumentAsync(parsed, cancellationToken: Cancel);
        var got = await foshan.Alerts.GetAsync("foshan-em", "read-once", Cancel);
        Assert.Equal(published.Cursor, got.Cursor);
        Assert.Equal(DocumentFormat.CapXml, got.Format);

        var broken = CapAlertWriter.Write(SampleAlerts.Typhoon("read-unvalidated") with { Info = [SampleAlerts.Typhoon().Info[0] with { Event = "" }] }, new CapWriterOptions { Validate = false }).Value!;
        var unvalidated = DocumentCodecs.Default.Read<Alert>(broken, validate: false);
        Assert.False(unvalidated.HasErrors);
        var refused = await Assert.ThrowsAsync<CityRiskException>(() => foshan.Alerts.PublishDocumentAsync(unvalidated, cancellationToken: Cancel));
        Assert.Contains(refused.Problems, p => p.Code == ProblemCodes.CapRequiredMissing);
        Assert.Contains("nothing was sent", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restricted_alerts_need_roles_and_reach_only_their_audience()
    {
        using var foshan = _hub.Client("foshan-em");
        var pipeline = SampleAlerts.Typhoon("gas-pipeline-yellow", scope: AlertScope.Restricted, level: WarningLevel.Yellow);

        var missing = await Assert.ThrowsAsync<CityRiskException>(() => foshan.Alerts.PublishAsync(pipeline, cancellationToken: Cancel));
        Assert.Equal(ProblemCodes.EnvelopeMismatch, Assert.Single(missing.Problems).Code);
        Assert.Throws<ArgumentException>(() => foshan.Alerts.PublishAsync(SampleAlerts.Typhoon("public"), new AlertPublishOptions { RestrictionRoles = ["city"] }, Cancel).GetAwaiter().GetResult());

        await foshan.Alerts.PublishAsync(pipeline, new AlertPublishOptions { RestrictionRoles = ["lifeline-operator"] }, Cancel);

        using var shenzhen = _hub.Client("shenzhen-gas");
        using var outsider = _hub.Client("outsider");
        Assert.Equal(["lifeline-operator"], (await shenzhen.Alerts.GetAsync("foshan-em", pipeline.Identifier, Cancel)).RestrictionRoles);
        var hidden = await Assert.ThrowsAsync<CityRiskException>(() => outsider.Alerts.GetAsync("foshan-em", pipeline.Identifier, Cancel));
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task Private_recipients_become_the_alerts_addresses()
    {
        using var foshan = _hub.Client("foshan-em");
        var note = SampleAlerts.Typhoon("private-note", scope: AlertScope.Private);

        await foshan.Alerts.PublishAsync(note, new AlertPublishOptions { Recipients = ["macau-smg"] }, Cancel);

        using var macau = _hub.Client("macau-smg");
        var got = await macau.Alerts.GetAsync("foshan-em", "private-note", Cancel);
        Assert.Equal(["macau-smg"], got.Alert.Addresses);
        Assert.Equal(["macau-smg"], got.Recipients);
        using var shenzhen = _hub.Client("shenzhen-gas");
        await Assert.ThrowsAsync<CityRiskException>(() => shenzhen.Alerts.GetAsync("foshan-em", "private-note", Cancel));
    }

    [Fact]
    public async Task A_CAP_document_is_published_as_it_is()
    {
        using var foshan = _hub.Client("foshan-em");
        var alert = SampleAlerts.Typhoon("cap-document");
        var document = CapAlertWriter.Write(alert).Value!;

        var published = await foshan.Alerts.PublishDocumentAsync(document, cancellationToken: Cancel);
        var got = await foshan.Alerts.GetAsync("foshan-em", "cap-document", Cancel);

        Assert.Equal(DocumentFormat.CapXml, got.Format);
        Assert.Equal(CityRisk.Json.CityRiskJson.Write(alert), CityRisk.Json.CityRiskJson.Write(got.Alert));
        Assert.Equal(published.Cursor, got.Cursor);
        var garbage = await Assert.ThrowsAsync<CityRiskException>(() => foshan.Alerts.PublishDocumentAsync("not a document"u8.ToArray(), cancellationToken: Cancel));
        Assert.Equal(ProblemCodes.DocumentFormatUnknown, Assert.Single(garbage.Problems).Code);
    }

    [Fact]
    public async Task A_refused_token_is_unauthenticated()
    {
        using var impostor = new CityRiskClient(_hub.Endpoint, new CityRiskCredential("foshan-em", "crk_not-a-real-token"));

        var error = await Assert.ThrowsAsync<CityRiskException>(() => impostor.Alerts.PublishAsync(SampleAlerts.Typhoon(), cancellationToken: Cancel));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
