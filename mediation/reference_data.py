"""The reference data a new installation starts with (Guangxi), seeded by a migration and
then edited by administrators: courts for judicial confirmation and the kinds of dispute
an office may mediate with their legal basis. Items marked 待核实 are the best available
understanding, not confirmed text."""

from __future__ import annotations

from typing import Any

COURTS: list[dict[str, Any]] = [
    {"name": "广西壮族自治区高级人民法院", "level": "high", "region_code": "450000",
     "address": "广西壮族自治区南宁市青秀区", "hears_technical_patents": True,
     "note": "专利等技术类案件的二审法院"},
    {"name": "南宁市中级人民法院", "level": "intermediate", "region_code": "450100",
     "address": "广西壮族自治区南宁市良庆区", "hears_technical_patents": True, "note": ""},
    {"name": "南宁知识产权法庭", "level": "ip_court", "region_code": "450100",
     "address": "广西壮族自治区南宁市", "hears_technical_patents": True,
     "note": "设在南宁市中级人民法院，跨区域管辖发明、实用新型专利等技术类案件（管辖范围待核实）"},
    {"name": "柳州市中级人民法院", "level": "intermediate", "region_code": "450200",
     "address": "广西壮族自治区柳州市", "hears_technical_patents": False,
     "note": "技术类专利案件是否由其管辖以最高人民法院指定为准（待核实）"},
    {"name": "桂林市中级人民法院", "level": "intermediate", "region_code": "450300",
     "address": "广西壮族自治区桂林市", "hears_technical_patents": False,
     "note": "技术类专利案件是否由其管辖以最高人民法院指定为准（待核实）"},
    {"name": "南宁市青秀区人民法院", "level": "basic", "region_code": "450103",
     "address": "广西壮族自治区南宁市青秀区", "hears_technical_patents": False, "note": ""},
    {"name": "南宁市西乡塘区人民法院", "level": "basic", "region_code": "450107",
     "address": "广西壮族自治区南宁市西乡塘区", "hears_technical_patents": False, "note": ""},
    {"name": "柳州市城中区人民法院", "level": "basic", "region_code": "450202",
     "address": "广西壮族自治区柳州市城中区", "hears_technical_patents": False, "note": ""},
    {"name": "柳州市鱼峰区人民法院", "level": "basic", "region_code": "450203",
     "address": "广西壮族自治区柳州市鱼峰区", "hears_technical_patents": False, "note": ""},
]

DISPUTE_TYPES: list[dict[str, Any]] = [
    {"code": "patent_damages", "position": 1, "name": "专利侵权纠纷赔偿数额",
     "legal_basis": "《中华人民共和国专利法》第六十五条"},
    {"code": "patent_other", "position": 2,
     "name": "其他专利纠纷（发明人、设计人资格，职务发明奖励报酬，申请公布后授权前使用费）",
     "legal_basis": "《中华人民共和国专利法实施细则》第一百零二条"},
    {"code": "trademark_damages", "position": 3, "name": "侵犯注册商标专用权赔偿数额",
     "legal_basis": "《中华人民共和国商标法》第六十条第三款"},
    {"code": "copyright", "position": 4, "name": "著作权纠纷",
     "legal_basis": "《中华人民共和国著作权法》第六十条"},
]
