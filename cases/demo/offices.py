"""Guangxi's office tree with GB/T 2260 region codes and the document-number codes.

Abbreviations (代字): the region uses 桂; a city uses the first character of its name
(南宁 → 南, 柳州 → 柳) except 桂林, which keeps both characters because 桂 alone is the
region's; a county or district uses its name without 区/县 (青秀区 → 青秀). The code of a
document kind is abbreviation + 知 + the kind's character(s) + 字, e.g. 南知裁字.
"""

from __future__ import annotations

from cases.models import DocumentKind, DocumentNumberPrefix, Office, OfficeLevel

REGION = ("450000", "广西壮族自治区", "桂")

# region code, city name, abbreviation
CITIES: list[tuple[str, str, str]] = [
    ("450100", "南宁市", "南"), ("450200", "柳州市", "柳"), ("450300", "桂林市", "桂林"),
    ("450400", "梧州市", "梧"), ("450500", "北海市", "北"), ("450600", "防城港市", "防"),
    ("450700", "钦州市", "钦"), ("450800", "贵港市", "贵"), ("450900", "玉林市", "玉"),
    ("451000", "百色市", "百"), ("451100", "贺州市", "贺"), ("451200", "河池市", "河"),
    ("451300", "来宾市", "来"), ("451400", "崇左市", "崇"),
]

# region code, parent city code, district name, abbreviation
COUNTIES: list[tuple[str, str, str, str]] = [
    ("450103", "450100", "青秀区", "青秀"), ("450107", "450100", "西乡塘区", "西乡塘"),
    ("450204", "450200", "柳南区", "柳南"), ("450312", "450300", "临桂区", "临桂"),
]

KIND_CODES: dict[str, str] = {
    DocumentKind.ACCEPTANCE_NOTICE: "受",
    DocumentKind.REJECTION_NOTICE: "不受",
    DocumentKind.CORRECTION_NOTICE: "补",
    DocumentKind.ANSWER_NOTICE: "答",
    DocumentKind.HEARING_NOTICE: "审",
    DocumentKind.SUSPENSION_NOTICE: "中",
    DocumentKind.RESUMPTION_NOTICE: "恢",
    DocumentKind.EXTENSION_APPROVAL: "延",
    DocumentKind.RULING: "裁",
    DocumentKind.SERVICE_RECEIPT: "送",
    DocumentKind.REMINDER: "催",
    DocumentKind.ENFORCEMENT_APPLICATION: "执",
    DocumentKind.CLOSING_REPORT: "结",
    DocumentKind.MEDIATION_REQUEST_NOTICE: "调通",
    DocumentKind.MEDIATION_SESSION_NOTICE: "调会",
    DocumentKind.MEDIATION_RECORD: "调笔",
    DocumentKind.MEDIATION_AGREEMENT: "调",
    DocumentKind.MEDIATION_TERMINATION_NOTICE: "调终",
    DocumentKind.CONFIRMATION_APPLICATION: "确",
    DocumentKind.CONFIRMATION_MATERIALS: "确材",
    DocumentKind.REFERRAL_LETTER: "移",
    DocumentKind.REFERRAL_ATTACHMENTS: "移附",
    DocumentKind.RECONSIDERATION_REQUEST: "复议",
    DocumentKind.EXHIBIT_TRANSFER_LIST: "移物",
    DocumentKind.TRANSFER_LETTER: "转",
    DocumentKind.COMPLAINT_REPLY: "复",
    DocumentKind.CASE_NUMBER: "案",
}


def prefix_code(abbreviation: str, kind: str) -> str:
    return f"{abbreviation}知{KIND_CODES[kind]}字"


def _office(code: str, name: str, short: str, level: str, region_name: str,
            parent: Office | None, counts: dict[str, int]) -> Office:
    office, created = Office.objects.get_or_create(
        region_code=code,
        defaults={"name": name, "short_name": short, "level": level,
                  "region_name": region_name, "parent": parent},
    )
    counts["offices"] += int(created)
    return office


def _prefixes(office: Office, abbreviation: str, counts: dict[str, int]) -> None:
    have = set(office.number_prefixes.values_list("kind", flat=True))
    missing = [DocumentNumberPrefix(office=office, kind=kind,
                                    prefix=prefix_code(abbreviation, kind))
               for kind in DocumentKind.values if kind not in have]
    for prefix in missing:
        prefix.full_clean()
    DocumentNumberPrefix.objects.bulk_create(missing)
    counts["prefixes"] += len(missing)


def ensure_offices(counts: dict[str, int]) -> dict[str, Office]:
    """The tree, keyed by region code; existing offices (and edited codes) are kept."""
    code, name, abbreviation = REGION
    region = _office(code, f"{name}知识产权局", "自治区局", OfficeLevel.PROVINCE, name, None,
                     counts)
    _prefixes(region, abbreviation, counts)
    offices = {code: region}
    for code, city, abbreviation in CITIES:
        bare = city.removesuffix("市")
        office = _office(code, f"{city}知识产权局", f"{bare}局", OfficeLevel.CITY, city,
                         region, counts)
        _prefixes(office, abbreviation, counts)
        offices[code] = office
    for code, parent_code, district, abbreviation in COUNTIES:
        parent = offices[parent_code]
        office = _office(code, f"{parent.region_name}{district}知识产权局",
                         f"{abbreviation}局", OfficeLevel.COUNTY, district, parent, counts)
        _prefixes(office, abbreviation, counts)
        offices[code] = office
    return offices
