"""Every kind of document from a demo case in the state where it is produced: the key
sentences (cause, parties, order, remedy with the court, legal basis) and no blank."""

from __future__ import annotations

import pytest

from documents.tests.producing import produce_all
from documents.tests.test_services import driver  # noqa: F401 - the fixture
from documents.text import extract_text

pytestmark = pytest.mark.django_db

# What a document printed with an empty value looks like.
BLANKS = ["《》", "（）", "依照的规定", "：。", "：）", "：；", "（型号：）", "，，", "。，",
          "{{", "{%"]
PATENT_LAW = "《中华人民共和国专利法》"
INTERPRETATION = "《最高人民法院关于审理侵犯专利权纠纷案件应用法律若干问题的解释》"
COURT = "南宁市中级人民法院"

EXPECTED: dict[str, tuple[int, list[str], list[str]]] = {
    # label: (how many documents, sentences each must contain, sentences none may contain)
    "acceptance_notice": (1, ["侵害发明专利权纠纷", "决定立案受理", f"{PATENT_LAW}第六十五条",
                              "组成合议组审理"], []),
    "rejection_notice": (1, ["决定不予受理", "六十日内向南宁市人民政府申请行政复议",
                             f"六个月内向{COURT}提起行政诉讼", f"{PATENT_LAW}第六十五条"], []),
    "correction_notice": (1, ["补正下列材料", "1. 补充专利登记簿副本", "《专利行政执法办法》"],
                          []),
    "answer_notice": (1, ["侵害发明专利权纠纷一案", "十五日内", "答辩书",
                          "《中华人民共和国专利法实施细则》第九十七条"], []),
    "hearing_notice": (2, ["进行口头审理", "《专利行政执法办法》"], []),
    "suspension_notice": (2, ["中止审理", "无效宣告请求并被受理，依照", "第九十八条"],
                          ["受理。，"]),
    "resumption_notice": (2, ["恢复审理", "第九十八条"], []),
    "extension_approval": (1, ["案号：", "负责人审批意见", "签名："], ["文号签发时生成"]),
    "ruling": (1, ["侵害发明专利权纠纷一案", "一、请求人称\n请求人是专利号为ZL",
                   "的发明专利（以下简称涉案专利）的专利权人",
                   f"{PATENT_LAW}第十一条第一款", INTERPRETATION,
                   "第七条", "《专利行政执法办法》", "到庭参加了口头审理", "证据及质证",
                   "合议组成员李明、王芳、张伟出席",
                   "提交了以下证据：1．公证书（2026）桂南证字第1024号（原件，12页），证明",
                   "被请求人黄丽华提交了以下证据：1．进货发票及供货合同（复印件，4页），"
                   "证明被诉侵权产品有合法来源。",
                   "被请求人对其真实性无异议，但认为不能证明其制造了该产品。",
                   "争议焦点", "本局裁决如下：\n被请求人立即停止制造、销售侵权产品。\n",
                   f"向{COURT}提起行政诉讼", "本局可以申请人民法院强制执行"],
               ["书面审理", "整体视觉效果", "缺席审理"]),
    "ruling-design": (1, ["侵害外观设计专利权纠纷一案", "的外观设计专利（以下简称涉案专利）",
                          f"{PATENT_LAW}第十一条第二款",
                          "第六十四条第二款", "整体视觉效果", "书面审理", "三、经审理查明",
                          f"向{COURT}提起行政诉讼"],
                      ["第十一条第一款", "技术特征", "证据及质证", "争议焦点"]),
    "ruling-dismissed": (1, ["本局裁决如下：\n驳回请求人的全部请求。\n", "第六十四条第一款",
                             INTERPRETATION, "负责人：覃国强", f"向{COURT}提起行政诉讼"],
                         ["强制执行", "法定代表人：覃国强"]),
    "service_receipt": (2, ["专利侵权纠纷行政裁决书", "代收人", "见证人", "留置送达",
                            "送达日期\t        年    月    日"], []),
    "reminder": (1, ["已于", "送达你方", "被请求人立即停止制造、销售侵权产品。", "十日内",
                     "《中华人民共和国行政强制法》第五十四条"], []),
    "enforcement_application": (1, ["请求依法强制执行", f"此致\n{COURT}",
                                    "《中华人民共和国行政强制法》第五十三条"], []),
    "closing_report": (1, ["负责人审批意见", "签名：", "建议结案"], ["文号签发时生成"]),
}


def test_every_document_kind_says_what_the_case_data_says(driver):  # noqa: F811
    produced = produce_all(driver)
    assert set(produced) == set(EXPECTED)
    problems = []
    for label, files in produced.items():
        count, present, absent = EXPECTED[label]
        if len(files) != count:
            problems.append(f"{label}: {len(files)} documents, expected {count}")
        for data in files:
            text = extract_text(data)
            problems += [f"{label}: missing {s!r}" for s in present if s not in text]
            problems += [f"{label}: has {s!r}" for s in absent + BLANKS if s in text]
    assert not problems, "\n".join(problems)


def test_notices_go_to_each_party_served(driver):  # noqa: F811
    produced = produce_all(driver)
    hearing = [extract_text(d) for d in produced["hearing_notice"]]
    # The requester is warned that staying away counts as withdrawal, the respondent that
    # the hearing goes on without him.
    assert "按撤回请求处理" in hearing[0] and "缺席审理" not in hearing[0]
    assert "缺席审理" in hearing[1] and "按撤回请求处理" not in hearing[1]
    receipts = [extract_text(d) for d in produced["service_receipt"]]
    addressees = {line for text in receipts for line in text.splitlines()
                  if line.startswith("受送达人\t")}
    assert len(addressees) == 2
