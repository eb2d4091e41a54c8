using CityRisk.Alerts;
using CityRisk.Geo;

namespace CityRisk.Demo;

/// <summary>The alerts of the demo, in the languages of the cities that publish them, with real shapes.</summary>
public static class DemoAlerts
{
    /// <summary>Foshan's CAP sender.</summary>
    public const string FoshanSender = "alerts@foshan-em.example.cn";

    /// <summary>Macau: its peninsula and islands, as a box.</summary>
    public static AlertArea Macau { get; } = AlertArea.BoundingBox(113.52, 22.10, 113.60, 22.22);

    /// <summary>Shenzhen, as a box.</summary>
    public static AlertArea Shenzhen { get; } = AlertArea.BoundingBox(113.75, 22.45, 114.62, 22.86);

    // The western Pearl River Delta: Foshan, Zhongshan, Zhuhai and Macau; not Shenzhen, east of the estuary.
    private static readonly GeoPolygon WesternDelta = GeoPolygon.FromRing(
        new(112.30, 21.90), new(113.65, 21.90), new(113.65, 23.60), new(112.30, 23.60), new(112.30, 21.90));

    // The high-pressure gas trunk line from Shunde east under the estuary to Bao'an.
    private static readonly GeoPolygon GasCorridor = GeoPolygon.FromRing(
        new(113.20, 22.70), new(113.90, 22.70), new(113.90, 22.80), new(113.20, 22.80), new(113.20, 22.70));

    /// <summary>The typhoon warning: Orange, in Simplified Chinese and English.</summary>
    /// <param name="sent">When it is sent.</param>
    public static Alert TyphoonWarning(DateTimeOffset sent) => Typhoon("FS-EM-TY-01", sent, AlertMessageType.Alert, WarningLevel.Orange, AlertSeverity.Severe,
        ("zh-CN", "佛山市气象台发布台风橙色预警信号", "台风“海燕”预计今晚在珠江口登陆，请做好防风准备。"),
        ("en", "Foshan issues an Orange typhoon warning", "Typhoon Haiyan is expected to make landfall at the Pearl River estuary tonight; prepare for gales."));

    /// <summary>The update: the warning raised to Red.</summary>
    /// <param name="sent">When it is sent.</param>
    /// <param name="original">The warning it updates.</param>
    public static Alert TyphoonUpdate(DateTimeOffset sent, Alert original) => Typhoon("FS-EM-TY-02", sent, AlertMessageType.Update, WarningLevel.Red, AlertSeverity.Extreme,
        ("zh-CN", "台风橙色预警升级为红色预警", "台风“海燕”加强，停课停工，远离海边。"),
        ("en", "Typhoon warning raised to Red", "Typhoon Haiyan has strengthened: schools and work suspended, keep away from the shore.")) with
    {
        References = [new AlertReference(original.Sender, original.Identifier, original.Sent)],
    };

    /// <summary>The cancellation once the typhoon has passed.</summary>
    /// <param name="sent">When it is sent.</param>
    /// <param name="cancelled">The messages it cancels.</param>
    public static Alert TyphoonCancel(DateTimeOffset sent, params Alert[] cancelled) => Typhoon("FS-EM-TY-03", sent, AlertMessageType.Cancel, WarningLevel.Blue, AlertSeverity.Minor,
        ("zh-CN", "台风预警解除", "台风“海燕”已减弱远离，预警解除。"),
        ("en", "Typhoon warning lifted", "Typhoon Haiyan has weakened and moved away; the warning is lifted.")) with
    {
        References = [.. cancelled.Select(a => new AlertReference(a.Sender, a.Identifier, a.Sent))],
    };

    /// <summary>The gas-pipeline alert: Yellow, Restricted to lifeline operators.</summary>
    /// <param name="sent">When it is sent.</param>
    public static Alert GasPipeline(DateTimeOffset sent) => new()
    {
        Identifier = "FS-EM-GAS-01",
        Sender = FoshanSender,
        Sent = sent,
        Status = AlertStatus.Actual,
        MessageType = AlertMessageType.Alert,
        Scope = AlertScope.Restricted,
        Restriction = "燃气等生命线运营单位 Lifeline operators only",
        Info =
        [
            new AlertInfo
            {
                Language = "zh-CN",
                Categories = [AlertCategory.Infra],
                Event = "燃气管道压力异常",
                Urgency = AlertUrgency.Immediate,
                Severity = AlertSeverity.Moderate,
                Certainty = AlertCertainty.Observed,
                Level = WarningLevel.Yellow,
                Domain = RiskDomain.Lifeline,
                Expires = sent.AddHours(12),
                Headline = "西气东输支线压力异常（黄色）",
                Description = "顺德至宝安高压燃气支线压力持续下降，请沿线运营单位核查。",
                Areas = [new Area { Description = "顺德—宝安燃气支线走廊", Polygons = [GasCorridor] }],
            },
        ],
    };

    private static Alert Typhoon(string id, DateTimeOffset sent, AlertMessageType type, WarningLevel level, AlertSeverity severity, params (string Language, string Headline, string Description)[] texts) => new()
    {
        Identifier = id,
        Sender = FoshanSender,
        Sent = sent,
        Status = AlertStatus.Actual,
        MessageType = type,
        Scope = AlertScope.Public,
        Info =
        [
            .. texts.Select(text => new AlertInfo
            {
                Language = text.Language,
                Categories = [AlertCategory.Met],
                Event = text.Language == "en" ? "Typhoon" : "台风",
                Urgency = AlertUrgency.Expected,
                Severity = severity,
                Certainty = AlertCertainty.Likely,
                Level = level,
                Domain = RiskDomain.NaturalDisaster,
                Expires = sent.AddHours(24),
                Headline = text.Headline,
                Description = text.Description,
                Areas = [new Area { Description = text.Language == "en" ? "Western Pearl River Delta" : "珠江口西岸", Polygons = [WesternDelta] }],
            }),
        ],
    };
}
