#!/usr/bin/env python3
"""Writes conformance/resources/*.json: language-neutral vectors for the pooling documents (docs/resources.md, "Vectors").

Each vector: id, description, kind, the document, and the exact error codes a reader and validator must give
(empty for a valid document). Run from the repository root after changing a case: python3 conformance/make-resource-vectors.py
"""
import copy, json, os

HOME = {"type": "Point", "coordinates": [113.1214, 23.0215]}
HARBOUR = {"type": "Point", "coordinates": [113.5355, 22.196]}

RESOURCE = {
    "kind": "resource", "v": 1, "id": "fs-rescue-boats", "owner": "foshan-em", "revision": 1, "type": "boat",
    "name": {"zh-CN": "佛山市消防救援支队冲锋舟", "en": "Foshan fire and rescue assault boats"},
    "quantity": 10, "unit": "boat", "capabilities": [{"name": "seats", "value": 12, "unit": "1"}],
    "home": HOME, "jurisdiction": "440604", "status": "Available", "updatedAt": "2026-09-15T08:00:00+08:00",
    "scope": "Restricted", "audience": ["group:gba"],
}
REQUEST = {
    "kind": "resource-request", "v": 1, "id": "mo-typhoon-0915", "owner": "macau-smg", "revision": 1,
    "incident": {"owner": "macau-smg", "id": "mo-typhoon-yagi-flood"},
    "title": {"zh-Hant": "颱風水浸救援", "en": "Typhoon flooding rescue"},
    "items": [
        {"type": "boat", "quantity": 6, "deliverTo": HARBOUR, "neededBy": "2026-09-15T11:00:00+08:00"},
        {"type": "drainage-pump", "quantity": 4, "capabilities": [{"name": "pumpCapacity", "atLeast": 300, "unit": "m3/h"}],
         "deliverTo": HARBOUR, "neededBy": "2026-09-15T11:00:00+08:00", "neededUntil": "2026-09-17T11:00:00+08:00"},
    ],
    "jurisdiction": "820000", "state": "Open", "updatedAt": "2026-09-15T08:00:00+08:00",
    "note": "Inner Harbour flooded to 1.5 m.", "scope": "Restricted", "audience": ["group:gba"],
}
OFFER = {
    "kind": "resource-offer", "v": 1, "id": "fs-offer-0915", "owner": "foshan-em", "revision": 1,
    "request": {"owner": "macau-smg", "id": "mo-typhoon-0915", "item": 0}, "resourceId": "fs-rescue-boats", "quantity": 4,
    "expiresAt": "2026-09-15T20:00:00+08:00", "state": "Open", "updatedAt": "2026-09-15T08:20:00+08:00",
    "scope": "Private", "recipients": ["macau-smg"],
}
COMMITMENT = {
    "kind": "resource-commitment", "v": 1, "id": "mo-c-fs-0915", "owner": "macau-smg", "revision": 1,
    "offer": {"owner": "foshan-em", "id": "fs-offer-0915"}, "request": {"owner": "macau-smg", "id": "mo-typhoon-0915", "item": 0},
    "quantity": 4, "committedAt": "2026-09-15T08:30:00+08:00", "note": "Report to the Inner Harbour fire post.",
}
REPORT = {
    "kind": "resource-status-report", "v": 1, "id": "fs-c-0915-enroute", "owner": "foshan-em", "revision": 1,
    "commitment": {"owner": "macau-smg", "id": "mo-c-fs-0915"}, "status": "EnRoute", "reportedAt": "2026-09-15T08:50:00+08:00",
    "location": {"type": "Point", "coordinates": [113.39, 22.52]},
}
RELEASE = {
    "kind": "resource-release", "v": 1, "id": "mo-c-fs-0915-release", "owner": "macau-smg", "revision": 1,
    "commitmentId": "mo-c-fs-0915", "provider": "foshan-em", "quantity": 4, "releasedAt": "2026-09-16T16:00:00+08:00",
}

