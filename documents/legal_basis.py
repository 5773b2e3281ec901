"""The legal bases documents cite, as shipped defaults of documents.LegalBasisRule.

Seeded by ``seed_default_templates`` (the documents' shipped defaults), idempotently.
"""

from __future__ import annotations

import datetime

SINCE = datetime.date(2015, 7, 1)
# Valid from 2015-07-01 (《专利行政执法办法》, 2015). Article numbers of the
# procedural rule and of the 2025 《专利纠纷行政裁决和调解办法》 are to be verified by the
# office's legal staff (DOMAIN.md marks them "verify"); administrators enter new versions.
PATENT_LAW = "《中华人民共和国专利法》"
INTERPRETATION = "《最高人民法院关于审理侵犯专利权纠纷案件应用法律若干问题的解释》"
PROCEDURE = "《专利行政执法办法》"
IMPLEMENTING_RULES = "《中华人民共和国专利法实施细则》"
VERIFY = "条文序号待法制审核人员核实；2025年《专利纠纷行政裁决和调解办法》施行后另录新版本。"
DEFAULT_LEGAL_BASIS: list[tuple[str, str, str, str]] = [
    ("ruling", "infringement_found", "invention_patent",
     f"{PATENT_LAW}第十一条第一款、第六十四条第一款、第六十五条，{INTERPRETATION}第七条，"
     f"{PROCEDURE}第四十三条"),
    ("ruling", "infringement_found", "utility_model",
     f"{PATENT_LAW}第十一条第一款、第六十四条第一款、第六十五条，{INTERPRETATION}第七条，"
     f"{PROCEDURE}第四十三条"),
    ("ruling", "infringement_found", "design_patent",
     f"{PATENT_LAW}第十一条第二款、第六十四条第二款、第六十五条，{INTERPRETATION}第八条、"
     f"第十一条，{PROCEDURE}第四十三条"),
    ("ruling", "dismissed", "invention_patent",
     f"{PATENT_LAW}第六十四条第一款、第六十五条，{INTERPRETATION}第七条，{PROCEDURE}第四十三条"),
    ("ruling", "dismissed", "utility_model",
     f"{PATENT_LAW}第六十四条第一款、第六十五条，{INTERPRETATION}第七条，{PROCEDURE}第四十三条"),
    ("ruling", "dismissed", "design_patent",
     f"{PATENT_LAW}第六十四条第二款、第六十五条，{INTERPRETATION}第八条、第十一条，"
     f"{PROCEDURE}第四十三条"),
    ("acceptance_notice", "", "", f"{PATENT_LAW}第六十五条，{PROCEDURE}第十条"),
    ("rejection_notice", "", "", f"{PATENT_LAW}第六十五条，{PROCEDURE}第十条"),
    ("correction_notice", "", "", f"{PROCEDURE}第十条"),
    ("answer_notice", "", "", f"{IMPLEMENTING_RULES}第九十七条，{PROCEDURE}第十一条"),
    ("hearing_notice", "", "", f"{PROCEDURE}第十二条"),
    ("suspension_notice", "", "", f"{IMPLEMENTING_RULES}第九十八条，{PROCEDURE}第十四条"),
    ("resumption_notice", "", "", f"{IMPLEMENTING_RULES}第九十八条，{PROCEDURE}第十四条"),
    ("extension_approval", "", "", f"{PROCEDURE}第二十一条"),
    ("reminder", "", "", "《中华人民共和国行政强制法》第五十四条"),
    ("enforcement_application", "", "",
     f"{PATENT_LAW}第六十五条，《中华人民共和国行政强制法》第五十三条"),
]


# The defaults of other workflows' kinds, which register them from their AppConfig.ready()
# (documents imports no workflow package).
_registered: list[tuple[str, str, str, str]] = []


def register_defaults(rows: list[tuple[str, str, str, str]]) -> None:
    """A workflow's default legal bases: (kind, outcome, kind of right, text) rows."""
    _registered.extend(row for row in rows if row not in _registered)


# Complaints and referral (issue 12). 国务院令第310号 is the 2020 revision of
# 《行政执法机关移送涉嫌犯罪案件的规定》; article numbers are to be verified like the rest.
REFERRAL_RULES = "《行政执法机关移送涉嫌犯罪案件的规定》"
DEFAULT_LEGAL_BASIS += [
    ("referral_letter", "", "",
     f"《中华人民共和国行政处罚法》第二十七条，{REFERRAL_RULES}第三条、第六条"),
    ("referral_attachments", "", "", f"{REFERRAL_RULES}第六条"),
    ("reconsideration_request", "", "", f"{REFERRAL_RULES}第九条"),
    ("exhibit_transfer_list", "", "", f"{REFERRAL_RULES}第十二条"),
    ("transfer_letter", "", "", "《市场监督管理行政处罚程序规定》第十五条"),
    ("complaint_reply", "", "", "《市场监督管理投诉举报处理暂行办法》第十四条、第三十一条"),
]


def seed_legal_basis_rules() -> int:
    """Insert the default rules that are missing (administrators' versions are kept);
    returns how many were inserted."""
    from documents.models import LegalBasisRule

    created = 0
    for kind, outcome, right_kind, text in [*DEFAULT_LEGAL_BASIS, *_registered]:
        _rule, was_created = LegalBasisRule.objects.get_or_create(
            kind=kind, outcome=outcome, right_kind=right_kind, effective_from=SINCE,
            defaults={"text": text, "note": VERIFY})
        created += int(was_created)
    return created
