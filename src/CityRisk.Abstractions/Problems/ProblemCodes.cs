namespace CityRisk.Problems;

/// <summary>
/// The stable problem codes every CityRisk implementation reports for the same problems.
/// docs/errors.md lists each with its rule; the conformance kit checks them.
/// </summary>
public static class ProblemCodes
{
    // Documents in general.

    /// <summary>The document has no content.</summary>
    public const string DocumentEmpty = "DOC-EMPTY";

    /// <summary>The document is larger than the configured limit.</summary>
    public const string DocumentTooLarge = "DOC-TOO-LARGE";

    /// <summary>The document is neither CAP XML nor CityRisk JSON.</summary>
    public const string DocumentFormatUnknown = "DOC-FORMAT-UNKNOWN";

    // XML.

    /// <summary>The XML is not well formed (or is truncated).</summary>
    public const string XmlMalformed = "XML-MALFORMED";

    /// <summary>The XML carries a document type declaration; DTDs and entities are refused without being resolved.</summary>
    public const string XmlDtdProhibited = "XML-DTD-PROHIBITED";

    /// <summary>The XML uses XInclude; it is refused without being resolved.</summary>
    public const string XmlXIncludeProhibited = "XML-XINCLUDE-PROHIBITED";

    /// <summary>A text holds a character XML cannot carry (a control character or a lone surrogate).</summary>
    public const string XmlCharacterInvalid = "XML-CHARACTER-INVALID";

    /// <summary>The XML nests elements deeper than the configured limit.</summary>
    public const string XmlTooDeep = "XML-TOO-DEEP";

    // CAP structure.

    /// <summary>The root element is not a CAP 1.0, 1.1 or 1.2 <c>alert</c>.</summary>
    public const string CapRootUnexpected = "CAP-ROOT-UNEXPECTED";

    /// <summary>An element that CAP does not define at that place.</summary>
    public const string CapElementUnknown = "CAP-ELEMENT-UNKNOWN";

    /// <summary>An element out of the order the CAP schema fixes.</summary>
    public const string CapElementOrder = "CAP-ELEMENT-ORDER";

    /// <summary>An element that may appear once appears again.</summary>
    public const string CapElementDuplicate = "CAP-ELEMENT-DUPLICATE";

    /// <summary>An element that holds text holds child elements.</summary>
    public const string CapElementNotSimple = "CAP-ELEMENT-NOT-SIMPLE";

    /// <summary>A required element or value is missing or empty.</summary>
    public const string CapRequiredMissing = "CAP-REQUIRED-MISSING";

    /// <summary>A value that is not one of the CAP enumeration's values (for the document's CAP version).</summary>
    public const string CapEnumInvalid = "CAP-ENUM-INVALID";

    /// <summary>A date-time that does not follow CAP's pattern (seconds precision, explicit offset).</summary>
    public const string CapDateTimeInvalid = "CAP-DATETIME-INVALID";

    /// <summary>A number (decimal or integer) that cannot be read.</summary>
    public const string CapNumberInvalid = "CAP-NUMBER-INVALID";

    /// <summary>A list (addresses, incidents) with unbalanced quotes.</summary>
    public const string CapListSyntax = "CAP-LIST-SYNTAX";

    /// <summary>A CAP 1.0 eventCode, parameter or geocode not in the form <c>valueName=value</c>.</summary>
    public const string CapValuePairSyntax = "CAP-VALUE-PAIR-SYNTAX";

    /// <summary>Something deprecated by a later CAP version, read and mapped (CAP 1.0 password, "Very Likely").</summary>
    public const string CapDeprecated = "CAP-DEPRECATED";

    /// <summary>An enveloped XML signature was dropped because the signed bytes change.</summary>
    public const string CapSignatureDropped = "CAP-SIGNATURE-DROPPED";

    // CAP rules.

    /// <summary>An identifier or sender with spaces, commas or the restricted characters <c>&lt;</c> and <c>&amp;</c>.</summary>
    public const string CapIdentifierCharacters = "CAP-IDENTIFIER-CHARS";

    /// <summary>Scope Restricted without a restriction.</summary>
    public const string CapRestrictionRequired = "CAP-RESTRICTION-REQUIRED";

    /// <summary>Scope Private without addresses.</summary>
    public const string CapAddressesRequired = "CAP-ADDRESSES-REQUIRED";

    /// <summary>An Update or Cancel (error) or an Ack or Error (warning) without references.</summary>
    public const string CapReferencesRequired = "CAP-REFERENCES-REQUIRED";

