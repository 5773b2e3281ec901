"""Gapless sequences per office, kind and year (案件编号, 文号)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NumberSequence(models.Model):
    """The last number used. Allocation locks this row inside the caller's transaction, so a
    number is used exactly when the transaction that took it commits: no gaps, no duplicates.
    """

    office = models.ForeignKey(
        "cases.Office", verbose_name=_("office"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("document kind"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last number used"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(fields=["office", "kind", "year"], name="uniq_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.kind} {self.year}：{self.last_value}"
