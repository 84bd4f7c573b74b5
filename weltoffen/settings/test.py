"""Settings for the test suite: fast hashing, in-memory cache and mail."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-that-is-not-used-anywhere-else-0123456789"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
API_RATE_LIMIT = "100000/m"  # schemathesis sends hundreds of requests; test_api proves the limit
# Tasks run at once in the test process; weltoffen/jobs/tests run the database queue and its worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
