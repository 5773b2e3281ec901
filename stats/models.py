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
    (cases open today) is kept under :data:`stats.summary.NOW_MONTH`, the ``overdue``
    figure (open cases by the day their first officer's clock falls due) under that
    day."""

    # No index of its own: the unique key starts with the office, and a report's reads go
    # by (office, month) ranges of it (the planner preferred the office's own index and
    # filtered every row of the office's history).
    office = models.ForeignKey("cases.Office", on_delete=models.CASCADE, related_name="+",
                               db_index=False)
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
        # "Overdue now": an office's cells of the days before today, without reading its
        # other rows (stats.selectors).
        indexes = [models.Index(fields=["office", "month"], condition=models.Q(figure="overdue"),
                                name="summarycell_overdue"),
                   # The figures over all of an office's cases (the trend, the subordinate
                   # offices' rows of the office table), without walking its breakdowns'.
                   models.Index(fields=["office", "month", "figure"],
                                condition=models.Q(dim="", value=""),
                                name="summarycell_total")]

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


class Finding(models.Model):
    """A respondent found to infringe (a ruling that found infringement, a settlement with
    an admission: the workflow's ``WorkflowStatistics.infringement``), by identifier: kept
    with the summary (:mod:`stats.summary`), so that the repeat-infringer check reads the
    findings of an identifier rather than testing every case of it."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    id_number = models.CharField(max_length=18)
    # The day it was established (the workflow's ``infringement_on``), and whether the
    # decision has become effective (``infringement_effective``).
    on = models.DateField()
    effective = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "id_number"],
                                               name="finding_case_identifier")]
        indexes = [models.Index(fields=["id_number", "on"], name="finding_identifier_on")]

    def __str__(self) -> str:
        return f"{self.id_number} case {self.case_id} {self.on}"


class RepeatIdentifier(models.Model):
    """An identifier with at least :data:`stats.repeat.MIN_FINDINGS` findings: the day of
    the last of that many (its newest findings), of all and of the effective ones. It is
    a repeat infringer while that day is within the window, so the repeat infringers of
    today are one indexed range of this table whatever the number of cases."""

    id_number = models.CharField(max_length=18, primary_key=True)
    nth_on = models.DateField(null=True)
    nth_effective_on = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["nth_on"], name="repeat_nth_on"),
                   models.Index(fields=["nth_effective_on"], name="repeat_nth_effective_on")]

    def __str__(self) -> str:
        return f"{self.id_number} {self.nth_on}"
class PendingCase(models.Model):
    """A case changed since the summary last counted it: written in the transaction of the
    change (one INSERT, nothing read), counted by :func:`stats.summary.drain` after
    commit, in batches. A case changed twice is marked twice and counted once."""

    case_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"case {self.case_id}"


class RepeatCase(models.Model):
    """A case received against a repeat infringer: on the day it was received, one of its
    respondents had :data:`stats.repeat.MIN_FINDINGS` findings or more in other cases
    within the window ending that day. Kept with the summary (the figure "against a
    repeat infringer" and the case list it links to read it), so that what a report
    says of a month does not change as later findings are made."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True,
                                related_name="+")

    def __str__(self) -> str:
        return f"case {self.case_id}"
