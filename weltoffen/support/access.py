"""Who may read confidential requests for help: members of the staff group
"Unterstützung" with an authenticator app, in a session signed in with it."""

from functools import wraps

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _


def in_support_group(user) -> bool:
    return bool(
        user.is_authenticated and user.is_active and user.groups.filter(name=settings.SUPPORT_GROUP_NAME).exists()
    )


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def signed_in_with_second_factor(request) -> bool:
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def support_team_required(view):
    """Outsiders get 404 (the pages do not exist for them); members without a second factor
    are sent to set one up, members whose session was opened without it sign in again."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not in_support_group(request.user):
            raise Http404
        if not has_authenticator(request.user):
            messages.warning(
                request,
                _(
                    "Für vertrauliche Anfragen ist die Zwei-Faktor-Anmeldung Pflicht. Bitte richten Sie eine Authenticator-App ein."
                ),
            )
            return redirect("mfa_activate_totp")
        if not signed_in_with_second_factor(request):
            return render(request, "support/second_factor_required.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped
