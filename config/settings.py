"""Settings, all read from the environment (django-environ).

Every value has a default that runs the embedded mode (SQLite, tantivy index and files
under ``var/``, Celery on a filesystem broker): nothing to install, nothing to configure.
Production switches each engine on with one variable: ``DATABASE_URL``,
``CELERY_BROKER_URL``, ``ELASTICSEARCH_URL``. A malformed value stops start-up with
django-environ's error rather than being guessed at.
"""

from __future__ import annotations

import builtins
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


class _StrictEnv(environ.Env):
    """django-environ reads any unknown word as False; a typo such as ``HTTPS=ture``
    must stop start-up instead of silently switching transport security off."""

    _TRUE = frozenset({"1", "true", "yes", "on", "y", "t"})
    _FALSE = frozenset({"0", "false", "no", "off", "n", "f", ""})

    def bool(self, var: str, default: object = environ.Env.NOTSET) -> bool:
        raw = self.get_value(var, cast=str, default=default)
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in self._TRUE:
            return True
        if text in self._FALSE:
            return False
        raise ImproperlyConfigured(f"{var} must be true or false, not {raw!r}")

    # django-environ's own casts raise a bare ValueError that does not name the variable,
    # and its float() drops every character that is not a digit ("abc" becomes "").
    def int(self, var: str, default: object = environ.Env.NOTSET) -> int:
        raw = self.get_value(var, cast=str, default=default)
        if isinstance(raw, int):
            return raw
        try:
            return int(str(raw).strip())
        except ValueError:
            raise ImproperlyConfigured(f"{var} must be a whole number, not {raw!r}") from None

    def float(self, var: str, default: object = environ.Env.NOTSET) -> float:
        raw = self.get_value(var, cast=str, default=default)
        if isinstance(raw, float | int):
            return float(raw)
        try:
            return float(str(raw).strip())
        except ValueError:
            raise ImproperlyConfigured(f"{var} must be a number, not {raw!r}") from None

    def int_list(self, var: str, default: list[builtins.int]) -> list[builtins.int]:
        raw = self.get_value(var, cast=str, default=",".join(map(str, default)))
        try:
            return [int(part) for part in str(raw).split(",") if part.strip()]
        except ValueError:
            raise ImproperlyConfigured(
                f"{var} must be whole numbers separated by commas, not {raw!r}") from None

    def url_with_scheme(self, var: str, default: str, schemes: set[str]) -> str:
        """A service's address: a known scheme (and a host where the scheme needs one),
        so a typo stops start-up instead of failing at the first request or task."""
        value = self.str(var, default=default).strip()
        if not value:
            return value
        parsed = urlsplit(value)
        scheme = parsed.scheme.lower()
        if scheme not in schemes:
            raise ImproperlyConfigured(
                f"{var} must start with one of {', '.join(sorted(s + '://' for s in schemes))}"
                f", not {value.split('@')[-1]!r}")
        if scheme not in {"filesystem", "memory"} and not parsed.hostname:
            raise ImproperlyConfigured(f"{var} names no host: {value.split('@')[-1]!r}")
        return value


env = _StrictEnv()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

