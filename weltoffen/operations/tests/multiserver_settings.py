"""Production settings for the two-server test (test_multiserver.py), with one difference:
static files are served from where they lie, as in development, instead of from
`collectstatic`'s compressed manifest, which takes a minute to build and is not what the
test is about."""

from weltoffen.settings.production import *  # noqa: F403
from weltoffen.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
