from allauth.mfa.models import Authenticator

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ADMIN_PREFIX = "/admin/"


class StaffTwoFactorMiddleware:
    """Staff reach the Wagtail admin only with an authenticator app set up.

    Everyone else may use two-factor authentication; staff must, because the admin
    holds every municipality's data.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.path.startswith(ADMIN_PREFIX)
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.warning(
                request,
                _(
                    "Für den Redaktionsbereich ist die Zwei-Faktor-Anmeldung Pflicht. Bitte richten Sie zuerst eine Authenticator-App ein."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
