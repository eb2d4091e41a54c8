using System.Text.Json;

namespace CityRisk.Tests.Common;

public class ValueTypeTests
{
    [Theory]
    [InlineData("440600", "Foshan", true)]
    [InlineData("440300", "Shenzhen", true)]
    [InlineData("810000", "Hong Kong", true)]
    [InlineData("820000", "Macau", true)]
    [InlineData("310115", "Shanghai Pudong New Area", true)]
    [InlineData("440605", null, true)]
    [InlineData("990600", null, false)]
    [InlineData("44060", null, false)]
    [InlineData("44060a", null, false)]
    [InlineData("", null, false)]
    public void Jurisdiction_parses_gb_t_2260_codes(string code, string? name, bool valid)
    {
        Assert.Equal(valid, Jurisdiction.TryParse(code, out var jurisdiction));
        if (valid)
        {
            Assert.Equal(code, jurisdiction.Code);
            Assert.Equal(name, jurisdiction.Name);
        }
        else
        {
            Assert.Throws<FormatException>(() => Jurisdiction.Parse(code));
        }
    }

    [Fact]
    public void Jurisdiction_knows_containment_by_code()
    {
        var nanhai = Jurisdiction.Parse("440605");
        Assert.True(nanhai.IsWithin(Jurisdiction.Parse("440600")));
        Assert.True(nanhai.IsWithin(Jurisdiction.Parse("440000")));
        Assert.False(nanhai.IsWithin(Jurisdiction.Parse("440300")));
        Assert.Equal("440000", nanhai.Province.Code);
        Assert.True(Jurisdiction.Parse("820000").IsProvinceLevel);
        Assert.Equal(new NamedValue("GB/T 2260", "440605"), nanhai.ToGeocode());
    }

    [Theory]
    [InlineData("440000", "44")]
    [InlineData("440600", "4406")]
    [InlineData("410200", "4102")]
    [InlineData("441000", "4410")]
    [InlineData("440605", "440605")]
    [InlineData("410120", "410120")]
    public void Jurisdiction_prefix_is_what_its_subdivisions_share(string code, string prefix)
    {
        Assert.Equal(prefix, Jurisdiction.Parse(code).Prefix);
        Assert.Equal(string.Empty, default(Jurisdiction).Prefix);
    }

    [Theory]
    [InlineData("foshan-em", true)]
    [InlineData("pingan-insurance", true)]
    [InlineData("Foshan-EM", false)]
    [InlineData("-foshan", false)]
    [InlineData("f", false)]
    [InlineData("foshan em", false)]
    public void PartyId_accepts_lowercase_ids(string text, bool valid)
    {
        Assert.Equal(valid, PartyId.TryParse(text, out var id));
        if (valid)
        {
            Assert.Equal(text, id.ToString());
        }
        else
        {
            Assert.Throws<FormatException>(() => PartyId.Parse(text));
        }
    }

    [Fact]
    public void LocalizedText_finds_exact_then_primary_language()
    {
        var text = new LocalizedText([new("zh-Hans", "台风"), new("zh-Hant", "颱風"), new("pt", "Tufão"), new("en", "Typhoon")]);
        Assert.Equal("颱風", text.Get("zh-Hant"));
        Assert.Equal("颱風", text.Get("zh-Hant-MO"));
        Assert.Equal("Tufão", text.Get("pt-MO"));
        Assert.Equal("台风", text.Get("zh"));
        Assert.Equal("台风", text.Get("fr"));
        Assert.False(LocalizedText.Of("en", "x").TryGet("fr", out _));
    }

    [Fact]
    public void LocalizedText_refuses_repeated_or_empty_languages()
    {
        Assert.Throws<ArgumentException>(() => new LocalizedText([new("en", "a"), new("EN", "b")]));
        Assert.Throws<ArgumentException>(() => new LocalizedText([new(" ", "a")]));
    }

    [Fact]
    public void Value_types_have_compact_json_forms()
    {
        var context = CityRisk.Json.CityRiskJsonContext.Default;
        Assert.Equal("\"440600\"", JsonSerializer.Serialize(Jurisdiction.Parse("440600"), context.Jurisdiction));
        Assert.Equal("\"foshan-em\"", JsonSerializer.Serialize(PartyId.Parse("foshan-em"), context.PartyId));
        var text = LocalizedText.Of("en", "Typhoon");
        Assert.Equal(text, JsonSerializer.Deserialize(JsonSerializer.Serialize(text, context.LocalizedText), context.LocalizedText));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("\"4406\"", context.Jurisdiction));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("{\"en\":\"a\",\"en\":\"b\"}", context.LocalizedText));
    }

    [Fact]
    public void Warning_levels_order_by_seriousness()
    {
        Assert.True(WarningLevel.Red > WarningLevel.Orange && WarningLevel.Orange > WarningLevel.Yellow && WarningLevel.Yellow > WarningLevel.Blue);
    }
}
