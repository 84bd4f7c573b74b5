"""The tables of the data exports: file names, columns and what they mean.

Column keys are the JSON keys and stay the same in every language; labels and
explanations are translated, and the README shows them in German and English.
"""

from django.utils.translation import gettext_lazy as _

from .archive import Column, Table

ROUND = Column("round", _("Runde"), _("Nummer der Runde des Teams."))
TEAM = Column("team", _("Team"), _("Name des Teams."))
MUNICIPALITY = Column("municipality", _("Kommune"), _("Name der Kommune."))
PERSON = Column(
    "person",
    _("Person"),
    _(
        "Nummer der antwortenden Person, dieselbe in personen.csv und antworten.csv; in antworten.csv leer bei "
        "einer vereinbarten Antwort."
    ),
)
FIELD_NUMBER = Column("field_number", _("Nr. Handlungsfeld"), _("Nummer des Handlungsfelds im Fragenkatalog."))
FIELD = Column("field", _("Handlungsfeld"), _("Titel des Handlungsfelds."))
CREATED_AT = Column("created_at", _("angelegt am"), _("Zeitpunkt, zu dem der Eintrag angelegt wurde."))
UPDATED_AT = Column("updated_at", _("zuletzt geändert"), _("Zeitpunkt der letzten Änderung."))

ROUNDS = Table(
    "runden",
    _("Die Runden des Teams: jede Runde ist ein gemeinsamer Selbstcheck auf einer Katalogversion."),
    (
        ROUND,
        Column("title", _("Titel"), _("Bezeichnung der Runde.")),
        Column("catalogue_version", _("Katalogversion"), _("Version des Fragenkatalogs, auf der geantwortet wurde.")),
        Column("created_at", _("begonnen am"), _("Zeitpunkt, zu dem die Runde eröffnet wurde.")),
        Column("deadline", _("Antworten erbeten bis"), _("Termin, den die Koordination gesetzt hat.")),
        Column(
            "closed_at",
            _("abgeschlossen am"),
            _("Zeitpunkt des Abschlusses; danach sind die Antworten unveränderlich."),
        ),
        Column(
            "unfinished_at_close",
            _("beim Abschluss unvollständig"),
            _("Wie viele Personen beim Abschluss noch nicht fertig waren."),
        ),
        Column("results_shared", _("für Mitglieder freigegeben"), _("Ob die Mitglieder das Teamergebnis sehen.")),
    ),
)

ASSESSMENT = Table(
    "selbstcheck",
    _("Der Selbstcheck selbst: Titel, Kommune, Katalogversion und Daten."),
    (
        Column("title", _("Titel"), _("Titel, den Sie vergeben haben, sonst die Bezeichnung des Selbstchecks.")),
        MUNICIPALITY,
        Column("ags", _("AGS"), _("Amtlicher Gemeindeschlüssel der Kommune.")),
        Column("catalogue_version", _("Katalogversion"), _("Version des Fragenkatalogs, auf der geantwortet wurde.")),
        Column("created_at", _("begonnen am"), _("Zeitpunkt, zu dem der Selbstcheck begonnen wurde.")),
        UPDATED_AT,
        Column("last_activity_at", _("zuletzt aufgerufen"), _("Letzter Aufruf oder letzte Änderung.")),
        Column(
            "deleted_after",
            _("wird gelöscht nach"),
            _("Ohne weiteren Aufruf wird der Selbstcheck an diesem Tag automatisch gelöscht."),
        ),
        Column(
            "secret_link",
            _("geheimer Link"),
            _("Steht als „[entfernt]“ in der Datei: Wer den Link hat, kann alles lesen und löschen."),
        ),
    ),
)

MEMBERS = Table(
    "mitglieder",
    _("Die Konten, die zum Team gehören, mit ihrer Rolle."),
    (
        Column("email", _("E-Mail-Adresse"), _("Anmeldeadresse des Kontos.")),
        Column("name", _("Name"), _("Name, wenn im Konto angegeben.")),
        Column("role", _("Rolle"), _("Koordination oder Mitglied.")),
        Column("member_since", _("Mitglied seit"), _("Zeitpunkt, seit dem das Konto zum Team gehört.")),
    ),
)

