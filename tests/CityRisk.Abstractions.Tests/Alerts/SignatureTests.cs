using System.Text;
using CityRisk.Alerts;
using CityRisk.Json;

namespace CityRisk.Tests.Alerts;

public class SignatureTests
{
    [Theory]
    [InlineData("google_canada_signed.cap", 2)]
    [InlineData("google_earthquake_signed.cap", 1)]
    public void Untouched_signed_alert_is_rewritten_as_its_original_bytes(string file, int signatures)
    {
        SharedVectors.SkipIfMissing();
        var bytes = File.ReadAllBytes(SharedVectors.Cap(file));
        var alert = CapAlertReader.Read(bytes).Value!;
        Assert.NotNull(alert.Signature);
        Assert.Equal(signatures, alert.Signature.SignatureCount);

        var written = CapAlertWriter.Write(alert);

        Assert.Equal(bytes, written.Value);
        Assert.Empty(written.Problems);
    }

    [Fact]
    public void Changed_signed_alert_drops_the_signature_with_a_warning()
    {
        SharedVectors.SkipIfMissing();
        var alert = CapAlertReader.Read(File.ReadAllBytes(SharedVectors.Cap("google_canada_signed.cap"))).Value!;

        var written = CapAlertWriter.Write(alert with { Note = "re-issued" });

        Assert.True(written.Succeeded);
        Assert.Contains(written.Problems, p => p.Code == "CAP-SIGNATURE-DROPPED");
        var xml = Encoding.UTF8.GetString(written.Value!);
        Assert.DoesNotContain("Signature", xml, StringComparison.Ordinal);
        Assert.Contains("<note>re-issued</note>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_never_carries_the_signature()
    {
        SharedVectors.SkipIfMissing();
        var alert = CapAlertReader.Read(File.ReadAllBytes(SharedVectors.Cap("google_earthquake_signed.cap"))).Value!;

        var json = Encoding.UTF8.GetString(CityRiskJson.Write(alert));

        Assert.DoesNotContain("ignature", json, StringComparison.Ordinal);
        Assert.Null(CityRiskJson.ReadAlert(Encoding.UTF8.GetBytes(json)).Value!.Signature);
    }
}
