"""The links to the exports and the deletion overview on pages of lower apps
(see pages/templatetags/panels.py): the selfcheck, team and account pages name a place,
this app fills it."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from weltoffen.dialogue.access import ref_for

from .deletion import ACCOUNT, ASSESSMENT, DELETIONS, TEAM

PRIVACY_PAGE_SLUG = "datenschutz"


def download(request, *, url: str, label: str, text: str) -> str:
    return render_to_string("privacy/_download.html", {"url": url, "label": label, "text": text}, request=request)


def selfcheck_overview(*, request, access, token, **_ignored) -> str:
    if access.is_owner:
        return download(
            request,
            url=reverse("privacy:export", kwargs={"ref": token}),
            label=_("Alle Daten herunterladen (ZIP)"),
            text=_(
                "Alle Antworten, Notizen, die Umfrage, der Maßnahmenplan und die Zustimmung zum Vergleich als "
                "CSV- und JSON-Dateien mit Erläuterungen, zum Aufbewahren oder für andere Programme."
            ),
        )
    return download(
        request,
        url=reverse("privacy:respondent-export", kwargs={"token": token}),
        label=_("Meine Antworten herunterladen (ZIP)"),
        text=_("Ihre Angaben und Ihre eigenen Antworten als CSV- und JSON-Dateien mit Erläuterungen."),
    )


def selfcheck_results(*, request, token, **_ignored) -> str:
    return download(
        request,
        url=reverse("privacy:export", kwargs={"ref": token}),
        label=_("Alle Daten herunterladen (ZIP)"),
        text=_("Antworten, Notizen, Umfrage, Maßnahmenplan und Zustimmung zum Vergleich als CSV- und JSON-Dateien."),
    )


def selfcheck_delete(*, request, token, **_ignored) -> str:
    context = {
        "export_url": reverse("privacy:export", kwargs={"ref": token}),
        "export_label": _("Vorher alle Daten herunterladen (ZIP)"),
        "deletions": [ASSESSMENT],
    }
    return render_to_string("privacy/_before_deleting.html", context, request=request)


def team_round(*, request, assessment, membership, **_ignored) -> str:
    if membership is None or not membership.is_coordinator:
        return download(
            request,
            url=reverse("privacy:account"),
            label=_("Meine Daten"),
            text=_("Ihre eigenen Antworten und die Daten Ihres Kontos laden Sie auf der Seite „Meine Daten“ herunter."),
        )
    return download(
        request,
        url=reverse("privacy:export", kwargs={"ref": ref_for(assessment)}),
        label=_("Alle Daten des Teams herunterladen (ZIP)"),
        text=_(
            "Mitglieder, alle Runden, Einladungen, die Antworten jeder Person, Notizen, Umfragen, den Maßnahmenplan "
            "und die Zustimmungen zum Vergleich als CSV- und JSON-Dateien mit Erläuterungen. Namen eingeladener "
            "Personen stehen nur mit ihrer Zustimmung darin, persönliche Links nie."
        ),
    )


def account_nav(*, request, **_ignored) -> str:
    return render_to_string("privacy/_account_nav.html", request=request)


def account_delete(*, request, membership, sole_coordinator, **_ignored) -> str:
    last_member = sole_coordinator and membership.team.memberships.count() == 1
    context = {
        "export_url": reverse("privacy:account"),
        "export_label": _("Vorher Ihre Daten herunterladen"),
        "deletions": [ACCOUNT, TEAM] if last_member else [ACCOUNT],
    }
    return render_to_string("privacy/_before_deleting.html", context, request=request)


def standard_page(*, request, page, **_ignored) -> str:
    """The privacy page ends with what each way of deleting removes, from `deletion.py`."""
    if page.slug != PRIVACY_PAGE_SLUG:
        return ""
    return render_to_string("privacy/_privacy_page.html", {"deletions": DELETIONS}, request=request)