VAR_DIR = Path(env.str("IPCASES_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, or a key generated once for this installation."""
    configured = env.str("SECRET_KEY", default="")
    if configured:
        return configured
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# HTTPS=true is the production switch for every transport-security setting at once.
HTTPS = env.bool("HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_celery_results",
    "django_fsm",
    "axes",
    "knox",
    "cases",
    "cases.ruling",
    "cases.complaints",
    "cases.referral",
    "mediation",
    "documents",
    "search",
    "stats",
]

MIDDLEWARE = [
    # Not a step of the chain: freezes the worker's long-lived objects after its first
    # request, so that the collector's full passes stop pausing pages (config/heap.py).
    "config.heap.FreezeHeapAfterFirstRequest",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so static files keep their long cache lifetime.
    "config.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.language.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a login refused for too many failures into the lockout answer.
    "axes.middleware.AxesMiddleware",
    # Last, so its process_exception sees a view's database failure first.
    "config.failures.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
_SUPPORTED_DATABASES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}
if DATABASES["default"].get("ENGINE") not in _SUPPORTED_DATABASES:
    raise ImproperlyConfigured(
        "DATABASE_URL must be postgres://user:password@host:5432/name or "
        "sqlite:////absolute/path/db.sqlite3")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes SQLite's write lock at BEGIN, so two writers serialise instead of
    # failing half-way with "database is locked"; WAL lets readers run alongside.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
    # A row lock held too long (a stuck transaction) ends the waiting request with an
    # OperationalError, answered as a 503 (config.failures), instead of hanging it.
    _lock_timeout_ms = env.int("DATABASE_LOCK_TIMEOUT_MS", default=10_000)
    if _lock_timeout_ms > 0:
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = (f"{_options.get('options', '')} "
                               f"-c lock_timeout={_lock_timeout_ms}").strip()
    # An unreachable server fails a connection (start-up, a request, a task) after this
    # many seconds instead of after the operating system's TCP timeout of minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=10))
    # Server-side prepared statements (decision 75): psycopg binds the parameters on the
    # server and prepares a statement on a connection once it has run this many times,
    # so PostgreSQL skips parsing (and, on a generic plan, planning) it afterwards. 0
    # turns it off (client-side binding, Django's default): needed behind a pooler in
    # transaction mode (PgBouncer without max_prepared_statements), where a connection's
    # prepared statements are not the session's.
    _prepare_threshold = env.int("DATABASE_PREPARE_THRESHOLD", default=5)
    if _prepare_threshold > 0:
        DATABASES["default"]["OPTIONS"].update(
            {"server_side_binding": True, "prepare_threshold": _prepare_threshold})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The workflow of a case filed through the API without naming one (cases.workflows).
DEFAULT_WORKFLOW = "ruling"

AUTH_USER_MODEL = "cases.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"
# django-axes first: a locked-out user or address is refused before any password is
# hashed, so a password-guessing client costs the server almost nothing.
AUTHENTICATION_BACKENDS = [
    "cases.auth.LoginThrottlingBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- login throttling (django-axes) ----------------------------------------------------
# Failures are counted per username and per client address; either reaching the limit
# locks that login (or that address) for the cool-off time. Administrators unlock early
# by deleting the entries under "Axes › Access attempts" in the admin (or
# ``manage.py axes_reset_username <name>``).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# The client's address as the access log sees it: behind the proxy (BEHIND_PROXY) the one
# the proxy appended, not the proxy's own, which every client shares.
AXES_CLIENT_IP_CALLABLE = "cases.services.audit.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cases.auth.lockout_response"
# Successful logins are the session's business; only failures are kept.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# --- language and time ----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- files ----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploaded evidence and rendered documents are never served by URL; only
# permission-checked views stream them, so MEDIA_URL is deliberately unused.
MEDIA_URL = "/media-not-served/"
STORAGES = {
    "default": {
        "BACKEND": env.str(
            "FILE_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        ),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# All uploads of one case together (evidence and corrected documents), and how far one
# uploaded .docx/.xlsx may unpack: both refuse with a message, before anything is parsed.
CASE_UPLOAD_QUOTA_MB = env.int("CASE_UPLOAD_QUOTA_MB", default=500)
UPLOAD_MAX_UNCOMPRESSED_MB = env.int("UPLOAD_MAX_UNCOMPRESSED_MB", default=100)
# Everything of a request body except uploaded files: form fields and JSON (the API's
# parser enforces it too). A case's longest text fits many times over.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)

# --- formal documents ---------------------------------------------------------------
# Dates in documents: GB/T 9704-2012 §7.3.5.1 writes them in Arabic numerals
# (2026年3月2日); offices that keep the older Chinese numerals (二〇二六年三月二日) say so.
DOCUMENT_DATE_NUMERALS = env.str("DOCUMENT_DATE_NUMERALS", default="arabic")
if DOCUMENT_DATE_NUMERALS not in {"arabic", "chinese"}:
    raise ImproperlyConfigured("DOCUMENT_DATE_NUMERALS must be 'arabic' or 'chinese'")
# A folder with the office's licensed fonts (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312, 黑体):
# the PDF uses them instead of the free fallbacks. Empty: the free fonts only.
DOCUMENT_FONT_DIR = env.str("DOCUMENT_FONT_DIR", default="")
if DOCUMENT_FONT_DIR and not Path(DOCUMENT_FONT_DIR).is_dir():
    raise ImproperlyConfigured(f"DOCUMENT_FONT_DIR is not a folder: {DOCUMENT_FONT_DIR}")
# A template render (the upload check's sample render, every document's render) runs in a
# separate process that is stopped after this many seconds, or when it needs this much
# memory more than it had (documents.isolation): uploaded templates are hostile input.
DOCUMENTS_RENDER_TIMEOUT = env.float("DOCUMENTS_RENDER_TIMEOUT", default=10.0)
if not 0 < DOCUMENTS_RENDER_TIMEOUT <= 3600:
    raise ImproperlyConfigured("DOCUMENTS_RENDER_TIMEOUT must be seconds between 0 and 3600, "
                               f"not {DOCUMENTS_RENDER_TIMEOUT!r}")
DOCUMENTS_RENDER_MEMORY_MB = env.int("DOCUMENTS_RENDER_MEMORY_MB", default=512)
if DOCUMENTS_RENDER_MEMORY_MB < 64:
    raise ImproperlyConfigured("DOCUMENTS_RENDER_MEMORY_MB must be at least 64, "
                               f"not {DOCUMENTS_RENDER_MEMORY_MB!r}")
# The largest .docx a user may upload as a corrected document or a template.
DOCUMENTS_MAX_UPLOAD_BYTES = env.int("DOCUMENTS_MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
if DOCUMENTS_MAX_UPLOAD_BYTES < 1024:
    raise ImproperlyConfigured("DOCUMENTS_MAX_UPLOAD_BYTES must be at least 1024 bytes, "
                               f"not {DOCUMENTS_MAX_UPLOAD_BYTES!r}")
# PDF conversion (documents.pdf): LibreOffice's soffice, driven through the UNO bridge by
# a Python that has it, stopped after this many seconds or when it needs more memory.
DOCUMENTS_SOFFICE = env.str("DOCUMENTS_SOFFICE", default="soffice")
DOCUMENTS_UNO_PYTHON = env.str("DOCUMENTS_UNO_PYTHON", default="/usr/bin/python3")
if not DOCUMENTS_SOFFICE.strip() or not DOCUMENTS_UNO_PYTHON.strip():
    raise ImproperlyConfigured("DOCUMENTS_SOFFICE and DOCUMENTS_UNO_PYTHON must not be empty")
DOCUMENTS_PDF_TIMEOUT = env.float("DOCUMENTS_PDF_TIMEOUT", default=120.0)
if not 0 < DOCUMENTS_PDF_TIMEOUT <= 3600:
    raise ImproperlyConfigured("DOCUMENTS_PDF_TIMEOUT must be seconds between 0 and 3600, "
                               f"not {DOCUMENTS_PDF_TIMEOUT!r}")
DOCUMENTS_PDF_MEMORY_MB = env.int("DOCUMENTS_PDF_MEMORY_MB", default=1024)
if DOCUMENTS_PDF_MEMORY_MB < 256:
    raise ImproperlyConfigured("DOCUMENTS_PDF_MEMORY_MB must be at least 256, "
                               f"not {DOCUMENTS_PDF_MEMORY_MB!r}")

# --- search ---------------------------------------------------------------------------
ELASTICSEARCH_URL = env.url_with_scheme("ELASTICSEARCH_URL", "", {"http", "https"})
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="cluster" if ELASTICSEARCH_URL else "embedded")
if SEARCH_BACKEND not in {"embedded", "cluster"}:
    raise ImproperlyConfigured("SEARCH_BACKEND must be 'embedded' or 'cluster'")
if SEARCH_BACKEND == "cluster" and not ELASTICSEARCH_URL:
    raise ImproperlyConfigured("SEARCH_BACKEND=cluster needs ELASTICSEARCH_URL")
SEARCH_CLUSTER_FLAVOUR = env.str("SEARCH_CLUSTER_FLAVOUR", default="elasticsearch")
if SEARCH_CLUSTER_FLAVOUR not in {"elasticsearch", "opensearch"}:
    raise ImproperlyConfigured("SEARCH_CLUSTER_FLAVOUR must be 'elasticsearch' or 'opensearch'")
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="ipcases")
SEARCH_EMBEDDED_DIR = Path(env.str("SEARCH_EMBEDDED_DIR", default=str(VAR_DIR / "search")))
# Seconds a write to the embedded index waits for the writer lock before giving up (the
# outbox retries it later), so one stuck writer cannot stall all background work.
SEARCH_WRITE_LOCK_TIMEOUT = env.float("SEARCH_WRITE_LOCK_TIMEOUT", default=30.0)

# --- celery ---------------------------------------------------------------------------
CELERY_BROKER_URL = env.url_with_scheme(
    "CELERY_BROKER_URL", "filesystem://",
    {"filesystem", "memory", "redis", "rediss", "sentinel", "amqp", "amqps", "pyamqp"})
if CELERY_BROKER_URL == "filesystem://":
    _celery_dir = VAR_DIR / "celery"
    for _sub in ("out", "processed", "control"):
        (_celery_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "out"),
        "data_folder_out": str(_celery_dir / "out"),
        "processed_folder": str(_celery_dir / "processed"),
        # kombu's default is ./control, relative to wherever the worker was started.
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
else:
    # Redis honours acks-late: a message a worker took but never acknowledged (it died)
    # is delivered again after the visibility timeout, which must outlast the longest
    # task. The filesystem broker deletes a message on receipt, so in the embedded mode
    # the database outbox and its sweep are what make the work survive.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    }
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="django-db")
if CELERY_RESULT_BACKEND != "django-db" and (
        urlsplit(CELERY_RESULT_BACKEND).scheme not in {"redis", "rediss"}
        or not urlsplit(CELERY_RESULT_BACKEND).hostname):
    raise ImproperlyConfigured("CELERY_RESULT_BACKEND must be django-db or redis://host:6379/n, "
                               f"not {CELERY_RESULT_BACKEND.split('@')[-1]!r}")
CELERY_RESULT_EXTENDED = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Seeded into django-celery-beat's tables by the ``setup_schedule`` command; the
# database then holds the schedule and administrators may change it in the admin.
# ``expire_seconds``: a run still queued when the next one is due is dropped (the next one
# does the same work), so a worker back after hours down does not first work through a
# run per minute it missed while the after-commit work waits behind them.
IPCASES_PERIODIC_TASKS: dict[str, dict[str, object]] = {
    "deadline-reminder-sweep": {
        "task": "cases.tasks.sweep_deadlines",
        "schedule": crontab(minute="*/15"),
        "expire_seconds": 900,
    },
    "outbox-sweep": {
        "task": "cases.tasks.sweep_outbox",
        "schedule": crontab(minute="*"),
        "expire_seconds": 60,
    },
    "stuck-documents-sweep": {
        "task": "documents.tasks.requeue_stuck_documents",
        "schedule": crontab(minute="*/10"),
        "expire_seconds": 600,
    },
    "search-outbox-sweep": {
        "task": "search.tasks.sweep_outbox",
        "schedule": crontab(minute="*/5"),
        "expire_seconds": 300,
    },
    "worker-heartbeat": {
        "task": "cases.tasks.worker_heartbeat",
        "schedule": crontab(minute="*"),
        "expire_seconds": 60,
    },
    "notification-emails": {
        "task": "cases.tasks.send_notification_emails",
        "schedule": crontab(minute="*/5"),
        "expire_seconds": 300,
    },
    "staged-uploads-purge": {
        "task": "cases.tasks.purge_staged_uploads",
        "schedule": crontab(minute=30),
        "expire_seconds": 3600,
    },
    "agreement-term-reminders": {
        "task": "mediation.tasks.remind_agreement_terms",
        "schedule": crontab(minute=20),
        "expire_seconds": 3600,
    },
    "statistics-summary-catch-up": {
        "task": "stats.tasks.drain_summary",
        "schedule": crontab(minute="*"),
        "expire_seconds": 60,
    },
    "breached-agreements": {
        "task": "mediation.tasks.mark_breached_agreements",
        "schedule": crontab(minute=40, hour=1),
        "expire_seconds": 86400,
    },
}
# A missed agreement term marks the agreement breached once its due date is this many
# working days past (a payment made on the due day is often recorded a little later).
MEDIATION_BREACH_GRACE_WORKING_DAYS = env.int("MEDIATION_BREACH_GRACE_WORKING_DAYS",
                                              default=3)

# /healthz: a worker heartbeat older than this, or index work waiting longer, is a failure.
HEALTH_WORKER_MAX_AGE_SECONDS = env.int("HEALTH_WORKER_MAX_AGE_SECONDS", default=300)
HEALTH_OUTBOX_MAX_AGE_SECONDS = env.int("HEALTH_OUTBOX_MAX_AGE_SECONDS", default=900)
HEALTH_BROKER_TIMEOUT_SECONDS = env.int("HEALTH_BROKER_TIMEOUT_SECONDS", default=3)
# /healthz: less free space than this (MB) where files, the index or SQLite live fails.
HEALTH_DISK_MIN_FREE_MB = env.int("HEALTH_DISK_MIN_FREE_MB", default=1024)

# --- reminders and e-mail -------------------------------------------------------------
DEADLINE_REMINDER_LEAD_WORKING_DAYS = env.int_list("DEADLINE_REMINDER_LEAD_WORKING_DAYS",
                                                   default=[3, 1])
# How far ahead a clock opened today may reach (the three-month overall limit plus its
# one-month extension): a year without calendar data inside this window is announced on
# the workbench and to administrators before any acceptance is refused for it.
CALENDAR_LOOKAHEAD_MONTHS = env.int("CALENDAR_LOOKAHEAD_MONTHS", default=4)
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ipcases@localhost")
SEND_NOTIFICATION_EMAIL = env.bool("SEND_NOTIFICATION_EMAIL", default=False)

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    # The token scheme first: it names the WWW-Authenticate challenge of a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "cases.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        "cases.auth.ThrottledBasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON only: DRF's browsable pages (English, outside the pages' policy, a form for
    # every write) are not part of the product; /api/docs/ is the interactive documentation.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "cases.api_parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "cases.api_schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.CursorPagination",
    "PAGE_SIZE": 25,
    "EXCEPTION_HANDLER": "cases.api_errors.exception_handler",
}
# API tokens (django-rest-knox): only a hash is stored; each token expires.
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env.int("API_TOKEN_DAYS", default=90)),
    "AUTH_HEADER_PREFIX": "Token",
    "TOKEN_PREFIX": "ipc_",
}
API_TOKEN_MAX_DAYS = 365
SPECTACULAR_SETTINGS = {
    # The schema and its documentation are for logged-in users only.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "TITLE": "ipcases API",
    "DESCRIPTION": "知识产权侵权纠纷案件管理系统 REST API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI assets come from the vendored sidecar package: intranets have no CDN.
    # One schema name per choice set (several model fields share them).
    "ENUM_NAME_OVERRIDES": {
        "CaseStateEnum": "cases.ruling.models.CaseState",
        "OutcomeEnum": "cases.ruling.models.Outcome",
        "DecisionOutcomeEnum": "search.models.DecisionOutcome",
        "DecisionSourceEnum": "search.models.DecisionSource",
        "PartyKindEnum": "cases.models.parties.PartyKind",
        "AgentKindEnum": "cases.models.parties.AgentKind",
        "RightKindEnum": "cases.models.rights.RightKind",
        "RightStatusEnum": "cases.models.rights.RightStatus",
        "DocumentKindEnum": "cases.models.offices.DocumentKind",
        "ReferralKindEnum": "cases.ruling.models.ReferralKind",
        "ServiceMethodEnum": "cases.models.service.ServiceMethod",
        "ReplyMethodEnum": "cases.complaints.models.ReplyMethod",
        "ComplaintKindEnum": "cases.complaints.models.ComplaintKind",
        "TermKindEnum": "mediation.models.agreement.TermKind",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- logging --------------------------------------------------------------------------
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("LOG_FORMAT", default="json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be 'json' or 'text'")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "config.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The serverless filesystem broker has no host name; kombu warns on every publish.
        "kombu.connection": {"level": "ERROR"},
        # django-axes logs every failed login at INFO; the lockouts (WARNING) matter.
        "axes": {"level": "WARNING"},
        "ipcases": {"level": LOG_LEVEL, "propagate": True},
    },
}

# Repeat infringers (stats.repeat): a respondent found to infringe in two or more cases
# within this many years back from today.
REPEAT_INFRINGER_WINDOW_YEARS = env.int("REPEAT_INFRINGER_WINDOW_YEARS", default=5)
