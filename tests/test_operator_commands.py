"""What the operator's maintenance commands print is in Chinese, like setup_schedule's and
load_demo_data's, and running them again changes nothing."""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
from importlib import import_module
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands, load_command_class
from django.core.management.base import CommandError
from django.db import OperationalError
from django.utils import translation

from config.commands import OperatorCommand

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parent.parent


def _run(*args: str) -> str:
    out = StringIO()
    with translation.override("zh-hans"):
        call_command(*args, stdout=out)
    return out.getvalue()


def test_seed_defaults_twice():
    _run("seed_defaults")
    again = _run("seed_defaults")
    assert "新增期限规则：0条" in again and "新增文书模板：0个" in again
    assert "新增刑事追诉标准：0条" in again


def test_rebuild_statistics_and_seed_synonyms_twice():
    assert "已统计0件案件" in _run("rebuild_statistics")
    first = _run("seed_synonyms")
    assert "新增同义词组" in first
    assert _run("seed_synonyms").startswith("新增同义词组0组")


# --- the database down, and --help, for every command of the project -----------------------
def _project_commands() -> dict[str, str]:
    """Command name → app, for the commands this project defines."""
    return {name: app for name, app in get_commands().items()
            if REPO / ".venv" not in Path(import_module(app).__file__ or "").parents
            and REPO in Path(import_module(app).__file__ or "").parents}


def test_every_project_command_stops_on_an_unreachable_database_with_one_line():
    assert len(_project_commands()) >= 12
    for name, app in _project_commands().items():
        assert isinstance(load_command_class(app, name), OperatorCommand), name


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.django_db(False)
def test_an_unreachable_database_is_one_chinese_line_and_exit_1(tmp_path):
    port = _closed_port()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "IPCASES_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_CONNECT_TIMEOUT": "5",
           "DATABASE_URL": f"postgres://ipcases:secret@127.0.0.1:{port}/ipcases"}
    result = subprocess.run([sys.executable, "manage.py", "rebuild_statistics"], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"无法连接数据库 127.0.0.1:{port}（OperationalError: ")
    assert "请检查 DATABASE_URL" in lines[0] and "secret" not in lines[0]


def test_call_command_gets_a_command_error_naming_the_database(monkeypatch):
    def down(*args: object, **kwargs: object) -> None:
        raise OperationalError("connection refused")

    monkeypatch.setattr("stats.summary.rebuild", down)
    monkeypatch.setattr("config.commands.database_connect_error",
                        lambda: "OperationalError: connection refused")
    with translation.override("zh-hans"), pytest.raises(CommandError, match="无法连接数据库"):
        call_command("rebuild_statistics", stdout=StringIO())


def test_another_database_error_is_raised_as_it_was(monkeypatch):
    def missing(*args: object, **kwargs: object) -> None:
        raise OperationalError("no such table: stats_casefact")

    monkeypatch.setattr("stats.summary.rebuild", missing)
    with pytest.raises(OperationalError, match="no such table"):
        call_command("rebuild_statistics", stdout=StringIO())


@pytest.mark.django_db(False)
def test_help_is_in_chinese_for_every_project_command():
    """Descriptions, the commands' own options and Django's common ones."""
    for name, app in _project_commands().items():
        with translation.override("zh-hans"):
            parser = load_command_class(app, name).create_parser("manage.py", name)
            texts = [parser.description] + [a.help for a in parser._actions
                                            if a.help and a.help != argparse.SUPPRESS]
            english = [str(t) for t in texts if not re.search(r"[\u4e00-\u9fff]", str(t))]
            assert not english, (name, english)
            assert "用法" in parser.format_help() and "选项" in parser.format_help()