def case(name, description, base, change=None, remove=()):
    document = copy.deepcopy(base)
    for key in remove:
        del document[key]
    if change:
        change(document)
    return name, description, document

def setting(**values):
    return lambda d: d.update(values)

CASES = [
    case("valid-resource", "Ten assault boats of Foshan, Restricted to the mutual-aid group gba.", RESOURCE),
    case("valid-resource-namespaced-type", "A type of the partner's own namespace, Public, out of service.", RESOURCE,
         setting(type="macau:amphibious-vehicle", status="OutOfService", scope="Public", audience=[], capabilities=[])),
    case("valid-request", "Macau asks the group gba for 6 boats and 4 pumps of at least 300 m3/h.", REQUEST),
    case("valid-request-cancelled", "A later revision cancels the request.", REQUEST, setting(revision=2, state="Cancelled", updatedAt="2026-09-15T09:00:00+08:00")),
    case("valid-offer", "Foshan offers 4 boats for item 0 of Macau's request until 20:00.", OFFER),
    case("valid-offer-withdrawn", "Revision 2 withdraws the offer.", OFFER, setting(revision=2, state="Withdrawn", updatedAt="2026-09-15T09:00:00+08:00")),
    case("valid-offer-unsolicited", "An offer without a request, Restricted to the group.", OFFER, lambda d: (d.pop("request"), d.update(scope="Restricted", audience=["group:gba"], recipients=[]))),
    case("valid-commitment", "Macau commits Foshan's 4 boats to item 0 of its request.", COMMITMENT),
    case("valid-status-report", "Foshan's boats are en route.", REPORT),
    case("valid-release", "Macau releases the 4 boats.", RELEASE),
    case("invalid-resource-id", "An entity id holds letters, digits and . _ - : only.", RESOURCE, setting(id="boats 1")),
    case("invalid-resource-revision", "The first revision is 1.", RESOURCE, setting(revision=0)),
    case("invalid-resource-type", "A type not in the list and not namespaced.", RESOURCE, setting(type="hovercraft")),
    case("invalid-resource-name-blank", "A resource needs a name in some language.", RESOURCE, setting(name={"en": " "})),
    case("invalid-resource-negative-quantity", "A resource has 0 or more.", RESOURCE, setting(quantity=-1)),
    case("invalid-resource-unit", "A unit is not padded.", RESOURCE, setting(unit=" boat")),
    case("invalid-resource-capability-twice", "Each capability once.", RESOURCE, setting(capabilities=[{"name": "seats", "value": 12, "unit": "1"}, {"name": "seats", "value": 10, "unit": "1"}])),
    case("invalid-resource-capability-name", "A capability name is lower camel case.", RESOURCE, setting(capabilities=[{"name": "Pump Capacity", "value": 500, "unit": "m3/h"}])),
    case("invalid-resource-home-polygon", "A resource's home is a Point.", RESOURCE, setting(home={"type": "Polygon", "coordinates": [[[113, 23], [113.1, 23], [113.1, 23.1], [113, 23]]]})),
    case("invalid-resource-home-range", "GeoJSON puts longitude first: latitude 113 is out of range.", RESOURCE, setting(home={"type": "Point", "coordinates": [23.02, 113.12]})),
    case("invalid-resource-jurisdiction", "A jurisdiction is a six-digit GB/T 2260 code.", RESOURCE, setting(jurisdiction="4406")),
    case("invalid-resource-restricted-without-audience", "A Restricted resource names its audience.", RESOURCE, setting(audience=[])),
    case("invalid-resource-status", "The status is Available, Deployed or OutOfService.", RESOURCE, setting(status="Busy")),
    case("invalid-resource-unknown-member", "Unknown members are refused.", RESOURCE, setting(available=6)),
    case("invalid-resource-missing-home", "The home is required.", RESOURCE, remove=("home",)),
    case("invalid-request-no-items", "A request asks for at least one item.", REQUEST, setting(items=[])),
    case("invalid-request-derived-state", "Filled follows from the commitments; a request does not publish it.", REQUEST, setting(revision=2, state="Filled")),
    case("invalid-request-first-revision-closed", "Revision 1 opens the request.", REQUEST, setting(state="Closed")),
    case("invalid-request-item-quantity", "An item asks for 1 or more.", REQUEST, lambda d: d["items"][0].update(quantity=0)),
    case("invalid-request-item-type", "An item's type is from the list.", REQUEST, lambda d: d["items"][0].update(type="ship")),
    case("invalid-request-needed-until-before", "Needed until is after needed by.", REQUEST, lambda d: d["items"][1].update(neededUntil="2026-09-15T10:00:00+08:00")),
    case("invalid-request-requirement-value", "A requirement's least value is a number.", REQUEST, lambda d: d["items"][1]["capabilities"][0].update(atLeast="300")),
    case("invalid-request-title-missing", "A request needs a title.", REQUEST, setting(title={"en": ""})),
    case("invalid-request-incident-reference", "The incident is named by a partner id and an entity id.", REQUEST, setting(incident={"owner": "Macau SMG", "id": "x"})),
    case("invalid-request-private-without-recipients", "A Private request names the partners asked.", REQUEST, setting(scope="Private", audience=[], recipients=[])),
    case("invalid-offer-zero", "An offer is for 1 or more.", OFFER, setting(quantity=0)),
    case("invalid-offer-expires-before-made", "An offer expires after it is made.", OFFER, setting(expiresAt="2026-09-15T08:00:00+08:00")),
    case("invalid-offer-first-revision-withdrawn", "Revision 1 makes the offer Open.", OFFER, setting(state="Withdrawn")),
    case("invalid-offer-third-revision", "An offer has revisions 1 and 2 only.", OFFER, setting(revision=3, state="Withdrawn")),
    case("invalid-offer-item-index", "Item indexes start at 0.", OFFER, lambda d: d["request"].update(item=-1)),
    case("invalid-offer-resource-id", "The resource is named by an entity id.", OFFER, setting(resourceId="")),
    case("invalid-commitment-other-request", "A partner commits to its own request only.", COMMITMENT, lambda d: d["request"].update(owner="zhuhai-em")),
    case("invalid-commitment-second-revision", "A commitment has one revision.", COMMITMENT, setting(revision=2)),
    case("invalid-commitment-offer-reference", "The offer is named by owner and id.", COMMITMENT, setting(offer={"owner": "foshan-em", "id": "bad id"})),
    case("invalid-commitment-missing-offer", "The offer is required.", COMMITMENT, remove=("offer",)),
    case("invalid-status-report-status", "A status is EnRoute, OnScene, Demobilized or Returned.", REPORT, setting(status="Arrived")),
    case("invalid-status-report-location", "A reported location is a Point within range.", REPORT, setting(location={"type": "Point", "coordinates": [200, 22.5]})),
    case("invalid-release-provider", "The provider is a partner id.", RELEASE, setting(provider="Foshan EM")),
    case("invalid-release-zero", "A release is for 1 or more.", RELEASE, setting(quantity=0)),
    case("invalid-release-commitment-id", "The commitment is named by an entity id.", RELEASE, setting(commitmentId="c 1")),
]

folder = os.path.join("conformance", "resources")
os.makedirs(folder, exist_ok=True)
for name in os.listdir(folder):
    os.remove(os.path.join(folder, name))
for name, description, document in CASES:
    vector = {"id": name, "description": description, "kind": document.get("kind", "resource"), "document": document, "expectedProblems": []}
    with open(os.path.join(folder, name + ".json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(vector, ensure_ascii=False, indent=2) + "\n")
print(f"{len(CASES)} vectors in {folder}")