    /// <summary>A references element that names no message.</summary>
    public const string CapReferencesEmpty = "CAP-REFERENCES-EMPTY";

    /// <summary>A reference that is not a <c>sender,identifier,sent</c> triple.</summary>
    public const string CapReferenceSyntax = "CAP-REFERENCE-SYNTAX";

    /// <summary>A message that references itself.</summary>
    public const string CapReferenceSelf = "CAP-REFERENCE-SELF";

    /// <summary>A reference to a message sent after this one.</summary>
    public const string CapReferenceLater = "CAP-REFERENCE-LATER";

    /// <summary>A language that is not an RFC 3066 tag.</summary>
    public const string CapLanguageInvalid = "CAP-LANGUAGE-INVALID";

    /// <summary>A URI that is not absolute where CAP requires it (web; resource uri without derefUri).</summary>
    public const string CapUriInvalid = "CAP-URI-INVALID";

    /// <summary>A resource mimeType that is not an RFC 2046 type/subtype.</summary>
    public const string CapMimeTypeInvalid = "CAP-MIMETYPE-INVALID";

    /// <summary>A resource size below zero.</summary>
    public const string CapSizeInvalid = "CAP-SIZE-INVALID";

    /// <summary>A derefUri that is not Base64.</summary>
    public const string CapDerefUriInvalid = "CAP-DEREFURI-INVALID";

    /// <summary>A digest that is not a SHA-1 hex digest (warning).</summary>
    public const string CapDigestInvalid = "CAP-DIGEST-INVALID";

    /// <summary>A polygon whose text is not whitespace-separated <c>lat,lon</c> pairs.</summary>
    public const string CapPolygonSyntax = "CAP-POLYGON-SYNTAX";

    /// <summary>A polygon with fewer than four points.</summary>
    public const string CapPolygonTooFewPoints = "CAP-POLYGON-TOO-FEW-POINTS";

    /// <summary>A polygon whose first and last points differ.</summary>
    public const string CapPolygonNotClosed = "CAP-POLYGON-NOT-CLOSED";

    /// <summary>A polygon with holes (more than one ring): CAP cannot express it.</summary>
    public const string CapPolygonHoles = "CAP-POLYGON-HOLES";

    /// <summary>A polygon whose edges cross (warning: not a normative CAP 1.2 rule).</summary>
    public const string CapPolygonSelfIntersecting = "CAP-POLYGON-SELF-INTERSECTING";

    /// <summary>A circle whose text is not <c>lat,lon radius</c>.</summary>
    public const string CapCircleSyntax = "CAP-CIRCLE-SYNTAX";

    /// <summary>A circle with a negative or non-finite radius.</summary>
    public const string CapCircleRadius = "CAP-CIRCLE-RADIUS";

    /// <summary>A latitude outside [-90, 90] or a longitude outside [-180, 180].</summary>
    public const string CapCoordinateRange = "CAP-COORDINATE-RANGE";

    /// <summary>A ceiling without an altitude.</summary>
    public const string CapCeilingWithoutAltitude = "CAP-CEILING-WITHOUT-ALTITUDE";

    /// <summary>A ceiling below the altitude.</summary>
    public const string CapCeilingBelowAltitude = "CAP-CEILING-BELOW-ALTITUDE";

    /// <summary>An info block that expires before it becomes effective or before its onset (warning).</summary>
    public const string CapExpiresBeforeEffective = "CAP-EXPIRES-BEFORE-EFFECTIVE";

    /// <summary>A headline of 160 characters or more (warning: CAP says it SHOULD be shorter).</summary>
    public const string CapHeadlineLong = "CAP-HEADLINE-LONG";

    /// <summary>An actual Alert or Update without any info block (warning).</summary>
    public const string CapInfoMissing = "CAP-INFO-MISSING";

    // CityRisk extensions.

    /// <summary>A <c>CityRisk:level</c> parameter whose value is not Blue, Yellow, Orange or Red.</summary>
    public const string CityRiskLevelUnknown = "CITYRISK-LEVEL-UNKNOWN";

    /// <summary>A <c>CityRisk:domain</c> parameter whose value is not a risk domain.</summary>
    public const string CityRiskDomainUnknown = "CITYRISK-DOMAIN-UNKNOWN";

    /// <summary>A second <c>CityRisk:level</c> or <c>CityRisk:domain</c> in one info block.</summary>
    public const string CityRiskParameterDuplicate = "CITYRISK-PARAMETER-DUPLICATE";

    /// <summary>A <c>CityRisk:</c> parameter that CityRisk does not define (warning).</summary>
    public const string CityRiskParameterUnknown = "CITYRISK-PARAMETER-UNKNOWN";

