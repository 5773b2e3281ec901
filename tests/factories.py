"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import factory
from django.contrib.auth.models import Group

from cases.models import Office, OfficeLevel, User


class OfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Office
        django_get_or_create = ("region_code",)

    name = factory.Sequence(lambda n: f"测试市{n}知识产权局")
    short_name = factory.LazyAttribute(lambda o: o.name[:6])
    level = OfficeLevel.CITY
    region_code = factory.Sequence(lambda n: f"{459000 + n:06d}")
    region_name = factory.Sequence(lambda n: f"测试市{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Faker("name", locale="zh_CN")
    office = factory.SubFactory(OfficeFactory)
    is_staff = True
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create or not extracted:
            return
        for role in extracted:
            group, _ = Group.objects.get_or_create(name=role)
            self.groups.add(group)
        self.__dict__.pop("roles", None)  # drop the cached_property


def make_uscc(n: int, region: str = "450100") -> str:
    from cases.validators import uscc_check_char

    body = f"91{region}{n:09d}"[:17]
    body = body.replace("I", "1").replace("O", "0")
    return body + uscc_check_char(body)


def make_resident_id(n: int, region: str = "450103", born: str = "19850612") -> str:
    from cases.validators import resident_id_check_char

    body = f"{region}{born}{n % 1000:03d}"
    return body + resident_id_check_char(body)


def make_patent_number(n: int, kind_digit: str = "1", year: int = 2020) -> str:
    from cases.validators import patent_check_char

    digits = f"{year}{kind_digit}{n % 10_000_000:07d}"
    return f"{digits}.{patent_check_char(digits)}"


class LegalPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Party"

    kind = "legal"
    name = factory.Sequence(lambda n: f"广西某某科技有限公司{n}")
    id_number = factory.Sequence(lambda n: make_uscc(n + 1))
    domicile = "广西壮族自治区南宁市青秀区民族大道100号"
    region_code = "450103"
    legal_representative = "张三"
    office = factory.SubFactory(OfficeFactory)


class NaturalPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Party"

    kind = "natural"
    name = factory.Faker("name", locale="zh_CN")
    id_number = factory.Sequence(lambda n: make_resident_id(n))
    domicile = "广西壮族自治区南宁市西乡塘区大学东路1号"
    region_code = "450107"
    phone = "13800138000"
    office = factory.SubFactory(OfficeFactory)


class AgentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.Agent"

    name = factory.Faker("name", locale="zh_CN")
    kind = "patent_attorney"
    firm = "南宁某某专利代理事务所"
    office = factory.SubFactory(OfficeFactory)


class PatentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.IPRight"

    kind = "invention_patent"
    number = factory.Sequence(lambda n: make_patent_number(n + 1))
    title = "一种电动车控制器"
    status = "valid"
    office = factory.SubFactory(OfficeFactory)
    holder_name = "专利权人"


class TrademarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cases.IPRight"

    kind = "trademark"
    number = factory.Sequence(lambda n: str(10_000_000 + n))
    title = "壮乡"
    nice_class = 30
    office = factory.SubFactory(OfficeFactory)
    holder_name = "商标权人"


class PartyFactory(LegalPersonFactory):
    """Any party: a legal person with a valid credit code, or with ``natural=True`` a
    natural person with a valid resident ID (and no legal representative)."""

    class Params:
        natural = factory.Trait(
            kind="natural",
            name=factory.Faker("name", locale="zh_CN"),
            id_number=factory.Sequence(lambda n: make_resident_id(n + 500)),
            legal_representative="",
            domicile="广西壮族自治区南宁市西乡塘区大学东路1号",
            region_code="450107",
        )
