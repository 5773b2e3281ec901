"""The threshold flag (涉嫌犯罪，应当移送) of a case whose figures reach a criminal threshold."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ThresholdFlag(models.Model):
    """A case's figures reach the threshold of an offence in force on the case's date.

    It stays until the figures fall below every threshold, the case is referred to public
    security, or the head of office records why it is not referred (``waived_*``): only
    then may the case be closed otherwise (the office may not fine instead of referring).
    """

    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), primary_key=True, on_delete=models.CASCADE,
        related_name="threshold_flag",
    )
    judged_on = models.DateField(_("judged by the rules in force on"))
    summary = models.TextField(_("rule and figures"))
    hits = models.JSONField(_("thresholds reached"), default=list)
    flagged_at = models.DateTimeField(_("flagged at"), auto_now=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("not referred, decided by"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="+")
    waived_at = models.DateTimeField(_("not referred, decided at"), null=True, blank=True)
    waiver_reason = models.TextField(_("why the case is not referred"), blank=True)

    class Meta:
        verbose_name = _("criminal threshold flag")
        verbose_name_plural = _("criminal threshold flags")

    def __str__(self) -> str:
        return self.summary

    @property
    def is_waived(self) -> bool:
        return self.waived_at is not None