    /// <summary>A hazard reference that is empty or holds whitespace.</summary>
    public const string CityRiskHazardInvalid = "CITYRISK-HAZARD-INVALID";

    /// <summary>A <c>GB/T 2260</c> geocode whose value is not a six-digit administrative division code.</summary>
    public const string CityRiskGeocodeInvalid = "CITYRISK-GEOCODE-INVALID";

    // Exchange envelopes.

    /// <summary>An envelope routing field disagrees with what the payload implies; the path names the field.</summary>
    public const string EnvelopeMismatch = "ENVELOPE-MISMATCH";

    /// <summary>An envelope without a payload, a kind, or a content type the hub supports.</summary>
    public const string EnvelopeInvalid = "ENVELOPE-INVALID";

    /// <summary>A warning: a restriction role no registered partner holds, or a recipient that is not a registered partner.</summary>
    public const string EnvelopeAudienceUnknown = "ENVELOPE-AUDIENCE-UNKNOWN";

    // Hazards and observations (docs/hazards.md).

    /// <summary>A hazard's id or owner is empty or holds characters an entity key may not.</summary>
    public const string HazardKeyInvalid = "HAZARD-KEY-INVALID";

    /// <summary>A hazard's revision is less than 1.</summary>
    public const string HazardRevisionInvalid = "HAZARD-REVISION-INVALID";

    /// <summary>A hazard without a name in any language.</summary>
    public const string HazardNameMissing = "HAZARD-NAME-MISSING";

    /// <summary>A hazard type that is neither in the code list nor a well-formed <c>namespace:code</c>.</summary>
    public const string HazardTypeUnknown = "HAZARD-TYPE-UNKNOWN";

    /// <summary>A hazard's geometry with a position out of range, a line of fewer than two positions, or a ring that is not closed or has fewer than four.</summary>
    public const string HazardGeometryInvalid = "HAZARD-GEOMETRY-INVALID";

    /// <summary>A hazard's jurisdiction that is not a six-digit GB/T 2260 code.</summary>
    public const string HazardJurisdictionInvalid = "HAZARD-JURISDICTION-INVALID";

    /// <summary>A Restricted hazard without an audience, a Private one without recipients, or an audience entry that is empty.</summary>
    public const string HazardAudienceInvalid = "HAZARD-AUDIENCE-INVALID";

    /// <summary>Two indicators of one hazard with the same id, or an indicator id that is empty.</summary>
    public const string HazardIndicatorIdInvalid = "HAZARD-INDICATOR-ID-INVALID";

    /// <summary>An indicator's unit that is empty or not a UCUM code (no spaces).</summary>
    public const string HazardIndicatorUnitInvalid = "HAZARD-INDICATOR-UNIT-INVALID";

    /// <summary>An indicator's rules that cannot be evaluated: no threshold, thresholds out of order, a negative hysteresis or duration.</summary>
    public const string HazardIndicatorRuleInvalid = "HAZARD-INDICATOR-RULE-INVALID";

    /// <summary>An observation whose hazard key or indicator id is empty.</summary>
    public const string ObservationKeyInvalid = "OBSERVATION-KEY-INVALID";

    /// <summary>An observation value that is NaN or infinite.</summary>
    public const string ObservationValueInvalid = "OBSERVATION-VALUE-INVALID";

    /// <summary>An observation of an indicator the hazard does not have.</summary>
    public const string ObservationIndicatorUnknown = "OBSERVATION-INDICATOR-UNKNOWN";

    /// <summary>An observation whose unit is not its indicator's.</summary>
    public const string ObservationUnitMismatch = "OBSERVATION-UNIT-MISMATCH";

    /// <summary>An observation observed further in the future than the allowed clock skew.</summary>
    public const string ObservationInFuture = "OBSERVATION-IN-FUTURE";

    /// <summary>An observation on the wire whose observed_at is not an RFC 3339 date-time with an offset.</summary>
    public const string ObservationTimeInvalid = "OBSERVATION-TIME-INVALID";

    /// <summary>An observation on the wire with a quality value the protocol does not define.</summary>
    public const string ObservationQualityUnknown = "OBSERVATION-QUALITY-UNKNOWN";

    // Incidents (docs/incidents.md).

    /// <summary>An incident's id or owner is empty or holds characters an entity key may not.</summary>
    public const string IncidentKeyInvalid = "INCIDENT-KEY-INVALID";

