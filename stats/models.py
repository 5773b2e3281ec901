"""The statistics' summary table (kept by :mod:`stats.summary`, read by
:mod:`stats.selectors`): the page's figures pre-aggregated by office subtree and month, so
that a report reads a few thousand rows whatever the number of cases."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SummaryCell(models.Model):
    """One figure of the cases of an office's subtree (the office and every office below
    it) counted in a month, for one workflow and one breakdown value.

    ``dim`` is empty for the figure over all the office's cases (``value`` is then empty,
    or the working days to close for the ``days`` histogram), else the breakdown ("ip",
    "officer", "act" or a workflow's declared lookup such as "ruling__platform") and
    ``value`` its value. ``month`` is the first day of the month; the ``open_now`` figure
    (cases open today) is kept under :data:`stats.summary.NOW_MONTH`."""

    office = models.ForeignKey("cases.Office", on_delete=models.CASCADE, related_name="+")
    workflow = models.CharField(max_length=30)
    month = models.DateField()
    figure = models.CharField(max_length=60)
    dim = models.CharField(max_length=60, blank=True)
    value = models.CharField(max_length=200, blank=True)
    n = models.IntegerField(default=0)
    # Working days to close summed over the cases counted (the ``closed`` figure).
    days = models.BigIntegerField(default=0)
    # The figure's amounts summed (a mediation's agreed and paid amounts).
    amount0 = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    amount1 = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("statistics summary cell")
        verbose_name_plural = _("statistics summary cells")
        constraints = [models.UniqueConstraint(
            fields=["office", "month", "workflow", "figure", "dim", "value"],
            name="summarycell_key")]

    def __str__(self) -> str:
        return f"{self.office_id} {self.month:%Y-%m} {self.workflow} {self.figure} {self.n}"


class CaseInputs(models.Model):
    """What a case contributes to the summary, as last counted: a transition compares it
    with the case as it now is and moves only the difference."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True,
                                related_name="+")
    inputs = models.JSONField()

    def __str__(self) -> str:
        return f"case {self.case_id}"


class CaseMark(models.Model):
    """A day a case was suspended or had its time limit extended: counted as distinct
    cases over a period (a case suspended twice in the period counts once), so kept
    per case rather than summed by month."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    office = models.ForeignKey("cases.Office", on_delete=models.CASCADE, related_name="+")
    workflow = models.CharField(max_length=30)
    figure = models.CharField(max_length=20)
    day = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["figure", "day", "office"], name="casemark_figure_day")]

    def __str__(self) -> str:
        return f"case {self.case_id} {self.figure} {self.day}"


class PendingCase(models.Model):
    """A case changed since the summary last counted it: written in the transaction of the
    change (one INSERT, nothing read), counted by :func:`stats.summary.drain` after
    commit, in batches. A case changed twice is marked twice and counted once."""

    case_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"case {self.case_id}"
