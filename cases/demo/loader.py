"""The whole demo data set in one idempotent call."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cases.demo.cases import bulk_cases, ensure_cases
from cases.demo.mediation import ensure_mediation_cases
from cases.demo.offices import ensure_offices
from cases.demo.parties import bulk_directory, ensure_directory
from cases.demo.people import OFFICE_PREFIXES, ensure_staff
from cases.demo.precedents import ensure_precedents
from cases.demo.referrals import ensure_referral_demo
from cases.services.calendar import seed_calendar_from_package
from cases.services.deadline_rules import seed_deadline_rules
from cases.services.roles import ensure_role_groups


@dataclass
class DemoResult:
    created: Counter[str] = field(default_factory=Counter)


def load_demo_data(*, scale: int = 0) -> DemoResult:
    """Seed the defaults and create whatever part of the demo data set is missing."""
    result = DemoResult()
    counts = result.created
    for key in ("offices", "prefixes", "users", "parties", "agents", "rights", "cases",
                "precedents"):
        counts[key] += 0
    groups = {name: group for name, group in ensure_role_groups().items()}
    seed_calendar_from_package()
    counts["time-limit rules"] += seed_deadline_rules()
    offices = ensure_offices(counts)
    staff = ensure_staff(offices, groups, counts)
    prefixes = list(OFFICE_PREFIXES.values())
    for index, prefix in enumerate(prefixes):
        people = staff[prefix]
        directory = ensure_directory(people.office, people.officer, counts)
        ensure_cases(people, directory, counts, office_index=index)
        ensure_mediation_cases(people, directory, counts)
        other = staff[prefixes[(index + 1) % len(prefixes)]].office
        ensure_referral_demo(people, directory, other, counts)
        if scale:
            bulk_directory(people.office, people.officer, scale, counts)
            bulk_cases(people, directory, scale, counts)
    ensure_precedents(offices, counts)
    return result
