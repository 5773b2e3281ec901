import django,os,time;os.environ['DJANGO_SETTINGS_MODULE']='config.settings';django.setup()
from datetime import date
from django.db import connection
from django.test.utils import CaptureQueriesContext, setup_test_environment
from django.test import Client
from django.conf import settings
from django.db.models import Count
from cases.models import Office, Role, User
from tests.factories import UserFactory
setup_test_environment()
settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
county=Office.objects.get(parent__isnull=True)
u=User.objects.filter(username="rhead2").first() or UserFactory(username="rhead2", office=county, roles=[Role.HEAD])
c=Client(); c.force_login(u)
url=f"/statistics/?office={county.pk}&start=2025-12-01&end=2026-11-30"
c.get(url)
import cProfile, pstats
with CaptureQueriesContext(connection) as ctx:
    t0=time.perf_counter(); cProfile.run("c.get(url)", "/tmp/stats_page.out"); t1=time.perf_counter()
print("page", (t1-t0)*1000, "sql", sum(float(q['time']) for q in ctx.captured_queries)*1000)
for q in sorted(ctx.captured_queries, key=lambda q: -float(q['time']))[:6]:
    print(q['time'], q['sql'][:200])
pstats.Stats("/tmp/stats_page.out").sort_stats("cumulative").print_stats(25)
