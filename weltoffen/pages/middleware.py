from django.utils.translation import gettext_lazy

# Pages load nothing from other hosts: fonts, scripts and styles are self-hosted.
# The Wagtail and Django admin bring their own inline scripts and are left out.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not request.path.startswith(ADMIN_PREFIXES):
            response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


def contains_nul(request) -> bool:
    """A NUL byte in the address, the query or a posted form: no person types one, and
    PostgreSQL refuses to store or compare it."""
    if "\x00" in request.path_info:
        return True
    if any("\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
        return True
    if request.method == "POST" and request.content_type in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        return any("\x00" in key or any("\x00" in v for v in values) for key, values in request.POST.lists())
    return False


NUL_MESSAGE = gettext_lazy(
    "Die Anfrage enthält ein Nullzeichen, ein unsichtbares Steuerzeichen, das keine Tastatur sendet. "
    "Nullzeichen sind nicht erlaubt. Gespeichertes bleibt erhalten; bitte geben Sie Ihre Eingabe noch einmal ein."
)


class HostileInputMiddleware:
    """Answer 400 with the German error page to input no form of ours can send, before
    any view passes it to the database: NUL bytes anywhere in the request.

    Forms validate the same on their own (Django's ProhibitNullCharactersValidator);
    this keeps hand-written parsers and URL parameters safe too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if contains_nul(request):
            from django.shortcuts import render

            return render(request, "400.html", {"message": NUL_MESSAGE}, status=400)
        return self.get_response(request)


# /dialog/runde-<pk>/ carries no token but a round's survey results, workshop and plan.
PRIVATE_PREFIXES = ("/team/", "/en/team/", "/konto/", "/en/konto/", "/dialog/", "/en/dialog/")


class PrivatePagesMiddleware:
    """Pages opened by a secret link, their exports, team and account pages must never
    be kept by a shared cache or the browser's history cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .secrets import carries_secret

        response = self.get_response(request)
        if carries_secret(request.path) or request.path.startswith(PRIVATE_PREFIXES):
            response["Cache-Control"] = "private, no-store"
        return response
