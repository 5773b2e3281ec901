"""A public copy keeps an address down to its district, whatever the city is called: a
city whose name holds 州 (柳州, 梧州, 钦州, 贺州) was read as a county-level 市, and the
district was masked with the street."""

from __future__ import annotations

import pytest

from documents.redaction import mask_address


@pytest.mark.parametrize("address,kept", [
    ("广西壮族自治区南宁市青秀区民族大道100号", "广西壮族自治区南宁市青秀区"),
    ("广西壮族自治区柳州市柳南区飞鹅路12号", "广西壮族自治区柳州市柳南区"),
    ("广西壮族自治区梧州市长洲区新兴二路8号", "广西壮族自治区梧州市长洲区"),
    ("广西壮族自治区钦州市钦南区南珠东大街3号", "广西壮族自治区钦州市钦南区"),
    ("广西壮族自治区贺州市八步区建设中路5号", "广西壮族自治区贺州市八步区"),
    ("柳州市城中区文昌路5号", "柳州市城中区"),
    ("广东省广州市天河区天河路385号", "广东省广州市天河区"),
    ("贵州省黔东南苗族侗族自治州凯里市北京东路1号", "贵州省黔东南苗族侗族自治州凯里市"),
    ("北京市朝阳区建国路88号", "北京市朝阳区"),
    ("广西壮族自治区柳州市柳江区拉堡镇12号", "广西壮族自治区柳州市柳江区"),
    ("广西壮族自治区桂林市阳朔县阳朔镇西街1号", "广西壮族自治区桂林市阳朔县"),
])
def test_the_district_is_kept_and_the_rest_masked(address: str, kept: str) -> None:
    masked = mask_address(address)
    assert masked.startswith(kept) and masked != address, masked
    assert masked[len(kept):].strip("*") == "", masked
