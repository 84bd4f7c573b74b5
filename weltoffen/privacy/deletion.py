"""What each way of deleting removes and what it keeps: one declaration for the privacy
page, the confirmation pages and the test that checks every table of the database.

Each sentence names the models (`app_label.ModelName`) whose rows it speaks about.
`tests/test_deletion.py` runs every deletion on a full team and fails when a table
linked to the deleted subject is not declared here, when a declared "removed" table
keeps a row, or when anything kept is not named under "kept". So a new table holding
personal data fails that test until this declaration (and with it the page) says what
happens to it.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Outcome:
    text: Promise
    models: tuple[str, ...]


@dataclass(frozen=True)
class Deletion:
    key: str
    title: Promise
    how: Promise
    removed: tuple[Outcome, ...]
    kept: tuple[Outcome, ...] = ()

    @property
    def removed_models(self) -> set[str]:
        return {label for outcome in self.removed for label in outcome.models}

    @property
    def kept_models(self) -> set[str]:
        return {label for outcome in self.kept for label in outcome.models}


AGGREGATES = Outcome(
    _(
        "die Zustimmung zum anonymen Vergleich mit den festgehaltenen Punktwerten; die zusammengefassten Werte des "
        "Vergleichs werden sofort ohne sie neu berechnet, und eine frühere Runde der Kommune mit Zustimmung zählt "
        "wieder"
    ),
    ("peers.Contribution", "peers.ContributedScore"),
)

ROUND_CONTENT = (
    Outcome(
        _("alle Antworten mit Notizen und Belegen und die Notizen zu Handlungsfeldern"),
        ("selfcheck.Answer", "selfcheck.FieldNote"),
    ),
    Outcome(
        _("die Umfrage unter Beteiligten mit allen Antworten und Kommentaren"),
        ("dialogue.Survey", "dialogue.SurveyResponse", "dialogue.SurveyAnswer", "dialogue.SurveyComment"),
    ),
    Outcome(
        _("der Workshop mit den vereinbarten Prioritäten und dem Protokoll"),
        ("workshops.Workshop", "workshops.Priority", "workshops.Minutes"),
    ),
    Outcome(
        _("der Maßnahmenplan mit dem Verlauf jeder Maßnahme und der Kalender-Adresse"),
        ("plans.Measure", "plans.StatusChange", "plans.CalendarFeed"),
    ),
    Outcome(
        _("die zum Herunterladen vorbereiteten PDF-Dateien (Teamergebnis, Workshop-Dokumentation)"),
        ("selfcheck.PreparedDocument",),
    ),
    AGGREGATES,
)

ASSESSMENT = Deletion(
    key="selbstcheck",
    title=_("Wenn Sie einen Selbstcheck ohne Konto löschen"),
    how=_(
        "Über „Selbstcheck löschen“ mit Ihrem geheimen Link, und automatisch, wenn er 24 Monate lang nicht aufgerufen "
        "wurde. Der Link funktioniert danach nicht mehr."
    ),
    removed=(Outcome(_("der Selbstcheck mit Titel und Kommune"), ("selfcheck.Assessment",)), *ROUND_CONTENT),
)

ACCOUNT = Deletion(
    key="konto",
    title=_("Wenn Sie Ihr Konto löschen"),
    how=_("Unter „Konto löschen“, nach einer Bestätigung. Sie werden dabei abgemeldet, auch auf anderen Geräten."),
    removed=(
        Outcome(
            _(
                "Ihr Konto mit Name, E-Mail-Adressen, dem Hashwert Ihres Passworts, der Zwei-Faktor-Anmeldung, "
                "Ihren Einstellungen und Berechtigungen"
            ),
            (
                "accounts.User",
                "accounts.User_groups",
                "accounts.User_user_permissions",
                "account.EmailAddress",
                "mfa.Authenticator",
                "wagtailusers.UserProfile",
            ),
        ),
        Outcome(_("Ihre Anmeldungen auf allen Geräten"), ("sessions.Session",)),
        Outcome(_("Ihre Mitgliedschaft im Team"), ("teams.Membership",)),
        Outcome(_("Ihr privates Vorfallprotokoll mit allen Dateien"), ("support.Incident", "support.Evidence")),
        Outcome(_("Ihre vertraulichen Anfragen um Unterstützung"), ("support.HelpRequest",)),
    ),
    kept=(
        Outcome(
            _(
                "Ihre Antworten in den Runden des Teams: Sie bleiben für das Team erhalten, aber ohne Ihren Namen und "
                "Ihre E-Mail-Adresse; nur der Fachbereich bleibt."
            ),
            ("selfcheck.Respondent", "selfcheck.Answer"),
        ),
        Outcome(
            _("Runden, die Sie abgeschlossen, und Einladungen, die Sie verschickt haben: ohne Hinweis auf Sie."),
            ("selfcheck.Assessment", "selfcheck.Respondent"),
        ),
    ),
)

TEAM = Deletion(
    key="team",
    title=_("Wenn die letzte Person eines Teams ihr Konto löscht"),
    how=_(
        "Dann wird zusätzlich zum Konto das ganze Team gelöscht. Eine Koordinatorin oder ein Koordinator, die oder "
        "der das Team allein koordiniert, überträgt die Koordination vorher an ein anderes Mitglied."
    ),
    removed=(
        Outcome(_("das Team mit allen Runden"), ("teams.Team", "selfcheck.Assessment")),
        Outcome(
            _("alle Einladungen mit Namen, E-Mail-Adressen und Fachbereichen der eingeladenen Personen"),
            ("selfcheck.Respondent",),
        ),
        *ROUND_CONTENT,
    ),
)

DELETIONS = (ASSESSMENT, ACCOUNT, TEAM)