PEOPLE = Table(
    "personen",
    _("Die eingeladenen Personen und Teammitglieder, die in einer Runde antworten."),
    (
        TEAM,
        ROUND,
        PERSON,
        Column(
            "name",
            _("Name"),
            _("Nur, wenn die Person zugestimmt hat, im Teamergebnis genannt zu werden; sonst „[entfernt]“."),
        ),
        Column(
            "email",
            _("E-Mail-Adresse"),
            _("Adresse der Einladung, mit derselben Zustimmung wie der Name; sonst „[entfernt]“."),
        ),
        Column("department", _("Fachbereich"), _("Fachbereich, für den die Person antwortet.")),
        Column("fields", _("Handlungsfelder"), _("Zugewiesene Handlungsfelder (Kennungen); leer heißt alle.")),
        Column("team_member", _("Teammitglied"), _("Ob die Person mit einem Konto des Teams antwortet.")),
        Column("named_with_consent", _("Name mit Zustimmung"), _("Ob die Person zugestimmt hat, genannt zu werden.")),
        Column("invited_at", _("eingeladen am"), _("Zeitpunkt der Einladung.")),
        Column("last_sent_at", _("zuletzt gesendet"), _("Zeitpunkt, zu dem die Einladung zuletzt per E-Mail ging.")),
        Column(
            "revoked_at",
            _("widerrufen am"),
            _("Ab diesem Zeitpunkt galt der Link nicht mehr, die Antworten zählen nicht."),
        ),
        Column(
            "personal_link",
            _("persönlicher Link"),
            _("Steht als „[entfernt]“ in der Datei: Links werden nicht gespeichert und nie exportiert."),
        ),
    ),
)

ANSWERS = Table(
    "antworten",
    _("Jede Antwort auf eine Frage, mit Notiz und Beleg."),
    (
        TEAM,
        ROUND,
        PERSON,
        Column(
            "agreed",
            _("vereinbart"),
            _("Von der Koordination vereinbarte Antwort der Runde; sie zählt statt des Medians."),
        ),
        Column("question_key", _("Kennung"), _("Stabile Kennung der Frage, gleich über Katalogversionen hinweg.")),
        FIELD_NUMBER,
        FIELD,
        Column("question_number", _("Nr."), _("Nummer der Frage im Handlungsfeld.")),
        Column("question", _("Frage"), _("Text der Frage.")),
        Column(
            "value",
            _("Wert"),
            _("Gespeicherter Wert: 0 bis 3, „dont_know“ (weiß nicht), „not_applicable“ (trifft nicht zu) oder leer."),
        ),
        Column("answer", _("Antwort"), _("Der Wert mit seiner Bezeichnung auf der Antwortskala.")),
        Column("evidence", _("Beleg"), _("Womit die Antwort belegt ist, oder leer für eine Einschätzung.")),
        Column("note", _("Notiz oder Nachweis"), _("Text zur Antwort.")),
        Column(
            "carried_from_round",
            _("übernommen aus Runde"),
            _("Aus dieser Runde vorausgefüllt und noch nicht bestätigt."),
        ),
        UPDATED_AT,
    ),
)

FIELD_NOTES = Table(
    "notizen",
    _("Notizen zu ganzen Handlungsfeldern."),
    (ROUND, FIELD_NUMBER, FIELD, Column("note", _("Notiz"), _("Text der Notiz.")), UPDATED_AT),
)

SURVEYS = Table(
    "umfrage",
    _("Die Umfrage unter Beteiligten. Einzelne Antworten sind nicht enthalten, um die Befragten zu schützen."),
    (
        ROUND,
        Column("is_open", _("offen"), _("Ob die Umfrage Antworten annimmt.")),
        CREATED_AT,
        Column("responses", _("Antworten"), _("Wie viele Antworten eingegangen sind.")),
        Column(
            "counted",
            _("ausgewertet"),
            _("Wie viele davon ausgewertet sind: je Gruppe nur volle Dreiergruppen, der Rest zählt als „weitere“."),
        ),
    ),
)

SURVEY_GROUPS = Table(
    "umfrage_gruppen",
    _("Eingegangene Antworten der Umfrage je Gruppe."),
    (
        ROUND,
        Column("group", _("Gruppe"), _("Gruppe, die die Befragten gewählt haben.")),
        Column("responses", _("Antworten"), _("Anzahl der Antworten aus dieser Gruppe.")),
    ),
)

SURVEY_RESULTS = Table(
    "umfrage_vergleich",
    _("Sicht der Verwaltung und der Beteiligten je Handlungsfeld, wie auf der Seite „Vergleich“."),
    (
        ROUND,
        FIELD_NUMBER,
        FIELD,
        Column(
            "group", _("Gruppe"), _("Leer für alle ausgewerteten Antworten, sonst eine Gruppe mit mindestens drei.")
        ),
        Column("responses", _("ausgewertete Antworten"), _("Anzahl der ausgewerteten Antworten.")),
        Column("stakeholder_score", _("Beteiligte (0–100)"), _("100 × Mittelwert / 3 der Antworten der Beteiligten.")),
        Column("administration_score", _("Verwaltung (0–100)"), _("Punktwert des Handlungsfelds im Selbstcheck.")),
        Column("dont_know", _("weiß nicht"), _("Wie oft Beteiligte „weiß nicht“ geantwortet haben.")),
    ),
)

