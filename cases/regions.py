"""Names of GB/T 2260 region codes (行政区划代码) for codes outside the office tree.

Decisions imported from other provinces carry their own region codes (440300 for 深圳市);
the office tree names only this office's regions. The names come from the vendored GB/T
2260 table the intake's region picker uses (static/ipcases/regions.json: every province,
prefecture and county), read once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext

TABLE = Path(settings.BASE_DIR) / "static" / "ipcases" / "regions.json"

# Provincial-level regions the mainland table leaves out.
_EXTRA_PROVINCES = {"710000": "台湾省", "810000": "香港特别行政区", "820000": "澳门特别行政区"}
# A prefecture-level entry that is no prefecture: its name is the province's (直辖市), or
# follows it (湖北省省直辖县级行政区划).
_PROVINCE_ONLY = {"市辖区", "县"}


@lru_cache(maxsize=1)
def region_names() -> dict[str, str]:
    """Every code of the table to the name it is known by: a province's own name, a
    prefecture's (a municipality's districts by the municipality's), a county's with its
    prefecture's (深圳市南山区)."""
    with TABLE.open(encoding="utf-8") as f:
        provinces = json.load(f)["regions"]
    names = dict(_EXTRA_PROVINCES)
    for p_code, p_name, cities in provinces:
        names[p_code] = p_name
        for c_code, c_name, *counties in cities:
            if c_name in _PROVINCE_ONLY:
                city = p_name
            elif c_name.endswith("直辖县级行政区划"):
                city = p_name + c_name
            else:
                city = c_name
            names.setdefault(c_code, city)
            for k_code, k_name in (counties[0] if counties else []):
                within = "" if c_name.endswith("直辖县级行政区划") else city
                names[k_code] = k_name if k_name.startswith(within) else within + k_name
    return names


def region_label(code: str) -> str:
    """The name of a six-digit region code, never the bare code: the table's name, else the
    province's name with the code (广东省 449900), else "地区代码 990100"."""
    code = (code or "").strip()
    names = region_names()
    if code in names:
        return names[code]
    province = names.get(code[:2] + "0000") if len(code) == 6 else None
    if province:
        return f"{province} {code}"
    return gettext("Region code %(code)s") % {"code": code}
