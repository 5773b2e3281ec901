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
