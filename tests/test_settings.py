"""Settings as an operator meets them: the embedded default, production, and typos.

Every case starts a fresh Python process with a clean environment, because settings
are read once at start-up and the test process's own settings are already loaded.
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
from config.celery import app
conn = app.connection_for_write()
print(json.dumps({
    "debug": s.DEBUG,
    "database_engine": s.DATABASES["default"]["ENGINE"],
    "database_name": str(s.DATABASES["default"]["NAME"]),
    "database_host": s.DATABASES["default"].get("HOST", ""),
    "conn_max_age": s.DATABASES["default"].get("CONN_MAX_AGE"),
    "broker_url": app.conf.broker_url,
    "broker_transport": conn.transport.driver_type,
    "broker_folders": sorted((app.conf.broker_transport_options or {}).values(), key=str),
    "task_always_eager": app.conf.task_always_eager,
    "beat_scheduler": s.CELERY_BEAT_SCHEDULER,
    "timezone_celery": str(app.conf.timezone),
    "search_backend": s.SEARCH_BACKEND,
    "search_dir": str(s.SEARCH_EMBEDDED_DIR),
    "media_root": str(s.MEDIA_ROOT),
    "language_code": s.LANGUAGE_CODE,
    "time_zone": s.TIME_ZONE,
    "use_tz": s.USE_TZ,
    "secret_key": s.SECRET_KEY,
    "log_formatter": s.LOGGING["handlers"]["console"]["formatter"],
}))
"""


def run(args: list[str], var_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "IPCASES_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **env,
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def settings_in(var_dir: Path, **env: str) -> dict[str, Any]:
    result = run(["-c", PRINT_SETTINGS], var_dir, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_default_needs_nothing_and_keeps_everything_under_var(tmp_path):
    var = tmp_path / "var"
    got = settings_in(var)

    assert got["debug"] is False
    assert got["database_engine"] == "django.db.backends.sqlite3"
    assert got["database_name"] == str(var / "db.sqlite3")
    assert got["broker_url"] == "filesystem://"
    assert got["broker_transport"] == "filesystem"
    folders = [f for f in got["broker_folders"] if isinstance(f, str)]
    assert folders and all(f.startswith(str(var)) for f in folders)
    assert got["task_always_eager"] is False
    assert got["beat_scheduler"] == "django_celery_beat.schedulers:DatabaseScheduler"
    assert got["search_backend"] == "embedded"
    assert got["search_dir"].startswith(str(var))
    assert got["media_root"].startswith(str(var))
    assert (got["language_code"], got["time_zone"], got["use_tz"]) == (
        "zh-hans",
        "Asia/Shanghai",
        True,
    )
    assert got["timezone_celery"] == "Asia/Shanghai"
    assert got["log_formatter"] == "json"


def test_generated_secret_key_is_private_and_survives_a_restart(tmp_path):
    var = tmp_path / "var"
    first = settings_in(var)["secret_key"]
    second = settings_in(var)["secret_key"]

    assert first == second
    assert isinstance(first, str) and len(first) >= 50
    key_file = var / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_production_switches_select_postgres_and_redis(tmp_path):
    got = settings_in(
        tmp_path / "var",
        DATABASE_URL="postgres://ipcases:pw@db.example.gov.cn:5432/ipcases",
        CELERY_BROKER_URL="redis://redis.example.gov.cn:6379/0",
        ELASTICSEARCH_URL="https://es.example.gov.cn:9200",
        LOG_FORMAT="text",
    )

    assert got["database_engine"] == "django.db.backends.postgresql"
    assert got["database_host"] == "db.example.gov.cn"
    assert got["conn_max_age"] == 60
    assert got["broker_url"] == "redis://redis.example.gov.cn:6379/0"
    assert got["broker_transport"] == "redis"
    assert got["search_backend"] == "cluster"
    assert got["log_formatter"] == "text"


def test_production_configuration_passes_the_deploy_check_without_warnings(tmp_path):
    result = run(
        ["manage.py", "check", "--deploy"],
        tmp_path / "var",
        DEBUG="false",
        HTTPS="true",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="ipcases.example.gov.cn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output


def test_deploy_check_does_warn_about_an_insecure_configuration(tmp_path):
    """The check above must be able to fail: plain HTTP is reported."""
    result = run(
        ["manage.py", "check", "--deploy"],
        tmp_path / "var",
        HTTPS="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="ipcases.example.gov.cn",
    )
    assert "WARNINGS" in result.stdout + result.stderr
    assert "SECURE_SSL_REDIRECT" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DEBUG", "maybe"),
        ("HTTPS", "ture"),
        ("BEHIND_PROXY", "sometimes"),
        ("LOG_FORMAT", "xml"),
        ("SEARCH_BACKEND", "foo"),
        ("SEARCH_CLUSTER_FLAVOUR", "solr"),
        # Numbers name the variable (django-environ alone says "invalid literal for int()",
        # or for a float reads "abc" as "").
        ("AXES_FAILURE_LIMIT", "five"),
        ("SEARCH_WRITE_LOCK_TIMEOUT", "abc"),
        ("DOCUMENTS_RENDER_TIMEOUT", "ten"),
        ("DOCUMENTS_RENDER_TIMEOUT", "0"),
        ("DOCUMENTS_RENDER_TIMEOUT", "nan"),
        ("DOCUMENTS_RENDER_MEMORY_MB", "-1"),
        ("DOCUMENTS_MAX_UPLOAD_BYTES", "20MB"),
        ("DOCUMENTS_MAX_UPLOAD_BYTES", "0"),
        ("DOCUMENTS_PDF_TIMEOUT", "two minutes"),
        ("DOCUMENTS_PDF_TIMEOUT", "-5"),
        ("DOCUMENTS_PDF_MEMORY_MB", "1G"),
        ("DOCUMENTS_PDF_MEMORY_MB", "10"),
        ("DOCUMENTS_SOFFICE", " "),
        ("DEADLINE_REMINDER_LEAD_WORKING_DAYS", "3,x"),
        # An engine's address with an unknown scheme or no host stops start-up, instead of
        # failing at the first request (the database) or the first task (the broker).
        ("DATABASE_URL", "postgress://postgres@db.example.gov.cn/ipcases"),
        ("DATABASE_URL", "db.example.gov.cn"),
        ("CELERY_BROKER_URL", "redsi://redis.example.gov.cn:6379/0"),
        ("CELERY_BROKER_URL", "redis://"),
        ("ELASTICSEARCH_URL", "es.example.gov.cn:9200"),
        ("SEARCH_BACKEND", "cluster"),  # without ELASTICSEARCH_URL
        ("CELERY_RESULT_BACKEND", "django_db"),
    ],
)
def test_a_malformed_value_stops_start_up_naming_the_variable(tmp_path, variable, value):
    result = run(["manage.py", "check"], tmp_path / "var", **{variable: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.strip().splitlines()[-1]
