"""Deterministic parties, agents and IP rights for one office."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from cases.demo import templates as t
from cases.models import Agent, IPRight, Office, Party, User
from cases.models.parties import AgentKind, PartyKind
from cases.models.rights import RightKind, RightStatus
from cases.services.parties import create_agent, create_ip_right, create_party
from cases.validators import patent_check_char, resident_id_check_char, uscc_check_char

ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organisation_code(body8: str) -> str:
    """组织机构代码 (GB 11714-1997): 8 characters and a check character; it is
    characters 9-17 of a unified social credit code."""
    total = sum(ORG_CHARS.index(c) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body8 + ("X" if check == 10 else "0" if check == 11 else str(check))


def make_uscc(rng: random.Random, region_code: str) -> str:
    body8 = "".join(rng.choice("0123456789") for _ in range(8))
    first17 = f"91{region_code}{organisation_code(body8)}"
    return first17 + uscc_check_char(first17)


def make_resident_id(rng: random.Random, region_code: str) -> str:
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 40))
    first17 = f"{region_code}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + resident_id_check_char(first17)


def make_patent_number(rng: random.Random, type_digit: str) -> str:
    digits = f"{rng.randrange(2015, 2025)}{type_digit}{rng.randrange(0, 10_000_000):07d}"
    return f"{digits}.{patent_check_char(digits)}"


@dataclass
class OfficeDirectory:
    companies: list[Party] = field(default_factory=list)
    people: list[Party] = field(default_factory=list)
    agents: list[Agent] = field(default_factory=list)
    patents: dict[int, list[IPRight]] = field(default_factory=dict)  # holder pk → patents
    trademarks: list[IPRight] = field(default_factory=list)


def _party(actor: User, office: Office, counts: dict[str, int], **fields: object) -> Party:
    existing = Party.objects.filter(office=office, kind=fields["kind"],
                                    id_number=fields["id_number"]).first()
    if existing is not None:
        return existing
    counts["parties"] += 1
    return create_party(actor=actor, office=office, **fields)


def _right(actor: User, office: Office, counts: dict[str, int], **fields: object) -> IPRight:
    existing = IPRight.objects.filter(office=office, kind=fields["kind"],
                                      number=fields["number"]).first()
    if existing is not None:
        return existing
    counts["rights"] += 1
    return create_ip_right(actor=actor, office=office, **fields)


def ensure_directory(office: Office, actor: User, counts: dict[str, int], *,
                     companies: int = 14, people: int = 6) -> OfficeDirectory:
    """The office's parties and rights; the same office always gets the same ones."""
    seed = int(office.region_code)
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    areas = t.AREAS[office.region_code]
    result = OfficeDirectory()
    used_names: set[str] = set()
    for i in range(companies):
        region, address = areas[i % len(areas)]
        industry, product = t.INDUSTRIES[i % len(t.INDUSTRIES)]
        word = t.COMPANY_WORDS[(i + seed) % len(t.COMPANY_WORDS)]
        city = office.region_name.removesuffix("市")
        name = f"广西{city}{word}{industry}{t.FORMS[i % len(t.FORMS)]}"
        if name in used_names:
            name = f"{city}市{word}{industry}{t.FORMS[(i + 1) % len(t.FORMS)]}"
        used_names.add(name)
        result.companies.append(_party(
            actor, office, counts, kind=PartyKind.LEGAL, name=name,
            id_number=make_uscc(rng, region),
            domicile=address.format(street=rng.choice(t.STREETS), n=rng.randrange(1, 300)),
            region_code=region, legal_representative=fake.name(),
            phone=f"0{'771' if office.region_code == '450100' else '772'}-"
                  f"{rng.randrange(2_000_000, 9_999_999)}",
        ))
    for i in range(people):
        region, address = areas[i % len(areas)]
        result.people.append(_party(
            actor, office, counts, kind=PartyKind.NATURAL, name=fake.name(),
            id_number=make_resident_id(rng, region),
            domicile=address.format(street=rng.choice(t.STREETS), n=rng.randrange(1, 300)),
            region_code=region, phone=f"1{rng.choice('3589')}{rng.randrange(10**8, 10**9)}",
        ))
    kinds = [AgentKind.PATENT_ATTORNEY, AgentKind.LAWYER, AgentKind.PATENT_ATTORNEY,
             AgentKind.LAWYER]
    for i, agent_kind in enumerate(kinds):
        name = fake.name()
        firm = t.LAW_FIRMS[i % len(t.LAW_FIRMS)].format(w=t.COMPANY_WORDS[(i * 5) % 18])
        # Drawn before the existence check so the random sequence never depends on the
        # database: that is what makes a second run find everything again.
        license_number = f"{rng.randrange(10**9, 10**10)}"
        agent = Agent.objects.filter(office=office, name=name, firm=firm).first()
        if agent is None:
            counts["agents"] += 1
            agent = create_agent(actor=actor, office=office, name=name, kind=agent_kind,
                                 firm=firm,
                                 license_number=license_number)
        result.agents.append(agent)
    holders = result.companies[: companies // 2] + result.people[:2]
    for i, holder in enumerate(holders):
        _industry, product = t.INDUSTRIES[i % len(t.INDUSTRIES)]
        patents = []
        for kind, digit, titles in ((RightKind.INVENTION_PATENT, "1", t.INVENTION_TITLES),
                                    (RightKind.UTILITY_MODEL, "2", t.UTILITY_TITLES),
                                    (RightKind.DESIGN_PATENT, "3", t.DESIGN_TITLES)):
            number = make_patent_number(rng, digit)
            applied = date(int(number[:4]), rng.randrange(1, 13), rng.randrange(1, 29))
            granted = applied + timedelta(days=rng.randrange(200, 900) if digit == "1"
                                          else rng.randrange(120, 300))
            title = rng.choice(titles).format(p=product, v=rng.choice(t.DESIGN_VARIANTS))
            patents.append(_right(
                actor, office, counts, kind=kind, number=number, title=title, holder=holder,
                status=RightStatus.VALID, application_date=applied,
                grant_date=min(granted, date(2025, 12, 31)),
                evaluation_report_no="" if digit == "1" else
                f"{number[:4]}2{rng.randrange(10**6, 10**7)}",
            ))
        result.patents[holder.pk] = patents
    for i, (mark, nice) in enumerate(t.TRADEMARKS[:4]):
        holder = result.companies[-(i + 1)]
        result.trademarks.append(_right(
            actor, office, counts, kind=RightKind.TRADEMARK,
            number=str(rng.randrange(10_000_000, 70_000_000)), title=mark, holder=holder,
            nice_class=nice, status=RightStatus.VALID,
        ))
    return result


BULK_PARTY = "批量演示企业"
_BULK_PATENTS = ((RightKind.INVENTION_PATENT, "1", t.INVENTION_TITLES),
                 (RightKind.UTILITY_MODEL, "2", t.UTILITY_TITLES),
                 (RightKind.DESIGN_PATENT, "3", t.DESIGN_TITLES))


def bulk_directory(office: Office, actor: User, n: int, counts: dict[str, int]) -> None:
    """Up to ``n`` extra legal persons of the office, each holding one patent, for
    benchmarks: valid identifiers, written in bulk (no per-row service call).

    Party ``k`` is always the same (its random source is seeded with the office and ``k``),
    and its credit code carries ``k`` itself, so no two bulk parties collide and none can
    take a demo party's code (those have only digits there)."""
    have = Party.objects.filter(office=office, name__startswith=BULK_PARTY).count()
    if n <= have:
        return
    city = office.region_name.removesuffix("市")
    areas = t.AREAS.get(office.region_code, [(office.region_code, f"{office.region_name}"
                                                                  "{street}{n}号")])
    taken = set(IPRight.objects.filter(office=office).values_list("kind", "number"))
    parties: list[Party] = []
    plans: list[tuple[RightKind, str, str]] = []
    for k in range(have, n):
        rng = random.Random(f"{office.region_code}:{k}")  # noqa: S311 - demo data
        region, address = areas[k % len(areas)]
        industry, product = t.INDUSTRIES[k % len(t.INDUSTRIES)]
        word = t.COMPANY_WORDS[k % len(t.COMPANY_WORDS)]
        first17 = f"91{region}{organisation_code(f'B{k:07d}')}"
        parties.append(Party(
            office=office, created_by=actor, kind=PartyKind.LEGAL,
            name=f"{BULK_PARTY}{k + 1}：广西{city}{word}{industry}{t.FORMS[k % len(t.FORMS)]}",
            id_number=first17 + uscc_check_char(first17), region_code=region,
            domicile=address.format(street=rng.choice(t.STREETS), n=rng.randrange(1, 300)),
            legal_representative=rng.choice("李王张刘陈杨黄赵吴周") + rng.choice("明芳伟静强敏"),
        ))
        kind, digit, titles = _BULK_PATENTS[k % 3]
        number = make_patent_number(rng, digit)
        while (kind.value, number) in taken:
            number = make_patent_number(rng, digit)
        taken.add((kind.value, number))
        title = rng.choice(titles).format(p=product, v=rng.choice(t.DESIGN_VARIANTS))
        plans.append((kind, number, title))
    Party.objects.bulk_create(parties, batch_size=500)
    created = {p.id_number: p for p in Party.objects.filter(
        office=office, id_number__in=[p.id_number for p in parties])}
    rights = []
    for party, (kind, number, title) in zip(parties, plans, strict=True):
        applied = date(int(number[:4]), 3, 1)
        rights.append(IPRight(
            office=office, kind=kind, number=number, title=title,
            holder=created[party.id_number], status=RightStatus.VALID,
            application_date=applied, grant_date=applied + timedelta(days=365)))
    IPRight.objects.bulk_create(rights, batch_size=500)
    counts["bulk parties"] += len(parties)
    counts["bulk rights"] += len(rights)