    /// <summary>An incident's revision is less than 1.</summary>
    public const string IncidentRevisionInvalid = "INCIDENT-REVISION-INVALID";

    /// <summary>An incident type that is not in the code list, nor a category with a well-formed <c>namespace:code</c> sub-type.</summary>
    public const string IncidentTypeUnknown = "INCIDENT-TYPE-UNKNOWN";

    /// <summary>An incident without a title in any language.</summary>
    public const string IncidentTitleMissing = "INCIDENT-TITLE-MISSING";

    /// <summary>An incident's location that is not a Point or a Polygon, or has a position out of range or a ring not closed.</summary>
    public const string IncidentLocationInvalid = "INCIDENT-LOCATION-INVALID";

    /// <summary>An incident's jurisdiction that is not a six-digit GB/T 2260 code.</summary>
    public const string IncidentJurisdictionInvalid = "INCIDENT-JURISDICTION-INVALID";

    /// <summary>Times out of order: occurred after reported, a step before the report, or a first revision whose step is not the report.</summary>
    public const string IncidentTimeInvalid = "INCIDENT-TIME-INVALID";

    /// <summary>A state the revision cannot have: a first revision not Reported, Merged without the incident merged into, or a merge target on another state.</summary>
    public const string IncidentStateInvalid = "INCIDENT-STATE-INVALID";

    /// <summary>An assignee that is not a partner id, or none from Dispatched on.</summary>
    public const string IncidentAssigneeInvalid = "INCIDENT-ASSIGNEE-INVALID";

    /// <summary>An <c>updatedBy</c> that is not a partner id, or a first revision not published by its owner.</summary>
    public const string IncidentUpdatedByInvalid = "INCIDENT-UPDATED-BY-INVALID";

    /// <summary>A casualty or loss figure that is negative.</summary>
    public const string IncidentFigureInvalid = "INCIDENT-FIGURE-INVALID";

    /// <summary>A link whose kind is not one an incident links to, or whose partner or id is malformed.</summary>
    public const string IncidentLinkInvalid = "INCIDENT-LINK-INVALID";

    /// <summary>A Restricted incident without an audience, a Private one without recipients, or an entry that is empty or malformed.</summary>
    public const string IncidentAudienceInvalid = "INCIDENT-AUDIENCE-INVALID";

    /// <summary>A revision that changes what the report fixed (reporter role, reported-at) or steps back in time from the revision before.</summary>
    public const string IncidentStepInvalid = "INCIDENT-STEP-INVALID";

    // Resource pooling (docs/resources.md).

    /// <summary>A pooling document's id or owner is empty or holds characters an entity key may not.</summary>
    public const string ResourceKeyInvalid = "RESOURCE-KEY-INVALID";

    /// <summary>A pooling document's revision is less than 1, above 1 for a commitment, report or release, or above 2 for an offer.</summary>
    public const string ResourceRevisionInvalid = "RESOURCE-REVISION-INVALID";

    /// <summary>A resource type that is not in the code list nor a well-formed <c>namespace:code</c>.</summary>
    public const string ResourceTypeUnknown = "RESOURCE-TYPE-UNKNOWN";

    /// <summary>A resource without a name, or a request without a title, in any language.</summary>
    public const string ResourceTextMissing = "RESOURCE-TEXT-MISSING";

    /// <summary>A negative resource quantity, or a requested, offered, committed or released quantity below 1.</summary>
    public const string ResourceQuantityInvalid = "RESOURCE-QUANTITY-INVALID";

    /// <summary>A resource's unit that is empty, padded or longer than 32 characters.</summary>
    public const string ResourceUnitInvalid = "RESOURCE-UNIT-INVALID";

    /// <summary>A capability (or requirement) with a malformed name, a value that is not finite, a blank unit, or stated twice.</summary>
    public const string ResourceCapabilityInvalid = "RESOURCE-CAPABILITY-INVALID";

    /// <summary>A home, deliver-to or reported location that is missing where required, not a Point, or out of range.</summary>
    public const string ResourceLocationInvalid = "RESOURCE-LOCATION-INVALID";

    /// <summary>A resource's or request's jurisdiction that is not a six-digit GB/T 2260 code.</summary>
    public const string ResourceJurisdictionInvalid = "RESOURCE-JURISDICTION-INVALID";

    /// <summary>Times out of order: needed-until not after needed-by, or an offer that expires before it is made.</summary>
    public const string ResourceTimeInvalid = "RESOURCE-TIME-INVALID";

    /// <summary>A state the revision cannot publish: a derived request state (PartiallyFilled, Filled), or a first revision not Open.</summary>
    public const string ResourceStateInvalid = "RESOURCE-STATE-INVALID";

