#!/usr/bin/env python3
"""Writes conformance/vectors/*.json: language-neutral publish cases for every CityRisk exchange implementation.

Each vector: id, description, format (cap-xml | cityrisk-json), the document with placeholders {{identifier}},
{{sender}} (the publisher's CAP sender) and {{sent}} (an RFC 3339 time), the restriction roles to publish with,
and the problem codes (errors) the exchange must refuse it with; empty for a valid vector, which must be accepted.
Run it from the repository root after changing a case: python3 conformance/make-vectors.py
"""
import json, os

CAP_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>{{identifier}}</identifier>
  <sender>{{sender}}</sender>
  <sent>{{sent}}</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>%s</scope>%s
  <info>
    <language>zh-CN</language>
    <category>%s</category>
    <event>%s</event>
    <urgency>%s</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <headline>%s</headline>
    <parameter>
      <valueName>CityRisk:level</valueName>
      <value>%s</value>
    </parameter>
    <area>
      <areaDesc>%s</areaDesc>
%s
    </area>
  </info>
</alert>
"""

def cap(scope="Public", extra="", category="Met", event="台风", urgency="Expected", headline="佛山市台风橙色预警", level="Orange",
        area_desc="佛山市", shapes="      <polygon>22.9,112.9 22.9,113.3 23.2,113.3 23.2,112.9 22.9,112.9</polygon>\n      <geocode>\n        <valueName>GB/T 2260</valueName>\n        <value>440600</value>\n      </geocode>"):
    return CAP_HEAD % (scope, extra, category, event, urgency, headline, level, area_desc, shapes)

def js(**override):
    doc = {
        "kind": "alert", "v": 1,
        "identifier": "{{identifier}}", "sender": "{{sender}}", "sent": "{{sent}}",
        "status": "Actual", "msgType": "Alert", "scope": "Public",
        "info": [{
            "language": "zh-CN", "categories": ["Met"], "event": "暴雨", "urgency": "Expected", "severity": "Moderate",
            "certainty": "Likely", "level": "Yellow", "domain": "NaturalDisaster", "headline": "深圳市暴雨黄色预警",
            "areas": [{"description": "深圳市", "circles": [{"center": [114.06, 22.54], "radiusKm": 15}],
                       "geocodes": [{"valueName": "GB/T 2260", "value": "440300"}]}],
        }],
    }
    for key, value in override.items():
        if key.startswith("info_"):
            doc["info"][0][key[5:]] = value
        else:
            doc[key] = value
    return json.dumps(doc, ensure_ascii=False, indent=2)

VECTORS = [
    ("valid-cap-public", "A Public CAP 1.2 typhoon warning with a polygon and a GB/T 2260 geocode.", "cap-xml", cap(), [], []),
    ("valid-cap-restricted", "A Restricted CAP alert published with a lifeline-operator audience.", "cap-xml",
     cap(scope="Restricted", extra="\n  <restriction>燃气等生命线运营单位</restriction>", category="Infra", event="燃气管道压力异常", headline="燃气支线压力异常", level="Yellow"),
     ["lifeline-operator"], []),
    ("valid-json-circle", "A CityRisk JSON rainstorm warning whose area is a circle (GeoJSON order: longitude, latitude).", "cityrisk-json", js(), [], []),
    ("valid-json-bilingual", "A CityRisk JSON alert with two info blocks (zh-Hant and pt), as Macau publishes.", "cityrisk-json",
     json.dumps({**json.loads(js()), "info": [
         {**json.loads(js())["info"][0], "language": "zh-Hant", "headline": "澳門風暴潮警告"},
         {**json.loads(js())["info"][0], "language": "pt", "event": "Storm surge", "headline": "Aviso de storm surge em Macau"}]}, ensure_ascii=False, indent=2), [], []),
    ("invalid-cap-polygon-not-closed", "A polygon whose last point is not its first (CAP 1.2 3.3.2.1).", "cap-xml",
     cap(shapes="      <polygon>22.9,112.9 22.9,113.3 23.2,113.3 23.2,112.9 22.95,112.9</polygon>"), [], ["CAP-POLYGON-NOT-CLOSED"]),
    ("invalid-cap-polygon-too-few-points", "A polygon of three points (CAP 1.2 needs four, first and last equal).", "cap-xml",
     cap(shapes="      <polygon>22.9,112.9 22.9,113.3 22.9,112.9</polygon>"), [], ["CAP-POLYGON-TOO-FEW-POINTS"]),
    ("invalid-cap-coordinate-range", "A polygon point with latitude 95 (WGS 84 range).", "cap-xml",
     cap(shapes="      <polygon>95,112.9 22.9,113.3 23.2,113.3 95,112.9</polygon>"), [], ["CAP-COORDINATE-RANGE"]),
    ("invalid-cap-urgency", "An urgency outside CAP's list (Soon).", "cap-xml", cap(urgency="Soon"), [], ["CAP-ENUM-INVALID"]),
    ("invalid-cap-restricted-without-restriction", "Scope Restricted without a <restriction> (CAP 1.2 3.2.1).", "cap-xml",
     cap(scope="Restricted"), ["lifeline-operator"], ["CAP-RESTRICTION-REQUIRED"]),
    ("invalid-cap-level-unknown", "A CityRisk:level parameter that is not one of China's four colours.", "cap-xml", cap(level="Purple"), [], ["CITYRISK-LEVEL-UNKNOWN"]),
    ("invalid-cap-geocode", "A GB/T 2260 geocode that is not a six-digit division code.", "cap-xml",
     cap(shapes="      <geocode>\n        <valueName>GB/T 2260</valueName>\n        <value>44060</value>\n      </geocode>"), [], ["CITYRISK-GEOCODE-INVALID"]),
    ("invalid-cap-circle-radius", "A circle with a negative radius.", "cap-xml",
     cap(shapes="      <circle>22.54,114.06 -5</circle>"), [], ["CAP-CIRCLE-RADIUS"]),
    ("invalid-json-unknown-member", "A CityRisk JSON alert with a member the format does not define.", "cityrisk-json", js(urgentFlag=True), [], ["JSON-INVALID"]),
    ("invalid-json-version", "A CityRisk JSON document of a version this standard does not define.", "cityrisk-json", js(v=9), [], ["JSON-VERSION-UNSUPPORTED"]),
]

folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "vectors")
os.makedirs(folder, exist_ok=True)
for name in os.listdir(folder):
    if name.endswith(".json"):
        os.remove(os.path.join(folder, name))
for vid, description, fmt, document, roles, problems in VECTORS:
    with open(os.path.join(folder, vid + ".json"), "w", encoding="utf-8") as f:
        json.dump({"id": vid, "description": description, "format": fmt, "restrictionRoles": roles,
                   "expectedProblems": problems, "document": document}, f, ensure_ascii=False, indent=2)
        f.write("\n")
print(f"{len(VECTORS)} vectors in {folder}")
