"""An engine that cannot be reached stops start-up with a sentence naming its setting
(config.startup): the web server and the Celery worker without their database, and
``manage.py check --deploy`` (the README's production procedure) for every engine.

Port 1 on this machine refuses connections, so nothing needs to run. Each case starts a
fresh process, as in tests/test_settings.py: settings are read once at start-up."""

from __future__ import annotations

from tests.test_settings import run

UNREACHABLE_DB = "postgres://ipcases:s3cret-pw@127.0.0.1:1/ops_unreachable"


def test_the_deploy_check_names_each_engine_it_cannot_reach(tmp_path):
    result = run(["manage.py", "check", "--deploy"], tmp_path / "var",
                 DATABASE_URL=UNREACHABLE_DB,
                 CELERY_BROKER_URL="redis://:s3cret-pw@127.0.0.1:1/0",
                 ELASTICSEARCH_URL="http://elastic:s3cret-pw@127.0.0.1:1")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "DATABASE_URL: cannot connect to the database at 127.0.0.1:1" in output
    assert "CELERY_BROKER_URL: cannot connect to the broker at 127.0.0.1:1" in output
    assert "ELASTICSEARCH_URL: the search cluster at 127.0.0.1:1 does not answer" in output
    assert "s3cret-pw" not in output


def test_the_web_server_does_not_start_without_its_database(tmp_path):
    result = run(["-c", "import config.wsgi"], tmp_path / "var", DATABASE_URL=UNREACHABLE_DB)
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert "DATABASE_URL: cannot connect to the database at 127.0.0.1:1" in last
    assert "s3cret-pw" not in result.stderr


def test_the_worker_does_not_start_without_its_database(tmp_path):
    result = run(["-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"],
                 tmp_path / "var", DATABASE_URL=UNREACHABLE_DB, CELERY_BROKER_URL="memory://")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "ipcases cannot start: DATABASE_URL: cannot connect" in result.stderr
    assert "ready." not in result.stderr


def test_reachable_engines_start(tmp_path):
    """The embedded default (SQLite, filesystem broker, embedded index) starts."""
    result = run(["-c", "import config.wsgi; print('started')"], tmp_path / "var")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("started")