SURVEY_COMMENTS = Table(
    "umfrage_kommentare",
    _("Kommentare der Beteiligten aus ausgewerteten Antworten, alphabetisch und ohne Gruppe."),
    (ROUND, FIELD_NUMBER, FIELD, Column("comment", _("Kommentar"), _("Text des Kommentars."))),
)

MEASURES = Table(
    "massnahmen",
    _("Der Maßnahmenplan."),
    (
        ROUND,
        Column(
            "measure",
            _("Maßnahme"),
            _("Laufende Nummer der Maßnahme; dieselbe Nummer steht in massnahmen_verlauf.csv."),
        ),
        Column("field_key", _("Handlungsfeld"), _("Kennung des Handlungsfelds.")),
        Column("question_key", _("Empfehlung (Frage)"), _("Kennung der Frage, deren Empfehlung die Maßnahme folgt.")),
        Column("title", _("Titel"), _("Titel der Maßnahme.")),
        Column("description", _("Beschreibung"), _("Beschreibung der Maßnahme.")),
        Column("department", _("Verantwortlicher Fachbereich"), _("Fachbereich, der die Maßnahme umsetzt.")),
        Column(
            "lead_person",
            _("Ansprechperson"),
            _("Nur, wenn die Person zugestimmt hat, genannt zu werden; sonst „[entfernt]“."),
        ),
        Column("starts_on", _("Beginn"), _("Geplanter Beginn.")),
        Column("due_on", _("Fällig am"), _("Geplantes Ende.")),
        Column("status", _("Stand"), _("geplant, in Umsetzung, umgesetzt oder verworfen.")),
        Column("success_indicator", _("Woran wir den Erfolg erkennen"), _("Wie der Erfolg sichtbar wird.")),
        CREATED_AT,
    ),
)

STATUS_HISTORY = Table(
    "massnahmen_verlauf",
    _("Jeder Stand, den eine Maßnahme hatte, mit Datum."),
    (
        ROUND,
        Column("measure", _("Maßnahme"), _("Nummer der Maßnahme aus massnahmen.csv.")),
        Column("status", _("Stand"), _("Stand der Maßnahme.")),
        Column("changed_on", _("seit"), _("Datum, an dem sich der Stand geändert hat.")),
    ),
)

WORKSHOP_PRIORITIES = Table(
    "workshop_prioritaeten",
    _("Die Prioritäten, die der Workshop je Handlungsfeld vereinbart hat."),
    (
        ROUND,
        Column("field_key", _("Handlungsfeld"), _("Feste Kennung des Handlungsfelds.")),
        Column("question_key", _("Empfehlung"), _("Feste Kennung der Frage, wenn die Priorität eine Empfehlung ist.")),
        Column("text", _("Priorität"), _("Frei formulierte Priorität.")),
        Column("measure", _("Maßnahme"), _("Nummer der daraus geplanten Maßnahme aus massnahmen.csv.")),
    ),
)

WORKSHOP_MINUTES = Table(
    "workshop_protokoll",
    _("Das Protokoll des Workshops je Handlungsfeld; ohne Handlungsfeld das Protokoll des ganzen Workshops."),
    (
        ROUND,
        Column("field_key", _("Handlungsfeld"), _("Feste Kennung des Handlungsfelds, leer für den ganzen Workshop.")),
        Column("text", _("Protokoll"), _("Text des Protokolls.")),
        Column("updated_at", _("zuletzt geändert"), _("Zeitpunkt der letzten Änderung.")),
    ),
)

CONSENTS = Table(
    "vergleich_zustimmung",
    _("Die Zustimmung zum anonymen Vergleich mit anderen Kommunen und die Punktwerte, die dafür festgehalten wurden."),
    (
        ROUND,
        Column("compare", _("im Vergleich"), _("Ob die Punktwerte in den anonymen Vergleich einfließen.")),
        Column("named", _("genannt"), _("Ob die Kommune als Beispiel zum Voneinander-Lernen genannt werden darf.")),
        Column("agreed_at", _("zugestimmt am"), _("Zeitpunkt der Zustimmung.")),
        Column("withdrawn_at", _("widerrufen am"), _("Zeitpunkt des Widerrufs.")),
        Column("scored_at", _("Stand der Punktwerte"), _("Zeitpunkt, zu dem die Punktwerte festgehalten wurden.")),
        Column("scores", _("Punktwerte"), _("Punktwert (0–100) je Handlungsfeld, leer, wo keine Stufe erreicht war.")),
    ),
)

