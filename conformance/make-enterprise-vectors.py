#!/usr/bin/env python3
"""Writes the enterprise vectors (docs/insurers.md, "Vectors"):

- conformance/enterprises/*.json: profiles with the exact error codes a reader and validator must give (none when valid);
- conformance/enterprise-indicators/*.json: profiles with each period's indicators and risk score, computed here by an
  implementation of docs/insurers.md independent of the .NET one, which must give the same values.

Run from the repository root after changing a case: python3 conformance/make-enterprise-vectors.py
"""
import copy, json, os
from datetime import datetime

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"

def credit_code(first17):
    total = sum(ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    check = 31 - total % 31
    return first17 + ALPHABET[0 if check == 31 else check]

CODE = credit_code("91440605MA4W7K8P3")

def period(year, found=12, rectified=10, overdue=1, major=1, accidents=0, deaths=0, injuries=0, inspections=4, penalties=1):
    return {"from": f"{year}-01-01T00:00:00+08:00", "to": f"{year + 1}-01-01T00:00:00+08:00", "inspections": inspections,
            "hiddenDangersFound": found, "hiddenDangersRectified": rectified, "hiddenDangersOverdue": overdue,
            "majorHiddenDangers": major, "penalties": penalties, "accidents": accidents, "deaths": deaths, "injuries": injuries}

PROFILE = {
    "kind": "enterprise-profile", "v": 1, "id": CODE, "owner": "foshan-yjj", "revision": 1, "creditCode": CODE,
    "name": {"zh-CN": "佛山市南海区某化工有限公司", "en": "A Nanhai chemical company"},
    "industry": "C2614", "jurisdiction": "440605", "address": "佛山市南海区狮山镇", "location": {"type": "Point", "coordinates": [113.02, 23.13]},
    "employees": 180, "hazardousChemicals": True, "majorHazardSource": True, "riskGrade": "Significant",
    "periods": [period(2024, found=15, rectified=15, overdue=0, major=0), period(2025, found=12, rectified=9, overdue=2, major=1, accidents=1, injuries=2)],
    "insured": True, "insurer": "pingan-insurance", "updatedAt": "2026-01-15T10:00:00+08:00",
}

def case(name, description, change=None, remove=()):
    document = copy.deepcopy(PROFILE)
    for key in remove:
        del document[key]
    if change:
        change(document)
    return name, description, document

def setting(**values):
    return lambda d: d.update(values)

def in_period(index, **values):
    return lambda d: d["periods"][index].update(values)

CASES = [
    case("valid-profile", "A Nanhai chemical company with two yearly periods, insured."),
    case("valid-profile-uninsured-no-periods", "Not insured, no period reported yet, low risk.", setting(insured=False, insurer=None, periods=[], riskGrade="Low", hazardousChemicals=False, majorHazardSource=False)),
    case("invalid-credit-code-check", "The last character of the credit code is not its check character.", lambda d: d.update(creditCode=CODE[:-1] + ("0" if CODE[-1] != "0" else "1"), id=CODE[:-1] + ("0" if CODE[-1] != "0" else "1"))),
    case("invalid-credit-code-letter", "A credit code never holds I, O, S, V or Z.", lambda d: d.update(creditCode="91440605MA4W7K8PO" + CODE[-1], id="91440605MA4W7K8PO" + CODE[-1])),
    case("invalid-credit-code-length", "A credit code has 18 characters.", lambda d: d.update(creditCode=CODE[:-2], id=CODE[:-2])),
    case("invalid-id-not-credit-code", "The profile's id is its credit code.", setting(id="nanhai-chemical")),
    case("invalid-owner", "The owner is a partner id.", setting(owner="Foshan YJJ")),
    case("invalid-revision", "The first revision is 1.", setting(revision=0)),
    case("invalid-name-blank", "A profile names the enterprise.", setting(name={"zh-CN": " "})),
    case("invalid-industry", "An industry is a GB/T 4754 code.", setting(industry="2614")),
    case("invalid-jurisdiction", "A jurisdiction is six digits.", setting(jurisdiction="4406")),
    case("invalid-location-polygon", "A location is a Point.", setting(location={"type": "Polygon", "coordinates": [[[113, 23], [113.1, 23], [113.1, 23.1], [113, 23]]]})),
    case("invalid-employees-negative", "Employees are 0 or more.", setting(employees=-1)),
    case("invalid-rectified-exceeds-found", "Rectified hidden dangers cannot exceed those found.", in_period(1, hiddenDangersRectified=13)),
    case("invalid-overdue-exceeds-open", "Overdue hidden dangers are among those not rectified.", in_period(1, hiddenDangersOverdue=4)),
    case("invalid-major-exceeds-found", "Major hidden dangers are among those found.", in_period(0, majorHiddenDangers=16)),
    case("invalid-casualties-without-accident", "Injuries without an accident.", in_period(0, injuries=1)),
    case("invalid-negative-count", "Counts are 0 or more.", in_period(0, penalties=-1)),
    case("invalid-period-reversed", "A period ends after it starts.", in_period(0, to="2023-06-01T00:00:00+08:00")),
    case("invalid-periods-overlap", "Two periods overlap.", in_period(1, **{"from": "2024-07-01T00:00:00+08:00"})),
    case("invalid-insurer-uninsured", "An enterprise that is not insured names no insurer.", setting(insured=False)),
    case("invalid-risk-grade", "A risk grade is Major, Significant, General or Low.", setting(riskGrade="High")),
    case("invalid-unknown-member", "Unknown members are refused.", setting(score=42)),
    case("invalid-missing-credit-code", "The credit code is required.", remove=("creditCode",)),
]

def clean(document):
    return {k: v for k, v in document.items() if v is not None}

def write(folder, name, vector):
    with open(os.path.join(folder, name + ".json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(vector, ensure_ascii=False, indent=2) + "\n")

folder = os.path.join("conformance", "enterprises")
os.makedirs(folder, exist_ok=True)
for name in os.listdir(folder):
    os.remove(os.path.join(folder, name))
for name, description, document in CASES:
    write(folder, name, {"id": name, "description": description, "kind": "enterprise-profile", "document": clean(document), "expectedProblems": []})

# The indicators, by docs/insurers.md, written independently of the .NET implementation.
WEIGHTS = {"Major": 40, "Significant": 28, "General": 16, "Low": 6}

def days(p):
    return (datetime.fromisoformat(p["to"]) - datetime.fromisoformat(p["from"])).total_seconds() / 86400

def indicators(profile, p):
    found = p["hiddenDangersFound"]
    rectification = p["hiddenDangersRectified"] / found if found > 0 else None
    overdue = p["hiddenDangersOverdue"] / found if found > 0 else None
    per_year = p["accidents"] * 365.0 / days(p)
    per100 = per_year * 100.0 / profile["employees"] if profile["employees"] > 0 else None
    score = WEIGHTS[profile["riskGrade"]] + (8 if profile["hazardousChemicals"] else 0) + (8 if profile["majorHazardSource"] else 0)
    score += 14 * (overdue or 0) + 10 * ((1 - rectification) if rectification is not None else 0)
    score += 2 * min(p["majorHiddenDangers"], 5) + 5 * min(per100 or 0, 2)
    score = min(100, score)
    rounded = int(score * 10 + 0.5 + 1e-9) / 10  # half away from zero; scores are never negative
    return {"rectificationRate": rectification, "overdueRate": overdue, "majorHiddenDangers": p["majorHiddenDangers"],
            "accidentsPerYear": per_year, "accidentsPer100Employees": per100, "riskScore": rounded}

INDICATOR_CASES = [
    ("nanhai-chemical", "The worked example of docs/insurers.md: a Significant chemical company with a major hazard source.", PROFILE),
    ("low-risk-workshop", "A Low-grade workshop with nothing found: no rates, a score of its grade alone.",
     dict(PROFILE, riskGrade="Low", hazardousChemicals=False, majorHazardSource=False, employees=25, periods=[period(2025, found=0, rectified=0, overdue=0, major=0)])),
    ("major-everything-capped", "A Major site at every cap: the score stops at 100.",
     dict(PROFILE, riskGrade="Major", employees=40, periods=[period(2025, found=10, rectified=0, overdue=10, major=9, accidents=3, deaths=1, injuries=4)])),
    ("half-year-period", "A six-month period: accidents scaled to a year.",
     dict(PROFILE, employees=500, periods=[{"from": "2025-01-01T00:00:00+08:00", "to": "2025-07-01T00:00:00+08:00", "inspections": 2, "hiddenDangersFound": 8,
        "hiddenDangersRectified": 7, "hiddenDangersOverdue": 1, "majorHiddenDangers": 0, "penalties": 0, "accidents": 2, "deaths": 0, "injuries": 3}])),
    ("no-employees", "An enterprise with no employees recorded: no per-100 rate, no accident points.",
     dict(PROFILE, employees=0, riskGrade="General", periods=[period(2025, found=4, rectified=4, overdue=0, major=0, accidents=1, injuries=1)])),
]
folder = os.path.join("conformance", "enterprise-indicators")
os.makedirs(folder, exist_ok=True)
for name in os.listdir(folder):
    os.remove(os.path.join(folder, name))
for name, description, profile in INDICATOR_CASES:
    write(folder, name, {"id": name, "description": description, "profile": clean(profile), "expected": [indicators(profile, p) for p in profile["periods"]]})

with open(os.path.join("samples", "enterprises", "nanhai-chemical.json"), "w", encoding="utf-8") as f:
    f.write(json.dumps(clean(PROFILE), ensure_ascii=False, indent=2) + "\n")

# Grants (docs/insurers.md, "Access"): an agreement and a consent, and what is wrong with each.
AGREEMENT = {
    "kind": "enterprise-grant", "v": 1, "id": "nanhai-chemicals-2026", "owner": "foshan-yjj", "revision": 1, "insurer": "pingan-insurance",
    "basis": "Agreement", "jurisdiction": "440605", "industries": ["C26"],
    "validFrom": "2026-01-01T00:00:00+08:00", "validUntil": "2027-01-01T00:00:00+08:00", "state": "Active",
    "updatedAt": "2026-01-02T09:00:00+08:00", "note": "Nanhai district agreement on chemical raw materials",
}
CONSENT = {
    "kind": "enterprise-grant", "v": 1, "id": "consent-" + CODE, "owner": "foshan-yjj", "revision": 1, "insurer": "pingan-insurance",
    "basis": "Consent", "creditCode": CODE, "consentReference": "FS-YJJ-2026-0042",
    "validFrom": "2026-01-01T00:00:00+08:00", "validUntil": "2027-01-01T00:00:00+08:00", "state": "Active", "updatedAt": "2026-01-02T09:00:00+08:00",
}

def grant(base, name, description, change=None, remove=()):
    document = copy.deepcopy(base)
    for key in remove:
        del document[key]
    if change:
        change(document)
    return name, description, document

GRANT_CASES = [
    grant(AGREEMENT, "valid-agreement", "Foshan's regulator agrees with an insurer on Nanhai's chemical raw-material makers for 2026."),
    grant(CONSENT, "valid-consent", "One enterprise consents to its insurer reading its profile."),
    grant(AGREEMENT, "valid-revoked", "Revision 2 revokes the agreement.", setting(revision=2, state="Revoked", updatedAt="2026-06-01T09:00:00+08:00", note="contract ended")),
    grant(AGREEMENT, "invalid-agreement-without-industries", "An agreement names its industries.", setting(industries=[])),
    grant(AGREEMENT, "invalid-agreement-without-jurisdiction", "An agreement names its division.", remove=("jurisdiction",)),
    grant(AGREEMENT, "invalid-agreement-with-credit-code", "A credit code belongs to a consent.", setting(creditCode=CODE)),
    grant(AGREEMENT, "invalid-agreement-industry", "Industries are GB/T 4754 codes.", setting(industries=["C26", "26"])),
    grant(AGREEMENT, "invalid-agreement-jurisdiction", "A division is six digits.", setting(jurisdiction="4406")),
    grant(CONSENT, "invalid-consent-without-reference", "A consent says where it is kept.", remove=("consentReference",)),
    grant(CONSENT, "invalid-consent-credit-code", "The consenting enterprise's credit code has its check character.", setting(creditCode=CODE[:-1] + ("0" if CODE[-1] != "0" else "1"))),
    grant(CONSENT, "invalid-consent-with-industries", "Industries belong to an agreement.", setting(industries=["C26"])),
    grant(AGREEMENT, "invalid-validity-reversed", "A grant ends after it starts.", setting(validUntil="2025-12-31T00:00:00+08:00")),
    grant(AGREEMENT, "invalid-insurer-is-owner", "A regulator does not grant access to itself.", setting(insurer="foshan-yjj")),
    grant(AGREEMENT, "invalid-basis", "A basis is Consent or Agreement.", setting(basis="Contract")),
    grant(AGREEMENT, "invalid-state", "A state is Active or Revoked.", setting(state="Suspended")),
]
folder = os.path.join("conformance", "enterprise-grants")
os.makedirs(folder, exist_ok=True)
for name in os.listdir(folder):
    os.remove(os.path.join(folder, name))
for name, description, document in GRANT_CASES:
    write(folder, name, {"id": name, "description": description, "kind": "enterprise-grant", "document": clean(document), "expectedProblems": []})
for name, document in (("nanhai-agreement", AGREEMENT), ("nanhai-consent", CONSENT)):
    with open(os.path.join("samples", "enterprises", name + ".json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(clean(document), ensure_ascii=False, indent=2) + "\n")
print(f"{len(CASES)} document vectors, {len(INDICATOR_CASES)} indicator vectors, {len(GRANT_CASES)} grant vectors, credit code {CODE}")
