"""One demo user per role in 南宁市 and 柳州市 (three officers each, for a panel)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group

from cases.models import Office, Role, User

DEMO_PASSWORD = "ipcases-demo"  # noqa: S105 - documented demo password (README)

# username suffix, role, Chinese name in 南宁, in 柳州
STAFF: list[tuple[str, str, str, str]] = [
    ("officer", Role.OFFICER, "李明", "覃海"),
    ("officer2", Role.OFFICER, "王芳", "韦丽"),
    ("officer3", Role.OFFICER, "张伟", "蒙刚"),
    ("mediator", Role.MEDIATOR, "陈静", "梁燕"),
    ("legal", Role.LEGAL, "刘洋", "黄敏"),
    ("head", Role.HEAD, "黄强", "莫志军"),
    ("admin", Role.ADMIN, "赵磊", "陆建华"),
]

OFFICE_PREFIXES = {"450100": "nn", "450200": "lz"}


@dataclass
class OfficeStaff:
    office: Office
    officer: User
    officer2: User
    officer3: User
    mediator: User
    legal: User
    head: User
    admin: User


def _user(username: str, name: str, office: Office, role: str, groups: dict[str, Group],
          counts: dict[str, int]) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, name=name, office=office, is_staff=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
        counts["users"] += 1
    user.groups.add(groups[role])
    user.__dict__.pop("roles", None)
    return user


def ensure_staff(offices: dict[str, Office], groups: dict[str, Group],
                 counts: dict[str, int]) -> dict[str, OfficeStaff]:
    staff: dict[str, OfficeStaff] = {}
    for code, prefix in OFFICE_PREFIXES.items():
        office = offices[code]
        users = {
            suffix: _user(f"{prefix}_{suffix}", nn_name if prefix == "nn" else lz_name, office,
                          role, groups, counts)
            for suffix, role, nn_name, lz_name in STAFF
        }
        staff[prefix] = OfficeStaff(office=office, **users)
    if not User.objects.filter(is_superuser=True).exists():
        User.objects.create_superuser(username="admin", password=DEMO_PASSWORD,
                                      name="系统管理员", office=offices["450000"])
        counts["users"] += 1
    return staff


def login_table() -> list[tuple[str, str, str]]:
    """(role label, 南宁 logins, 柳州 logins) for the closing table."""
    rows: list[tuple[str, str, str]] = []
    for role in Role:
        suffixes = [s for s, r, _n, _l in STAFF if r == role]
        rows.append((str(role.label), ", ".join(f"nn_{s}" for s in suffixes),
                     ", ".join(f"lz_{s}" for s in suffixes)))
    return rows