ACCOUNT = Table(
    "konto",
    _("Ihr Konto."),
    (
        Column("email", _("E-Mail-Adresse"), _("Anmeldeadresse.")),
        Column("first_name", _("Vorname"), _("Vorname, wenn angegeben.")),
        Column("last_name", _("Nachname"), _("Nachname, wenn angegeben.")),
        Column("date_joined", _("angelegt am"), _("Zeitpunkt der Registrierung.")),
        Column("last_login", _("letzte Anmeldung"), _("Zeitpunkt der letzten Anmeldung.")),
    ),
)

EMAIL_ADDRESSES = Table(
    "email_adressen",
    _("Die E-Mail-Adressen Ihres Kontos."),
    (
        Column("email", _("E-Mail-Adresse"), _("Adresse.")),
        Column("verified", _("bestätigt"), _("Ob die Adresse bestätigt ist.")),
        Column("primary", _("Hauptadresse"), _("Ob es die Adresse für die Anmeldung ist.")),
    ),
)

AUTHENTICATORS = Table(
    "zwei_faktor",
    _("Eingerichtete Verfahren der Zwei-Faktor-Anmeldung. Die Geheimnisse selbst sind nicht enthalten."),
    (
        Column("type", _("Verfahren"), _("Authenticator-App (totp) oder Wiederherstellungscodes (recovery_codes).")),
        Column("created_at", _("eingerichtet am"), _("Zeitpunkt der Einrichtung.")),
        Column("last_used_at", _("zuletzt benutzt"), _("Zeitpunkt der letzten Verwendung.")),
    ),
)

MEMBERSHIP = Table(
    "mitgliedschaft",
    _("Ihre Mitgliedschaft in einem Team."),
    (
        TEAM,
        MUNICIPALITY,
        Column("role", _("Rolle"), _("Koordination oder Mitglied.")),
        Column("member_since", _("Mitglied seit"), _("Zeitpunkt, seit dem Sie zum Team gehören.")),
    ),
)

INCIDENTS = Table(
    "vorfaelle",
    _("Ihr privates Vorfallprotokoll."),
    (
        Column("incident", _("Vorfall"), _("Kennung des Vorfalls; dieselbe steht in vorfaelle_dateien.csv.")),
        Column("occurred_at", _("Datum und Uhrzeit"), _("Wann der Vorfall geschah.")),
        Column("channel", _("Weg"), _("Auf welchem Weg die Anfeindung kam.")),
        Column("description", _("Was ist passiert?"), _("Ihre Beschreibung.")),
        Column("targeted", _("Wer war gemeint?"), _("Wer angefeindet wurde.")),
        Column("reported_to", _("Gemeldet oder angezeigt bei"), _("Wo der Vorfall gemeldet wurde.")),
        CREATED_AT,
        UPDATED_AT,
    ),
)

EVIDENCE = Table(
    "vorfaelle_dateien",
    _(
        "Die Dateien zu den Vorfällen, ohne die Dateien selbst: Die Originale mit Prüfsummen laden Sie "
        "unter „Vorfälle privat dokumentieren“ als Dossier (ZIP) herunter."
    ),
    (
        Column("incident", _("Vorfall"), _("Kennung des Vorfalls aus vorfaelle.csv.")),
        Column("file_name", _("Dateiname"), _("Name der Datei beim Hochladen.")),
        Column("content_type", _("Dateityp"), _("Art der Datei.")),
        Column("size", _("Größe (Bytes)"), _("Größe der Datei.")),
        Column("sha256", _("SHA-256"), _("Prüfsumme der Datei.")),
        Column("uploaded_at", _("hochgeladen am"), _("Zeitpunkt des Hochladens.")),
    ),
)

HELP_REQUESTS = Table(
    "hilfeanfragen",
    _("Ihre vertraulichen Anfragen um Unterstützung."),
    (
        CREATED_AT,
        UPDATED_AT,
        Column("status", _("Stand"), _("eingegangen, in Bearbeitung oder abgeschlossen.")),
        Column("contact_channel", _("Kontaktweg"), _("Wie das Unterstützungsteam Sie erreichen soll.")),
        Column("contact", _("Kontakt"), _("E-Mail-Adresse oder Telefonnummer.")),
        Column("message", _("Nachricht"), _("Ihre Nachricht.")),
        Column("deleted_after", _("wird gelöscht nach"), _("An diesem Tag wird die Anfrage automatisch gelöscht.")),
    ),
)
