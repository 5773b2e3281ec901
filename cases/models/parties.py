"""Parties to disputes (当事人) and their agents (代理人)."""

from __future__ import annotations

from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.models.offices import region_code_validator
from cases.validators import (
    clean_name,
    validate_phone,
    validate_resident_id,
    validate_uscc,
)


class PartyKind(models.TextChoices):
    NATURAL = "natural", _("Natural person")
    LEGAL = "legal", _("Legal person")
    ORGANISATION = "organisation", _("Unincorporated organisation")


class Party(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)
    name = models.CharField(_("name"), max_length=200)
    id_number = models.CharField(
        _("identifier"), max_length=18, blank=True,
        help_text=_("Resident identity number for a natural person; unified social credit "
                    "code for a legal person or organisation."),
    )
    domicile = models.CharField(_("domicile / address"), max_length=300, blank=True)
    region_code = models.CharField(_("region code of the domicile"), max_length=6, blank=True,
                                   validators=[region_code_validator])
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mail"), blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=50,
                                            blank=True)
    office = models.ForeignKey("cases.Office", verbose_name=_("registered by office"),
                               on_delete=models.PROTECT, related_name="parties")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["office", "kind", "id_number"],
                                    condition=~Q(id_number=""), name="uniq_party_identifier"),
        ]
        indexes = [models.Index(fields=["name"], name="party_name"),
                   models.Index(fields=["id_number"], name="party_id_number")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_natural_person(self) -> bool:
        return self.kind == PartyKind.NATURAL

    @property
    def id_label(self) -> str:
        return str(_("Resident identity number") if self.is_natural_person
                   else _("Unified social credit code"))

    def clean(self) -> None:
        errors: dict[str, list[ValidationError]] = {}
        self.name = clean_name(self.name)
        if not self.name:
            errors["name"] = [ValidationError(_("Enter the name in visible characters."),
                                              code="blank_name")]
        self.legal_representative = clean_name(self.legal_representative)
        self.id_number = (self.id_number or "").strip().upper()
        if self.id_number:
            try:
                if self.is_natural_person:
                    validate_resident_id(self.id_number)
                else:
                    validate_uscc(self.id_number)
            except ValidationError as exc:
                errors["id_number"] = exc.error_list
        # Checked whether or not an identifier was given: a natural person never has one.
        if self.is_natural_person and self.legal_representative:
            errors["legal_representative"] = [ValidationError(_(
                "A natural person has no legal representative."), code="no_representative")]
        if errors:
            raise ValidationError(errors)

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # The unique constraint's own message names neither the field nor the other record;
        # the same rule checked here does both (and runs before the constraint, so the
        # generic message never appears).
        if self.office_id and self.id_number:
            other = (Party.objects.filter(office_id=self.office_id, kind=self.kind,
                                          id_number=self.id_number)
                     .exclude(pk=self.pk).first())
            if other is not None:
                field = "id_number" if not exclude or "id_number" not in exclude else (
                    NON_FIELD_ERRORS)
                raise ValidationError({field: [ValidationError(
                    _("This office has already registered a party with the identifier "
                      "%(number)s: %(name)s."), code="duplicate_party",
                    params={"number": self.id_number, "name": other.name})]})
        super().validate_constraints(exclude)


class AgentKind(models.TextChoices):
    LAWYER = "lawyer", _("Lawyer")
    PATENT_ATTORNEY = "patent_attorney", _("Patent attorney")
    CITIZEN = "citizen", _("Citizen agent")
    EMPLOYEE = "employee", _("Employee")


class Agent(models.Model):
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=AgentKind.choices)
    firm = models.CharField(_("firm"), max_length=200, blank=True)
    license_number = models.CharField(_("licence number"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_phone])
    office = models.ForeignKey("cases.Office", verbose_name=_("registered by office"),
                               on_delete=models.PROTECT, related_name="agents")

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.firm}）" if self.firm else self.name

    def clean(self) -> None:
        self.name = clean_name(self.name)
        if not self.name:
            raise ValidationError({"name": [ValidationError(
                _("Enter the name in visible characters."), code="blank_name")]})