    /// <summary>A reference (offer, request item, commitment, incident, resource, provider) that is malformed, or a commitment to another partner's request.</summary>
    public const string ResourceReferenceInvalid = "RESOURCE-REFERENCE-INVALID";

    /// <summary>A request without any item.</summary>
    public const string ResourceItemsMissing = "RESOURCE-ITEMS-MISSING";

    /// <summary>A Restricted pooling document without an audience, a Private one without recipients, or an entry that is empty or malformed.</summary>
    public const string ResourceAudienceInvalid = "RESOURCE-AUDIENCE-INVALID";

    /// <summary>A revision that changes what may not change (a resource's type or unit, a request's items, an offer but its state) or is dated before the revision before.</summary>
    public const string ResourceStepInvalid = "RESOURCE-STEP-INVALID";

    // Enterprise risk for insurers (docs/insurers.md).

    /// <summary>A profile's owner is not a partner id, its revision is below 1, or its id is not its credit code.</summary>
    public const string EnterpriseKeyInvalid = "ENTERPRISE-KEY-INVALID";

    /// <summary>A unified social credit code that is not 18 characters of GB 32100's alphabet, or whose check character is wrong.</summary>
    public const string EnterpriseCreditCodeInvalid = "ENTERPRISE-CREDIT-CODE-INVALID";

    /// <summary>A profile without the enterprise's name in any language.</summary>
    public const string EnterpriseNameMissing = "ENTERPRISE-NAME-MISSING";

    /// <summary>An industry that is not a GB/T 4754-2017 code (a section letter A to T and up to four digits).</summary>
    public const string EnterpriseIndustryInvalid = "ENTERPRISE-INDUSTRY-INVALID";

    /// <summary>A profile's jurisdiction that is not a six-digit GB/T 2260 code.</summary>
    public const string EnterpriseJurisdictionInvalid = "ENTERPRISE-JURISDICTION-INVALID";

    /// <summary>A profile's location that is missing, not a Point, or out of range.</summary>
    public const string EnterpriseLocationInvalid = "ENTERPRISE-LOCATION-INVALID";

    /// <summary>A negative count; rectified, major or overdue hidden dangers beyond what was found; or casualties without an accident.</summary>
    public const string EnterpriseFigureInvalid = "ENTERPRISE-FIGURE-INVALID";

    /// <summary>A reporting period that does not end after it starts.</summary>
    public const string EnterprisePeriodInvalid = "ENTERPRISE-PERIOD-INVALID";

    /// <summary>Two reporting periods of one profile that overlap.</summary>
    public const string EnterprisePeriodOverlap = "ENTERPRISE-PERIOD-OVERLAP";

    /// <summary>An insurer that is not a partner id, or an insurer named for an enterprise that is not insured.</summary>
    public const string EnterpriseInsurerInvalid = "ENTERPRISE-INSURER-INVALID";

    /// <summary>A grant whose basis and subject disagree: a consent without the enterprise's credit code or its evidence, an agreement without a jurisdiction or industries, or a field of the other basis.</summary>
    public const string EnterpriseGrantBasisInvalid = "ENTERPRISE-GRANT-BASIS-INVALID";

    /// <summary>A grant whose validity does not end after it starts.</summary>
    public const string EnterpriseGrantValidityInvalid = "ENTERPRISE-GRANT-VALIDITY-INVALID";

    /// <summary>A grant revision that changes its insurer, basis or subject (a different grant needs a new id), or is dated before the revision before.</summary>
    public const string EnterpriseGrantStepInvalid = "ENTERPRISE-GRANT-STEP-INVALID";

    // CityRisk JSON.

    /// <summary>The JSON is not well formed (or is truncated).</summary>
    public const string JsonMalformed = "JSON-MALFORMED";

    /// <summary>The JSON is well formed but does not fit the contract (a missing required member, a wrong type, an unknown member).</summary>
    public const string JsonInvalid = "JSON-INVALID";

    /// <summary>A member appears twice in the same JSON object; readers disagree on which counts, so it is refused.</summary>
    public const string JsonMemberRepeated = "JSON-MEMBER-REPEATED";

    /// <summary>The document's <c>kind</c> is missing or not one this implementation supports.</summary>
    public const string JsonKindUnsupported = "JSON-KIND-UNSUPPORTED";

    /// <summary>The document's <c>v</c> is missing or not a version this implementation supports.</summary>
    public const string JsonVersionUnsupported = "JSON-VERSION-UNSUPPORTED";
}
