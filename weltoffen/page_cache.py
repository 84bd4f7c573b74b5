"""Whole-page cache for anonymous visitors of public pages.

A visitor without a session, a message or a CSRF cookie sees the same public page as every
other such visitor, so the rendered response is kept for `PAGE_CACHE_SECONDS` and served
without running the view. Only pages that say they are public are stored: views decorated
with `public_page` and live Wagtail pages without view restrictions (pages/wagtail_hooks.py),
so a secret link or a page added later is never cached by accident. Even then nothing is
stored but a plain GET with status 200 that sets no cookie (no CSRF token or message was
used) and is not marked private or no-store; htmx fragments and the admin are never cached.

Editors see their changes at once: publishing, unpublishing, saving content, loading the
catalogue and importing the register start a new cache generation (`invalidate`).
"""

import secrets
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils.cache import cc_delim_re

GENERATION_KEY = "page-cache:generation"
NOT_CACHED_PREFIXES = ("/admin/", "/django-admin/", "/konto/", "/en/konto/", "/bench/", "/healthz/", "/readyz/")
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}


def invalidate() -> None:
    """Forget every cached page (they are keyed by generation, so this is one write).

    A database cache whose table does not exist yet (during the first `migrate`, before
    `createcachetable`) holds no page to forget; the savepoint keeps the surrounding
    transaction usable on PostgreSQL.
    """
    try:
        with transaction.atomic():
            cache.set(GENERATION_KEY, secrets.token_hex(8), None)
    except DatabaseError:
        pass


def generation() -> str:
    current = cache.get(GENERATION_KEY)
    if current is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        current = cache.get(GENERATION_KEY)
    return current


def mark_public(request) -> None:
    request.is_public_page = True


def public_page(view):
    """Mark a view's response as the same for every anonymous visitor."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        mark_public(request)
        return view(request, *args, **kwargs)

    return wrapped


def request_is_cacheable(request) -> bool:
    if request.method != "GET" or request.path.startswith(NOT_CACHED_PREFIXES):
        return False
    if request.headers.get("HX-Request") or request.headers.get("Authorization"):
        return False
    personal_cookies = {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"}
    return not personal_cookies & set(request.COOKIES)


def response_is_cacheable(response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {d.split("=")[0].strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return not directives & PRIVATE_DIRECTIVES


class AnonymousPageCacheMiddleware:
    """Outermost after security and static files, so a hit skips sessions, CSRF and the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not request_is_cacheable(request):
            return self.get_response(request)
        # Absolute addresses in a page come from the request, so the host is part of the key.
        key = f"page-cache:{generation()}:{request.scheme}://{request.get_host()}{request.get_full_path()}"
        response = cache.get(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if getattr(request, "is_public_page", False) and response_is_cacheable(response):
            cache.set(key, response, seconds)
        return response
