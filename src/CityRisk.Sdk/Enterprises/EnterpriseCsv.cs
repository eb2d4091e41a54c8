using System.Globalization;
using CityRisk.Protocol.V1;
using CsvHelper;

namespace CityRisk.Enterprises;

/// <summary>
/// The export's CSV (docs/insurers.md, "Export"): RFC 4180 through CsvHelper, UTF-8 with a byte order mark so Excel
/// reads Chinese names, CRLF line ends, one row per profile and period, the columns in <see cref="Columns"/> order.
/// Numbers are invariant (a point for decimals, shortest round-trip form); booleans <c>true</c>/<c>false</c>; an
/// unset value is an empty field. A text field that a spreadsheet would run as a formula (it starts with = + - @,
/// a tab or a carriage return) is written with a leading apostrophe (CsvHelper's injection escape; numbers are never touched).
/// </summary>
public static class EnterpriseCsv
{
    /// <summary>The header, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "credit_code", "name", "industry", "jurisdiction", "address", "longitude", "latitude", "employees", "hazardous_chemicals", "major_hazard_source",
        "risk_grade", "insured", "insurer", "period_from", "period_to", "inspections", "hidden_dangers_found", "hidden_dangers_rectified",
        "hidden_dangers_overdue", "major_hidden_dangers", "penalties", "accidents", "deaths", "injuries", "rectification_rate", "overdue_rate",
        "accidents_per_year", "accidents_per_100_employees", "risk_score", "regulator", "revision", "updated_at",
    ];

    /// <summary>The writer's options: RFC 4180, CRLF, UTF-8 with a byte order mark, formulas escaped in text fields, invariant numbers.</summary>
    private static readonly CsvWriterOptions Options = new()
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        TrueValue = "true",
        FalseValue = "false",
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>A writer over the stream with the header written. Dispose it to flush; the stream stays open.</summary>
    internal static CsvWriter Open(Stream output)
    {
        var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteHeader([.. Columns]);
        return csv;
    }

    internal static void Write(CsvWriter csv, EnterpriseExportRow row)
    {
        csv.WriteField(row.CreditCode);
        csv.WriteField(row.Name);
        csv.WriteField(row.Industry);
        csv.WriteField(row.Jurisdiction);
        csv.WriteField(row.Address);
        csv.WriteField(row.Longitude, "R");
        csv.WriteField(row.Latitude, "R");
        csv.WriteField(row.Employees, string.Empty);
        csv.WriteField(row.HazardousChemicals);
        csv.WriteField(row.MajorHazardSource);
        csv.WriteField(row.RiskGrade);
        csv.WriteField(row.Insured);
        csv.WriteField(row.Insurer);
        csv.WriteField(row.PeriodFrom);
        csv.WriteField(row.PeriodTo);
        csv.WriteField(row.HasInspections ? row.Inspections : (int?)null, string.Empty);
        csv.WriteField(row.HasHiddenDangersFound ? row.HiddenDangersFound : (int?)null, string.Empty);
        csv.WriteField(row.HasHiddenDangersRectified ? row.HiddenDangersRectified : (int?)null, string.Empty);
        csv.WriteField(row.HasHiddenDangersOverdue ? row.HiddenDangersOverdue : (int?)null, string.Empty);
        csv.WriteField(row.HasMajorHiddenDangers ? row.MajorHiddenDangers : (int?)null, string.Empty);
        csv.WriteField(row.HasPenalties ? row.Penalties : (int?)null, string.Empty);
        csv.WriteField(row.HasAccidents ? row.Accidents : (int?)null, string.Empty);
        csv.WriteField(row.HasDeaths ? row.Deaths : (int?)null, string.Empty);
        csv.WriteField(row.HasInjuries ? row.Injuries : (int?)null, string.Empty);
        csv.WriteField(row.HasRectificationRate ? row.RectificationRate : (double?)null, "R");
        csv.WriteField(row.HasOverdueRate ? row.OverdueRate : (double?)null, "R");
        csv.WriteField(row.HasAccidentsPerYear ? row.AccidentsPerYear : (double?)null, "R");
        csv.WriteField(row.HasAccidentsPer100Employees ? row.AccidentsPer100Employees : (double?)null, "R");
        csv.WriteField(row.HasRiskScore ? row.RiskScore : (double?)null, "R");
        csv.WriteField(row.Owner);
        csv.WriteField(row.Revision, string.Empty);
        csv.WriteField(row.UpdatedAt);
        csv.EndRecord();
    }
}
