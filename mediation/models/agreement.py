"""Sessions, the mediation agreement (调解协议书) and its terms.

The agreement carries what 人民调解法 art. 29 requires: the parties (the case's parties),
the facts and the issues in dispute, and the agreed terms, each saying who performs
what, how much and by when. It is signed by both parties and the mediator; the mediator
records each party's signature (a party signs on paper in front of the mediator).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mediation.guards import right_determination_message

CENT = Decimal("0.01")


def _cents(total: Decimal | int) -> Decimal:
    """A sum of amounts in yuan and fen: SQLite adds decimals as floats and gives 12,345.60
    back as 12345.6000000000, more digits than the amount fields hold."""
    return Decimal(total).quantize(CENT)


class MediationSession(models.Model):
    """One mediation session: when and where (or online), who attended, the minutes
    (调解笔录), each party's position, and whether the parties confirmed the minutes."""

    mediation = models.ForeignKey(
        "mediation.MediationCase", verbose_name=_("mediation case"), on_delete=models.CASCADE,
        related_name="sessions",
    )
    n = models.PositiveSmallIntegerField(_("session number"))
    scheduled_at = models.DateTimeField(_("scheduled for"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("held online"), default=False)
    online_link = models.CharField(_("online meeting room"), max_length=200, blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    attendees = models.JSONField(_("attendees"), default=list, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    requester_position = models.TextField(_("requester's position"), blank=True)
    respondent_position = models.TextField(_("respondent's position"), blank=True)
    confirmed_by_parties = models.BooleanField(_("minutes confirmed by the parties"),
                                               default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        ordering = ["mediation", "n"]
        constraints = [
            models.UniqueConstraint(fields=["mediation", "n"], name="uniq_mediation_session_n"),
        ]
        indexes = [models.Index(fields=["scheduled_at"], name="mediation_session_at")]

    def __str__(self) -> str:
        return gettext("Session %(n)s") % {"n": self.n}

    @property
    def is_overdue(self) -> bool:
        """Its time has passed and it is not recorded as held: the mediator has to record
        it or fix it again."""
        return self.held_at is None and self.scheduled_at < timezone.now()

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.online and not self.place:
            errors["place"] = gettext("Place: name where the session is held, or mark it "
                                      "as held online.")
        if self.held_at is not None:
            if self.held_at > timezone.now():
                errors["held_at"] = gettext("Held at: a session cannot be recorded as held "
                                            "in the future.")
            if not self.minutes.strip():
                errors["minutes"] = gettext("Minutes: a session that took place needs its "
                                            "minutes.")
            if not self.attendees:
                errors["attendees"] = gettext("Attendees: list who attended the session.")
        if errors:
            raise ValidationError(errors)


class Agreement(models.Model):
    """调解协议书 of a mediation case."""

    mediation = models.OneToOneField(
        "mediation.MediationCase", verbose_name=_("mediation case"), primary_key=True,
        on_delete=models.CASCADE, related_name="agreement",
    )
    number = models.CharField(_("agreement number"), max_length=60, blank=True)
    facts = models.TextField(_("facts"))
    issues = models.TextField(_("issues in dispute"))
    other_terms = models.TextField(_("other agreed matters"), blank=True)
    mediator_signed_on = models.DateField(_("signed by the mediator on"), null=True,
                                          blank=True)
    effective_on = models.DateField(_("takes effect on"), null=True, blank=True)

    class Meta:
        verbose_name = _("mediation agreement")
        verbose_name_plural = _("mediation agreements")

    def __str__(self) -> str:
        return self.number or gettext("Mediation agreement of %(case)s") % {
            "case": self.mediation}

    def clean(self) -> None:
        message = right_determination_message(self.other_terms)
        if message:
            raise ValidationError({"other_terms": message})

    def amount_total(self) -> Decimal | None:
        total = self.terms.aggregate(total=Sum("amount"))["total"]
        return None if total is None else _cents(total)

    def amount_paid(self) -> Decimal:
        return _cents(self.terms.aggregate(total=Sum("amount_paid"))["total"] or 0)

    def missed_terms(self, today: date | None = None) -> QuerySet[AgreementTerm]:
        today = today or timezone.localdate()
        return self.terms.filter(done_on__isnull=True, due_on__lt=today)

    def problems(self) -> list[str]:
        """Why the agreement cannot be concluded yet, in the mediator's words; empty when
        it can."""
        found: list[str] = []
        if not self.facts.strip() or not self.issues.strip():
            found.append(gettext("The agreement must state the facts and the issues in "
                                 "dispute."))
        terms = list(self.terms.all())
        if not terms:
            found.append(gettext("The agreement has no agreed terms."))
        for term in terms:
            message = right_determination_message(term.description)
            if message:
                found.append(gettext("Term %(n)s: %(message)s") % {"n": term.n,
                                                                    "message": message})
        message = right_determination_message(self.other_terms)
        if message:
            found.append(message)
        party_ids = set(self.mediation.case.case_parties.values_list("party_id", flat=True))
        signed = set(self.signatures.values_list("party_id", flat=True))
        if not party_ids:
            found.append(gettext("The case has no parties to sign the agreement."))
        elif party_ids - signed:
            found.append(gettext("Every party must sign the agreement."))
        if self.mediator_signed_on is None:
            found.append(gettext("The mediator must sign the agreement."))
        return found


class AgreementSignature(models.Model):
    """A party signed the agreement (recorded by the mediator who witnessed it)."""

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"),
                                  on_delete=models.CASCADE, related_name="signatures")
    party = models.ForeignKey("cases.Party", verbose_name=_("party"), on_delete=models.PROTECT,
                              related_name="+")
    signed_on = models.DateField(_("signed on"))
    signatory = models.CharField(_("signed by"), max_length=100,
                                 help_text=_("The party itself, its legal representative or "
                                             "its authorised agent."))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agreement signature")
        verbose_name_plural = _("agreement signatures")
        ordering = ["signed_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"],
                                    name="uniq_agreement_signature_party"),
        ]

    def __str__(self) -> str:
        return f"{self.party}（{self.signed_on}）"


class TermKind(models.TextChoices):
    PAYMENT = "payment", _("Payment")
    CEASE = "cease", _("Stop the infringing acts")
    DESTROY = "destroy", _("Destroy infringing goods or moulds")
    LICENCE = "licence", _("Take a licence")
    WITHDRAW = "withdraw_proceedings", _("Withdraw a suit or request")
    OTHER = "other", _("Other undertaking")


class AgreementTerm(models.Model):
    """One agreed term and how it is performed: who does what, how much, by when."""

    agreement = models.ForeignKey(Agreement, verbose_name=_("agreement"),
                                  on_delete=models.CASCADE, related_name="terms")
    n = models.PositiveSmallIntegerField(_("term number"))
    kind = models.CharField(_("kind"), max_length=20, choices=TermKind.choices)
    obligor = models.ForeignKey("cases.Party", verbose_name=_("who performs"),
                                on_delete=models.PROTECT, related_name="+")
    description = models.TextField(_("what is to be done"))
    amount = models.DecimalField(_("amount (yuan)"), max_digits=14, decimal_places=2,
                                 null=True, blank=True)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("performed on"), null=True, blank=True)
    amount_paid = models.DecimalField(_("amount paid (yuan)"), max_digits=14,
                                      decimal_places=2, default=Decimal("0"))
    evidence = models.TextField(_("evidence of performance"), blank=True)

    class Meta:
        verbose_name = _("agreement term")
        verbose_name_plural = _("agreement terms")
        ordering = ["agreement", "n"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "n"], name="uniq_agreement_term_n"),
        ]
        indexes = [models.Index(fields=["done_on", "due_on"], name="agreement_term_due")]

    def __str__(self) -> str:
        return gettext("Term %(n)s") % {"n": self.n}

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()

    def clean(self) -> None:
        errors: dict[str, str] = {}
        message = right_determination_message(self.description)
        if message:
            errors["description"] = message
        if self.kind == TermKind.PAYMENT and not self.amount:
            errors["amount"] = gettext("Amount: a payment term needs the amount to pay.")
        if self.amount is not None and self.amount < 0:
            errors["amount"] = gettext("Amount: an amount cannot be negative.")
        if self.amount_paid < 0:
            errors["amount_paid"] = gettext("Amount paid: an amount cannot be negative.")
        elif self.amount is not None and self.amount_paid > self.amount:
            errors["amount_paid"] = gettext(
                "Amount paid: %(paid)s is more than the %(amount)s the term requires."
            ) % {"paid": self.amount_paid, "amount": self.amount}
        if self.done_on is not None and self.done_on > timezone.localdate():
            errors["done_on"] = gettext("Performed on: the date cannot be in the future.")
        if errors:
            raise ValidationError(errors)
