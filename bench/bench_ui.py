"""Benchmark: the workbench (我的待办) and the case list with 100,000 cases.

What it measures, on a throw-away database filled by bulk inserts: N cases (default
100,000) spread over the officers of one office and its county office, each with a
requester and a respondent and one open clock; then the p50/p95 latency of whole page
requests through Django's test client (URL routing, session, scoped queries, template
rendering), for:
  - the workbench of an officer (their own cases, nearest deadline first) and of a head
    (drafts pending approval across the office tree);
  - the case list: the first page, a deep page reached by its keyset cursor, a state
    filter, a sort by case number, and (reported only) a party-name text search.
The target (issue 6) is p95 < 300 ms for the workbench and the case list.

How to run (from the repository root):
    .venv/bin/python bench/bench_ui.py                          # SQLite under a temp dir
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ipcases_bench \\
        .venv/bin/python bench/bench_ui.py                      # PostgreSQL
Options: --cases 100000, --requests 40 (per page), --size 20 (rows per page).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["IPCASES_VAR_DIR"] = tempfile.mkdtemp(prefix="ipcases-bench-")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

import time_machine  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    get_runner,
    override_settings,
    setup_test_environment,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 2, 9, tzinfo=SHANGHAI)
STATES = ["received", "accepted", "awaiting_answer", "investigation", "hearing_scheduled",
          "deliberation", "pending_approval", "decided", "served", "effective", "closed"]


def build(n: int) -> dict[str, object]:
    from cases.models import Case, CaseParty, Deadline, DeadlineRule, Office, Party, Role
    from cases.services.deadlines import end_of_day
    from cases.services.roles import ensure_role_groups
    from tests.factories import UserFactory

    ensure_role_groups()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    gx = Office.objects.create(name="广西壮族自治区知识产权局", short_name="自治区局",
                               level="province", region_code="450000", region_name="广西")
    nn = Office.objects.create(name="南宁市知识产权局", short_name="南宁局", level="city",
                               region_code="450100", region_name="南宁市", parent=gx)
    qx = Office.objects.create(name="南宁市青秀区知识产权局", short_name="青秀局",
                               level="county", region_code="450103", region_name="青秀区",
                               parent=nn)
    officers = [UserFactory(username=f"o{i}", name=f"办案员{i}", office=nn if i < 40 else qx,
                            roles=[Role.OFFICER]) for i in range(50)]
    head = UserFactory(username="head", name="负责人", office=nn, roles=[Role.HEAD])
    rule = DeadlineRule.objects.in_force("ruling.acceptance_decision", NOW.date())
    parties = Party.objects.bulk_create(
        Party(kind="legal", name=f"广西测试{i}号科技有限公司", office=nn, region_code="450103")
        for i in range(2000))
    batch = 5000
    for offset in range(0, n, batch):
        size = min(batch, n - offset)
        rows = []
        for i in range(offset, offset + size):
            officer = officers[i % len(officers)]
            rows.append(Case(
                office=officer.office, year=2020 + i % 7, sequence=i + 1,
                number=f"南知案字〔{2020 + i % 7}〕{i + 1}号", title="侵害发明专利权纠纷",
                state=STATES[i % len(STATES)],
                received_on=date(2020, 1, 1) + timedelta(days=i % 2200),
                officer_in_charge=officer))
        cases = Case.objects.bulk_create(rows)
        CaseParty.objects.bulk_create(
            [CaseParty(case=c, party=parties[(2 * j) % 2000], role="requester")
             for j, c in enumerate(cases)]
            + [CaseParty(case=c, party=parties[(2 * j + 1) % 2000], role="respondent")
               for j, c in enumerate(cases)])
        Deadline.objects.bulk_create(
            Deadline(case=c, rule=rule, code=rule.code, started_at=NOW,
                     due_on=(NOW + timedelta(days=j % 20 - 5)).date(),
                     due_at=end_of_day((NOW + timedelta(days=j % 20 - 5)).date()))
            for j, c in enumerate(cases) if c.state not in ("closed",))
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    return {"officer": officers[0], "head": head}


def measure(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return statistics.median(times), p95, len(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--size", type=int, default=20)
    args = parser.parse_args()
    setup_test_environment()
    # No collectstatic in a throw-away run: plain static URLs, as in the tests.
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
    runner = get_runner(settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        from cases.services.calendar import seed_calendar_from_package
        from cases.services.deadline_rules import seed_deadline_rules

        seed_calendar_from_package([2025, 2026])
        seed_deadline_rules()
        t0 = time.perf_counter()
        people = build(args.cases)
        print(f"database: {connection.vendor}; {args.cases} cases built in "
              f"{time.perf_counter() - t0:.0f} s")
        failed = []
        with time_machine.travel(NOW, tick=True):
            officer, head = Client(), Client()
            officer.force_login(people["officer"])
            head.force_login(people["head"])
            first = officer.get(f"/cases/?size={args.size}")
            cursor = first.context["page"].next_cursor
            deep = officer
            for _ in range(50):  # walk 50 pages deep by cursor
                page = deep.get(f"/cases/?size={args.size}&after={cursor}").context["page"]
                cursor = page.next_cursor or cursor
            pages = [
                ("workbench (officer)", officer, f"/?size={args.size}", True),
                ("workbench (head, approvals)", head,
                 f"/?state=pending_approval&size={args.size}", True),
                ("case list, first page", officer, f"/cases/?size={args.size}", True),
                ("case list, page 51 by cursor", officer,
                 f"/cases/?size={args.size}&after={cursor}", True),
                ("case list, state filter", officer,
                 f"/cases/?state=investigation&size={args.size}", True),
                ("case list, sorted by number", officer,
                 f"/cases/?sort=-number&size={args.size}", True),
                ("case list, party-name search", officer,
                 f"/cases/?q=测试1999号&size={args.size}", False),
            ]
            for label, client, url, counted in pages:
                client.get(url)  # warm caches (calendar, templates)
                p50, p95, n = measure(client, url, args.requests)
                verdict = ("ok" if p95 < 300 else "SLOW") if counted else "info"
                if counted and p95 >= 300:
                    failed.append(label)
                print(f"RESULT {label:32s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
                      f"({n} requests) {verdict}")
        print("RESULT target p95 < 300 ms: " + ("met" if not failed else
                                                 "missed for " + ", ".join(failed)))
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
