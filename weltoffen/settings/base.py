"""Settings safe for local use: SQLite, console e-mail, debug on.

Everything an operator must change comes from the environment; `production.py`
refuses to start without the values that must never default.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from weltoffen.operations import logs

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-local-development-key-do-not-use-in-production")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]," + os.environ.get("HOST", "localhost"))
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "weltoffen.accounts",
    "weltoffen.jobs",
    "weltoffen.custom_media",
    "weltoffen.municipalities",
    "weltoffen.catalogue",
    "weltoffen.pages",
    "weltoffen.selfcheck",
    "weltoffen.knowledge",
    "weltoffen.teams",
    "weltoffen.support",
    "weltoffen.dialogue",
    "weltoffen.peers",
    "weltoffen.api",
    "ninja",
    "weltoffen.plans",
    "weltoffen.workshops",
    "weltoffen.privacy",
    "weltoffen.operations",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "health_check",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "weltoffen.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "weltoffen.api.http.CorsForReadingMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "weltoffen.pages.middleware.HostileInputMiddleware",
    "weltoffen.pages.middleware.PrivatePagesMiddleware",
    "weltoffen.accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "weltoffen.pages.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "weltoffen.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "weltoffen.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer saves: two tabs saving at once must not
    # fail with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

# Seconds an anonymous visitor's public page is served from the cache (weltoffen/page_cache.py);
# 0 switches the page cache off, as in development, where editors want to see every change.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))

# Only the HTTP benchmark switches on its bare reference view (see benchmarks/http.py).
BENCHMARK_FLOOR = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Accounts with django-allauth: e-mail as login, verified; sign-in by password or by a
# one-time code; two-factor authentication (TOTP) optional for coordinators, required
# for staff (accounts.middleware). Rate limits guard login, sign-up and codes.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "teams:home"
WAGTAILADMIN_LOGIN_URL = "account_login"
ACCOUNT_ADAPTER = "weltoffen.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Weltoffene Kommune] "
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_USER_DISPLAY = "weltoffen.accounts.display.user_display"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "5/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "request_login_code": "10/h/ip,3/15m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Weltoffene Kommune"
# One 30-second step either side, as RFC 6238 advises: an old laptop's clock or a slow
# network must not turn a correct code into a failed login.
MFA_TOTP_TOLERANCE = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "weltoffen",
    }
}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        # Several sites (or test runs) can share one Redis when each has its own prefix.
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
    }

# Internationalisation: German first, English as the second interface language.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# One content tree, served under both languages. Editorial content is German; the
# core pages carry optional English fields (see pages.models.translated_field).
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static files: KERN UX and htmx come from node_modules (installed by `make setup`)
# and are served by this application, never from a CDN.
NODE_MODULES = BASE_DIR / "node_modules"
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# KERN's Fira Sans subset by `manage.py build_fonts` (weltoffen/pages/fonts.py) in `make setup`.
FONT_SOURCE_DIR = NODE_MODULES / "@kern-ux" / "native" / "dist" / "fonts" / "fira-sans"
BUILT_FONTS_DIR = BASE_DIR / "build" / "fonts"
STATICFILES_DIRS = [
    PROJECT_DIR / "static",
    ("fonts", BUILT_FONTS_DIR),
    ("vendor/kern", NODE_MODULES / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Uploads larger than this are refused before they reach a view.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail: console by default, SMTP when configured.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Weltoffene Kommune <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Background tasks (weltoffen/jobs): the queue lives in the database, so the embedded default
# needs no broker; `manage.py run_worker` works it off and starts the periodic tasks.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PERIODIC_TASKS = {
    "weltoffen.jobs.tasks.retry_due_mail": timedelta(minutes=1),
    "weltoffen.jobs.tasks.purge_sent_mail": timedelta(days=1),
    "weltoffen.jobs.tasks.prune_task_results": timedelta(days=1),
    "weltoffen.selfcheck.tasks.purge_inactive_assessments": timedelta(days=1),
    "weltoffen.selfcheck.tasks.purge_expired_documents": timedelta(hours=1),
    "weltoffen.support.tasks.purge_expired_help_requests": timedelta(days=1),
    "weltoffen.knowledge.tasks.purge_expired_contact_messages": timedelta(days=1),
    "weltoffen.pages.tasks.purge_expired_barrier_reports": timedelta(days=1),
    "weltoffen.pages.tasks.publish_scheduled_pages": timedelta(minutes=5),
    "weltoffen.peers.tasks.rebuild_aggregates": timedelta(days=1),
}
# Readiness fails when a task has waited longer than this: no worker is serving the queue.
TASK_BACKLOG_SECONDS = int(os.environ.get("TASK_BACKLOG_SECONDS", "900"))

# Where feedback on accessibility barriers is sent (BITV 2.0 feedback mechanism).
FEEDBACK_EMAIL = os.environ.get("FEEDBACK_EMAIL", "barrierefreiheit@localhost")

# Sessions and cookies: only what is technically necessary (see the privacy page).
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

RATELIMIT_VIEW = "weltoffen.pages.views.rate_limited"

WAGTAIL_SITE_NAME = "Weltoffene Kommune"
# No avatars from gravatar.com: the admin would send a hash of every editor's address there.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The public address, for links built without a request (mails sent later, the Wagtail
# Site record). With a request, absolute links use the visitor's host (pages/addresses.py).
# `make run`/`make serve` derive it from HOST and PORT.
SITE_URL = os.environ.get("SITE_URL") or "http://{}:{}".format(
    os.environ.get("HOST", "127.0.0.1"), os.environ.get("PORT", "8000")
)
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILIMAGES_IMAGE_MODEL = "custom_media.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "custom_media.CustomDocument"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Wagtail's database search backend: PostgreSQL full-text search with the German
# configuration (stemming) where available, SQLite FTS in development.
# Wagtail's search serves the admin; the site search has its own index (knowledge/indexing.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "german"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False


# Logs go to standard error, as plain text or, with LOG_FORMAT=json, as one JSON object per
# line; no secret link reaches them (weltoffen/operations/logs.py).
LOG_FORMAT = logs.checked_format(os.environ.get("LOG_FORMAT", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": logs.FILTERS,
    "formatters": {
        **logs.FORMATTERS,
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["scrub_secrets"]},
        # runserver's request log, as Django's default but scrubbed: it prints every address.
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server", "filters": ["scrub_secrets"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers (console when debugging, mail to ADMINS) would see records
        # unscrubbed; its records go to the root handler above instead.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # Wagtail logs every page action and background task at INFO; keep the console readable.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

CSRF_FAILURE_VIEW = "weltoffen.pages.views.csrf_failure"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "kontakt@localhost")

# Support for decision-makers (weltoffen.support): the pillar page that leads to it, and the
# Selbstcheck results that link to it (field keys, and tags of recommendations).
SUPPORT_PILLAR_SLUG = "entscheiderinnen"
SUPPORT_RESULT_FIELDS = ["kommunikation"]
SUPPORT_RESULT_TAGS = ["schutz"]
# Evidence files of the private incident record: outside MEDIA_ROOT, never served by URL.
SUPPORT_EVIDENCE_ROOT = Path(os.environ.get("SUPPORT_EVIDENCE_ROOT", BASE_DIR / "private" / "evidence"))
# PDFs prepared by a background task (team result, workshop documentation), kept 7 days:
# outside MEDIA_ROOT, served only by the download views.
PREPARED_DOCUMENTS_ROOT = Path(os.environ.get("PREPARED_DOCUMENTS_ROOT", BASE_DIR / "private" / "documents"))
# Members of this staff group read confidential requests for help, signed in with a second factor.
SUPPORT_GROUP_NAME = "Unterstützung"

# Demo mode: demo content ("Beispielinhalt") is listed in the sitemap and the feeds. On for
# local use (`make run` loads demo content); production.py switches it off unless set.
# Demo pages say "noindex" to search engines either way (weltoffen/pages/demo.py).
WELTOFFEN_DEMO_MODE = env_bool("WELTOFFEN_DEMO_MODE", True)

# `manage.py backup` writes its archives here unless told otherwise (weltoffen/operations/backup.py).
BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", BASE_DIR / "backups"))
