using CityRisk.Enterprises;
using CityRisk.Geo;
using CityRisk.Hazards;
using CityRisk.Problems;

namespace CityRisk.Json;

/// <summary>
/// The CityRisk JSON enterprise risk profile (schemas/v1/enterprise-profile.schema.json), read by hand: an insurer's
/// page holds 500 of them, and the serializer took four times as long as tokenizing them (docs/performance.md).
/// </summary>
internal ref partial struct StrictJsonReader
{
    /// <summary>Reads a profile, or reports the first way the document breaks the contract.</summary>
    public static EnterpriseRiskProfile? ReadEnterpriseProfile(ReadOnlySpan<byte> utf8Json, ProblemCollector problems) =>
        Read(utf8Json, DocumentKinds.EnterpriseProfile, problems, static (ref StrictJsonReader r) => r.ReadEnterpriseProfile());

    private EnterpriseRiskProfile ReadEnterpriseProfile()
    {
        ExpectObject("An enterprise profile is a JSON object.");
        string? id = null, owner = null, creditCode = null, industry = null, jurisdiction = null, address = null, insurer = null;
        long revision = 0;
        LocalizedText? name = null;
        GeoGeometry? location = null;
        int employees = 0;
        bool hazardousChemicals = false, majorHazardSource = false, insured = false;
        RiskGrade riskGrade = default;
        List<EnterprisePeriod>? periods = null;
        DateTimeOffset updatedAt = default;
        var members = new MemberSet();
        while (NextMember())
        {
            var memberName = _reader.ValueSpan;
            var member = memberName.Length switch
            {
                1 when memberName.SequenceEqual("v"u8) => 0,
                2 when memberName.SequenceEqual("id"u8) => 2,
                4 when memberName.SequenceEqual("kind"u8) => 1,
                4 when memberName.SequenceEqual("name"u8) => 6,
                5 when memberName.SequenceEqual("owner"u8) => 3,
                7 when memberName.SequenceEqual("address"u8) => 9,
                7 when memberName.SequenceEqual("periods"u8) => 15,
                7 when memberName.SequenceEqual("insured"u8) => 16,
                7 when memberName.SequenceEqual("insurer"u8) => 17,
                8 when memberName.SequenceEqual("revision"u8) => 4,
                8 when memberName.SequenceEqual("industry"u8) => 7,
                8 when memberName.SequenceEqual("location"u8) => 10,
                9 when memberName.SequenceEqual("employees"u8) => 11,
                9 when memberName.SequenceEqual("riskGrade"u8) => 14,
                9 when memberName.SequenceEqual("updatedAt"u8) => 18,
                10 when memberName.SequenceEqual("creditCode"u8) => 5,
                12 when memberName.SequenceEqual("jurisdiction"u8) => 8,
                17 when memberName.SequenceEqual("majorHazardSource"u8) => 13,
                18 when memberName.SequenceEqual("hazardousChemicals"u8) => 12,
                _ => -1,
            };
            EnterMember(ref members, member);
            switch (member)
            {
                case 0: ReadVersion(); break;
                case 1: ReadKind(); break;
                case 2: id = ReadString(); break;
                case 3: owner = ReadString(); break;
                case 4: revision = ReadInt64(); break;
                case 5: creditCode = ReadString(); break;
                case 6: name = ReadLocalizedText(); break;
                case 7: industry = ReadString(); break;
                case 8: jurisdiction = ReadString(); break;
                case 9: address = ReadNullableString(); break;
                case 10: location = ReadGeometry(); break;
                case 11: employees = ReadInt32(); break;
                case 12: hazardousChemicals = ReadBoolean(); break;
                case 13: majorHazardSource = ReadBoolean(); break;
                case 14: riskGrade = ReadEnum<RiskGrade>(); break;
                case 15: periods = ReadArray(static (ref StrictJsonReader r) => r.ReadEnterprisePeriod()); break;
                case 16: insured = ReadBoolean(); break;
                case 17: insurer = ReadNullableString(); break;
                default: updatedAt = ReadDateTime(); break;
            }

            _path.Pop();
        }

        members.ThrowIfMissing(this,
        [
            "v", "kind", "id", "owner", "revision", "creditCode", "name", "industry", "jurisdiction", null, "location", "employees",
            "hazardousChemicals", "majorHazardSource", "riskGrade", null, "insured", null, "updatedAt",
        ]);
        return new EnterpriseRiskProfile
        {
            Id = id!,
            Owner = owner!,
            Revision = revision,
            CreditCode = creditCode!,
            Name = name!,
            Industry = industry!,
            Jurisdiction = jurisdiction!,
            Address = address,
            Location = location!,
            Employees = employees,
            HazardousChemicals = hazardousChemicals,
            MajorHazardSource = majorHazardSource,
            RiskGrade = riskGrade,
            Periods = periods ?? [],
            Insured = insured,
            Insurer = insurer,
            UpdatedAt = updatedAt,
        };
    }

    private EnterprisePeriod ReadEnterprisePeriod()
    {
        ExpectObject("A reporting period is a JSON object.");
        DateTimeOffset from = default, to = default;
        Span<int> figures = stackalloc int[9];
        var members = new MemberSet();
        while (NextMember())
        {
            var memberName = _reader.ValueSpan;
            var member = memberName.Length switch
            {
                2 when memberName.SequenceEqual("to"u8) => 1,
                4 when memberName.SequenceEqual("from"u8) => 0,
                6 when memberName.SequenceEqual("deaths"u8) => 9,
                8 when memberName.SequenceEqual("injuries"u8) => 10,
                9 when memberName.SequenceEqual("penalties"u8) => 7,
                9 when memberName.SequenceEqual("accidents"u8) => 8,
                11 when memberName.SequenceEqual("inspections"u8) => 2,
                18 when memberName.SequenceEqual("hiddenDangersFound"u8) => 3,
                18 when memberName.SequenceEqual("majorHiddenDangers"u8) => 6,
                20 when memberName.SequenceEqual("hiddenDangersOverdue"u8) => 5,
                22 when memberName.SequenceEqual("hiddenDangersRectified"u8) => 4,
                _ => -1,
            };
            EnterMember(ref members, member);
            switch (member)
            {
                case 0: from = ReadDateTime(); break;
                case 1: to = ReadDateTime(); break;
                default: figures[member - 2] = ReadInt32(); break;
            }

            _path.Pop();
        }

        members.ThrowIfMissing(this,
        [
            "from", "to", "inspections", "hiddenDangersFound", "hiddenDangersRectified", "hiddenDangersOverdue", "majorHiddenDangers", "penalties", "accidents",
        ]);
        return new EnterprisePeriod
        {
            From = from,
            To = to,
            Inspections = figures[0],
            HiddenDangersFound = figures[1],
            HiddenDangersRectified = figures[2],
            HiddenDangersOverdue = figures[3],
            MajorHiddenDangers = figures[4],
            Penalties = figures[5],
            Accidents = figures[6],
            Deaths = figures[7],
            Injuries = figures[8],
        };
    }
}
