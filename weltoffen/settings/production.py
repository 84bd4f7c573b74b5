"""Production settings: refuse to start without a secret key and allowed hosts."""

import os

from django.core.exceptions import ImproperlyConfigured

from weltoffen.operations.errors import configure_error_reporting

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name the host(s) this site is served under.")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers probe the instances over plain HTTP (weltoffen/operations/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True

# Behind a reverse proxy, rate limits count the visitor's address from the header the proxy
# sets, not the proxy's own (weltoffen/pages/proxy.py).
CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "").strip()
if CLIENT_IP_HEADER:
    RATELIMIT_IP_META_KEY = "weltoffen.pages.proxy.client_ip"
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = CLIENT_IP_HEADER

# Reuse database connections across requests (each gunicorn thread keeps its own), and
# check them before use so a restarted database server costs one reconnect, not an error.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# A production site lists no demo content in its sitemap and feeds unless a demo is meant.
WELTOFFEN_DEMO_MODE = env_bool("WELTOFFEN_DEMO_MODE", False)

# `make bench-http` measures every page against a bare Django view at /bench/floor/.
BENCHMARK_FLOOR = env_bool("DJANGO_BENCHMARK_FLOOR", False)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

if not os.environ.get("REDIS_URL"):
    # Rate limits need a cache shared by all worker processes.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "weltoffen_cache",
        }
    }

LOGGING["root"]["level"] = os.environ.get("DJANGO_LOG_LEVEL", "WARNING")  # noqa: F405

# Error reports go nowhere unless an operator names a service (weltoffen/operations/errors.py).
configure_error_reporting(os.environ.get("SENTRY_DSN"), environment=os.environ.get("SENTRY_ENVIRONMENT", "production"))
