"""Cells as clerks fill them in: dates in every form an office writes (official documents
date themselves 二〇二四年三月一日; Excel writes 2024/3/1 0:00 into a CSV, or a serial
number in a cell formatted as a number), amounts with their currency and 万, full-width
digits, and the region by its name. Before, each of these refused the row."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from search import import_formats as formats
from search.models import Decision

TREE = formats.region_names([("450000", "广西壮族自治区"), ("450100", "南宁市"),
                             ("450103", "青秀区"), ("450200", "柳州市"),
                             ("450202", "城中区"), ("450102", "城中区")])


@pytest.mark.parametrize("cell", [
    "2024-03-01", "2024/3/1", "2024.3.1", "2024年3月1日", "2024年03月01日", "20240301",
    "２０２４／３／１", "2024/3/1 0:00", "2024-03-01 00:00:00", "二〇二四年三月一日",
    "二○二四年三月一日", "二零二四年三月一日", 45352, 45352.0,
])
def test_dates_as_offices_write_them(cell):
    assert formats.parse_date(cell) == date(2024, 3, 1)


def test_chinese_days_and_months_above_ten():
    assert formats.parse_date("二〇二三年十二月三十一日") == date(2023, 12, 31)
    assert formats.parse_date("二〇二三年十月十日") == date(2023, 10, 10)
    assert formats.parse_date("二〇二三年十一月二十日") == date(2023, 11, 20)


@pytest.mark.parametrize("cell", ["2023/13/45", "2024-02-30", "二〇二三年十三月一日", "下周",
                                  "", "2024", True])
def test_dates_that_are_not_refused_with_the_column_named(cell):
    with pytest.raises(ValidationError) as refused:
        formats.parse_date(cell)
    assert "decided_on" in refused.value.messages[0]


@pytest.mark.parametrize(("cell", "expected"), [
    ("50000", Decimal(50000)), ("50,000.00", Decimal("50000.00")), ("¥50,000", Decimal(50000)),
    ("￥50000元", Decimal(50000)), ("5万元", Decimal(50000)), ("1.2万", Decimal(12000)),
    ("人民币3万元", Decimal(30000)), ("１２，０００", Decimal(12000)), ("12000 元", Decimal(12000)),
    (30000, Decimal(30000)), (1234.5, Decimal("1234.5")),
    ("", None), (None, None), ("无", None), ("—", None), ("-", None),
])
def test_amounts_as_clerks_type_them(cell, expected):
    assert formats.amount(cell, "fine") == expected


@pytest.mark.parametrize("cell", ["五万元", "50000美元", "约5万", "-100", "1,2,3.4.5"])
def test_amounts_not_understood_are_refused_with_the_column_named(cell):
    with pytest.raises(ValidationError) as refused:
        formats.amount(cell, "fine")
    assert "fine" in refused.value.messages[0]


@pytest.mark.parametrize(("cell", "expected"), [
    ("450100", "450100"), (450100, "450100"), ("450100.0", "450100"), ("南宁市", "450100"),
    ("南宁", "450100"), ("广西", "450000"), ("广西壮族自治区", "450000"), ("青秀区", "450103"),
    ("450200 柳州市", "450200"), ("", ""), (None, ""),
])
def test_regions_by_code_or_name(cell, expected):
    assert formats.region(cell, TREE) == expected


@pytest.mark.parametrize("cell", ["45", "广州市", "城中区"])
def test_a_region_not_in_the_tree_or_ambiguous_is_refused(cell):
    with pytest.raises(ValidationError) as refused:
        formats.region(cell, TREE)
    assert "region_code" in refused.value.messages[0]


@pytest.mark.django_db
def test_a_sheet_with_these_cells_imports(tmp_path, offices, capsys):
    (tmp_path / "a.txt").write_text("被请求人在拼多多许诺销售台灯，构成侵权。", encoding="utf-8")
    meta = tmp_path / "meta.csv"
    meta.write_bytes(("文件,编号,标题,决定日期,权利类型,处理结果,罚款,地区\n"
                      "a.txt,C1,台灯案,二〇二四年三月一日,外观设计专利,侵权成立,5万元,柳州\n"
                      "a.txt,C2,坏金额,2024/3/1 0:00,外观设计专利,侵权成立,五万元,柳州市\n"
                      "a.txt,C3,坏地区,2024/3/1 0:00,外观设计专利,侵权成立,,广州市\n"
                      ).encode("gbk"))
    call_command("import_precedents", str(tmp_path), metadata=str(meta), office="450100")
    out = capsys.readouterr()
    assert "新增 1 件，更新 0 件，未导入 2 件" in out.out
    assert "第 3 行：未导入" in out.err and "fine" in out.err
    assert "第 4 行：未导入" in out.err and "广州市" in out.err
    c1 = Decision.objects.get(external_id="C1")
    assert (c1.decided_on, c1.fine, c1.region_code) == (date(2024, 3, 1), 50000, "450200")
