"""Everyone's data as one ZIP (Art. 15 and 20 DSGVO): the coordinator gets the whole team,
a link owner their Selbstcheck, a respondent their own answers, an account holder the
account.

What never leaves: secret links (only their hashes are stored, and not even those are
exported), names and addresses of people who did not agree to be named, and single
responses to the stakeholder survey (only the figures the owner's pages show, by the
same anonymity rule).
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weltoffen.catalogue.models import Question
from weltoffen.dialogue import comparison, surveys
from weltoffen.dialogue.models import Survey
from weltoffen.peers.models import Contribution
from weltoffen.plans.models import Measure, StatusChange
from weltoffen.selfcheck.models import Answer, Assessment, FieldNote, Respondent, parse_stored_value
from weltoffen.selfcheck.results import value_label
from weltoffen.support.models import HelpRequest, Incident
from weltoffen.teams.models import Membership, Team
from weltoffen.workshops.models import Minutes, Priority

from . import tables
from .archive import REMOVED, Archive, Export

NO_LINKS = _("Geheime Links stehen in keiner Datei: Gespeichert ist von ihnen nur ein Hashwert, und auch der fehlt.")
NAMES_WITH_CONSENT = _(
    "Namen und E-Mail-Adressen eingeladener Personen und Ansprechpersonen von Maßnahmen stehen nur dort, wo die "
    "Person zugestimmt hat, genannt zu werden."
)
NO_SINGLE_RESPONSES = _(
    "Einzelne Antworten der Umfrage unter Beteiligten sind nicht enthalten, nur die Zahlen, die auch die Seiten der "
    "Umfrage zeigen: Gruppen mit weniger als drei Antworten werden nicht ausgewertet, damit niemand erkennbar wird."
)


def hidden(value: str) -> str:
    return REMOVED if value else ""


def team_export(team: Team) -> Export:
    rounds = list(team.assessments.select_related("version", "team").order_by("round_number"))
    archive = Archive(
        subject="team",
        title=f"{team.name} ({team.municipality.short_name})",
        stem=f"team-{team.name}",
        intro=_(
            "Dieser Export enthält die Daten Ihres Teams: Mitglieder, Runden, eingeladene Personen, die Antworten "
            "jeder Person, vereinbarte Antworten, Notizen, die Umfrage unter Beteiligten, den Maßnahmenplan und die "
            "Zustimmung zum Vergleich (Auskunft und Datenübertragbarkeit nach Art. 15 und 20 DSGVO)."
        ),
        notes=[NO_LINKS, NAMES_WITH_CONSENT, NO_SINGLE_RESPONSES],
    )
    archive.add(tables.MEMBERS, member_rows(team))
    archive.add(tables.ROUNDS, [round_row(assessment) for assessment in rounds])
    respondents = Respondent.objects.filter(assessment__in=rounds).select_related("assessment__team")
    archive.add(tables.PEOPLE.without("team"), [person_row(r, own=False) for r in respondents.order_by("pk")])
    answers = Answer.objects.filter(assessment__in=rounds)
    archive.add(tables.ANSWERS.without("team"), answer_rows(answers, rounds))
    add_round_tables(archive, rounds, keep=("round",))
    return archive.export()


def assessment_export(assessment: Assessment) -> Export:
    """A single-link Selbstcheck, for whoever holds its link."""
    archive = Archive(
        subject="selbstcheck",
        title=assessment.display_title,
        stem=f"selbstcheck-{assessment.display_title}",
        intro=_(
            "Dieser Export enthält alle Daten Ihres Selbstchecks: Antworten mit Notizen und Belegen, Notizen zu "
            "Handlungsfeldern, die Umfrage unter Beteiligten, den Maßnahmenplan und die Zustimmung zum Vergleich "
            "(Auskunft und Datenübertragbarkeit nach Art. 15 und 20 DSGVO)."
        ),
        notes=[NO_LINKS, NAMES_WITH_CONSENT, NO_SINGLE_RESPONSES],
    )
    archive.add(tables.ASSESSMENT, [assessment_row(assessment)])
    answers = Answer.objects.filter(assessment=assessment, respondent__isnull=True)
    archive.add(tables.ANSWERS.without("team", "round", "person", "agreed"), answer_rows(answers, [assessment]))
    add_round_tables(archive, [assessment], keep=())
    return archive.export()


def respondent_export(respondent: Respondent) -> Export:
    """One person's own answers in a team round, for whoever holds the personal link."""
    assessment = respondent.assessment
    archive = Archive(
        subject="antworten",
        title=str(assessment.display_title),
        stem="meine-antworten",
        intro=_(
            "Dieser Export enthält Ihre Angaben und Ihre eigenen Antworten in dieser Runde des Teams (Auskunft und "
            "Datenübertragbarkeit nach Art. 15 und 20 DSGVO). Das Ergebnis des Teams und die Antworten anderer sind "
            "nicht enthalten."
        ),
        notes=[NO_LINKS],
    )
    archive.add(tables.PEOPLE.without("person"), [person_row(respondent, own=True)])
    answers = Answer.objects.filter(respondent=respondent)
    archive.add(tables.ANSWERS.without("person", "agreed"), answer_rows(answers, [assessment]))
    return archive.export()


def account_export(user) -> Export:
    """The account with everything that hangs on it; the team's data is the coordinator's export."""
    archive = Archive(
        subject="konto",
        title=user.email,
        stem="konto",
        intro=_(
            "Dieser Export enthält die Daten Ihres Kontos: Anmeldeadressen, Zwei-Faktor-Verfahren, Ihre "
            "Mitgliedschaft, Ihre eigenen Antworten in Runden, Ihr privates Vorfallprotokoll und Ihre Anfragen um "
            "Unterstützung (Auskunft und Datenübertragbarkeit nach Art. 15 und 20 DSGVO). Die Daten des ganzen Teams "
            "lädt die Koordination gesondert herunter."
        ),
        notes=[
            NO_LINKS,
            _(
                "Passwörter und die Geheimnisse der Zwei-Faktor-Anmeldung stehen in keiner Datei: Gespeichert sind nur "
                "Hashwerte, und die bleiben auf dem Server."
            ),
        ],
    )
    archive.add(
        tables.ACCOUNT,
        [
            {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "date_joined": user.date_joined,
                "last_login": user.last_login,
            }
        ],
    )
    archive.add(
        tables.EMAIL_ADDRESSES,
        [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    )
    archive.add(
        tables.AUTHENTICATORS,
        [
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in Authenticator.objects.filter(user=user).order_by("pk")
        ],
    )
    archive.add(
        tables.MEMBERSHIP,
        [
            {
                "team": m.team.name,
                "municipality": m.team.municipality.short_name,
                "role": m.get_role_display(),
                "member_since": m.created_at,
            }
            for m in Membership.objects.filter(user=user).select_related("team__municipality")
        ],
    )
    respondents = list(
        Respondent.objects.filter(user=user).select_related("assessment__team", "assessment__version").order_by("pk")
    )
    archive.add(tables.PEOPLE.without("person"), [person_row(r, own=True) for r in respondents])
    rounds = list({r.assessment_id: r.assessment for r in respondents}.values())
    answers = Answer.objects.filter(respondent__in=respondents)
    archive.add(tables.ANSWERS.without("person", "agreed"), answer_rows(answers, rounds))
    incidents = Incident.objects.visible_to(user).prefetch_related("evidence").order_by("occurred_at")
    archive.add(tables.INCIDENTS, [incident_row(incident) for incident in incidents])
    archive.add(
        tables.EVIDENCE,
        [
            {
                "incident": str(incident.pk),
                "file_name": evidence.original_name,
                "content_type": evidence.content_type,
                "size": evidence.size,
                "sha256": evidence.sha256,
                "uploaded_at": evidence.uploaded_at,
            }
            for incident in incidents
            for evidence in incident.evidence.all()
        ],
    )
    archive.add(
        tables.HELP_REQUESTS,
        [
            {
                "created_at": request.created_at,
                "updated_at": request.updated_at,
                "status": request.get_status_display(),
                "contact_channel": request.get_contact_channel_display(),
                "contact": request.contact,
                "message": request.message,
                "deleted_after": timezone.localdate(request.updated_at + HelpRequest.RETENTION),
            }
            for request in HelpRequest.objects.of_requester(user).order_by("created_at")
        ],
    )
    return archive.export()


def member_rows(team: Team) -> list[dict]:
    return [
        {
            "email": m.user.email,
            "name": m.user.get_full_name(),
            "role": m.get_role_display(),
            "member_since": m.created_at,
        }
        for m in team.memberships.select_related("user").order_by("created_at", "pk")
    ]


def round_row(assessment: Assessment) -> dict:
    return {
        "round": assessment.round_number,
        "title": assessment.display_title,
        "catalogue_version": assessment.version.label,
        "created_at": assessment.created_at,
        "deadline": assessment.deadline,
        "closed_at": assessment.closed_at,
        "unfinished_at_close": assessment.unfinished_at_close,
        "results_shared": assessment.results_shared,
    }


def assessment_row(assessment: Assessment) -> dict:
    municipality = assessment.municipality
    return {
        "title": assessment.display_title,
        "municipality": municipality.short_name if municipality else "",
        "ags": municipality.ags if municipality else "",
        "catalogue_version": assessment.version.label,
        "created_at": assessment.created_at,
        "updated_at": assessment.updated_at,
        "last_activity_at": assessment.last_activity_at,
        "deleted_after": timezone.localdate(assessment.last_activity_at + Assessment.RETENTION),
        "secret_link": REMOVED,
    }


def person_row(respondent: Respondent, *, own: bool) -> dict:
    """`own`: the person's own export, which shows them everything about themselves."""
    named = own or respondent.show_name
    assessment = respondent.assessment
    return {
        "team": assessment.team.name if assessment.team_id else "",
        "round": assessment.round_number,
        "person": respondent.pk,
        "name": respondent.name if named else hidden(respondent.name),
        "email": respondent.email if named else hidden(respondent.email),
        "department": respondent.department_label,
        "fields": respondent.field_keys,
        "team_member": respondent.user_id is not None,
        "named_with_consent": respondent.show_name,
        "invited_at": respondent.created_at,
        "last_sent_at": respondent.last_sent_at,
        "revoked_at": respondent.revoked_at,
        "personal_link": REMOVED,
    }


def answer_rows(answers, assessments: list[Assessment]) -> list[dict]:
    """Rows in the order of the catalogue, by round and person. What depends only on the
    question (texts in the reader's language, labels of the scale) is worked out once."""
    by_pk = {assessment.pk: assessment for assessment in assessments}
    questions = {}
    for q in Question.objects.filter(version_id__in={a.version_id for a in assessments}).select_related("field"):
        questions[q.pk] = {
            "question": q,
            "fixed": {
                "question_key": q.key,
                "field_number": q.field.number,
                "field": q.field.display_title,
                "question_number": f"{q.field.number}.{q.position}",
                "question": q.display_text,
            },
        }
    scales = {a.version_id: a.version.scales for a in assessments}
    evidence_labels = {value: str(label) for value, label in Answer.Evidence.choices}
    labels: dict[tuple, str] = {}
    keyed = []
    for answer in answers:
        known = questions[answer.question_id]
        question = known["question"]
        assessment = by_pk[answer.assessment_id]
        label_key = (assessment.version_id, question.scale, answer.value)
        if label_key not in labels:
            scale = scales[assessment.version_id][question.scale]
            labels[label_key] = value_label(parse_stored_value(answer.value), scale)
        row = {
            "team": assessment.team.name if assessment.team_id else "",
            "round": assessment.round_number,
            "person": answer.respondent_id,
            "agreed": assessment.team_id is not None and answer.respondent_id is None,
            **known["fixed"],
            "value": answer.value,
            "answer": labels[label_key],
            "evidence": evidence_labels.get(answer.evidence, ""),
            "note": answer.note,
            "carried_from_round": answer.carried_from_round,
            "updated_at": answer.updated_at,
        }
        order = (assessment.round_number or 0, answer.respondent_id or 0, question.field.number, question.position)
        keyed.append((order, row))
    return [row for _order, row in sorted(keyed, key=lambda pair: pair[0])]


def add_round_tables(archive: Archive, assessments: list[Assessment], *, keep: tuple[str, ...]) -> None:
    """Notes, survey, plan and consent of rounds (or of one single-link Selbstcheck, `keep=()`
    without the round column)."""

    def table(declared):
        return declared if "round" in keep else declared.without("round")

    numbers = {assessment.pk: assessment.round_number for assessment in assessments}
    notes = FieldNote.objects.filter(assessment__in=assessments).select_related("field")
    archive.add(
        table(tables.FIELD_NOTES),
        [
            {
                "round": numbers[note.assessment_id],
                "field_number": note.field.number,
                "field": note.field.display_title,
                "note": note.text,
                "updated_at": note.updated_at,
            }
            for note in sorted(notes, key=lambda n: (numbers[n.assessment_id] or 0, n.field.number))
        ],
    )
    add_survey_tables(archive, assessments, table)
    measures = list(
        Measure.objects.filter(assessment__in=assessments)
        .prefetch_related(Prefetch("history", queryset=StatusChange.objects.order_by("changed_on", "pk")))
        .order_by("pk")
    )
    labels = dict(Measure.Status.choices)
    archive.add(
        table(tables.MEASURES),
        [
            {
                "round": numbers[m.assessment_id],
                "measure": m.pk,
                "field_key": m.field_key,
                "question_key": m.question_key,
                "title": m.title,
                "description": m.description,
                "department": m.department,
                "lead_person": m.shown_lead or hidden(m.lead_person),
                "starts_on": m.starts_on,
                "due_on": m.due_on,
                "status": labels[m.status],
                "success_indicator": m.success_indicator,
                "created_at": m.created_at,
            }
            for m in measures
        ],
    )
    archive.add(
        table(tables.STATUS_HISTORY),
        [
            {"round": numbers[m.assessment_id], "measure": m.pk, "status": labels[c.status], "changed_on": c.changed_on}
            for m in measures
            for c in m.history.all()
        ],
    )
    priorities = Priority.objects.filter(workshop__assessment__in=assessments).select_related("workshop")
    archive.add(
        table(tables.WORKSHOP_PRIORITIES),
        [
            {
                "round": numbers[p.workshop.assessment_id],
                "field_key": p.field_key,
                "question_key": p.question_key,
                "text": p.text,
                "measure": p.measure_id,
            }
            for p in priorities.order_by("workshop__assessment_id", "field_key", "position", "pk")
        ],
    )
    minutes = Minutes.objects.filter(workshop__assessment__in=assessments).select_related("workshop")
    archive.add(
        table(tables.WORKSHOP_MINUTES),
        [
            {
                "round": numbers[m.workshop.assessment_id],
                "field_key": m.field_key,
                "text": m.text,
                "updated_at": m.updated_at,
            }
            for m in minutes.order_by("workshop__assessment_id", "field_key")
        ],
    )
    archive.add(
        table(tables.CONSENTS),
        [
            {
                "round": numbers[c.assessment_id],
                "compare": c.compare,
                "named": c.named,
                "agreed_at": c.agreed_at,
                "withdrawn_at": c.withdrawn_at,
                "scored_at": c.scored_at,
                "scores": c.scores,
            }
            for c in Contribution.objects.filter(assessment__in=assessments).order_by("pk")
        ],
    )


def add_survey_tables(archive: Archive, assessments: list[Assessment], table) -> None:
    """The survey as its owner's pages show it: counts per group, and the figures and
    comments of released responses only (`dialogue.comparison`, one source of the rule)."""
    found = {survey.assessment_id: survey for survey in Survey.objects.filter(assessment__in=assessments)}
    overview, groups, results, comments = [], [], [], []
    for assessment in assessments:
        survey = found.get(assessment.pk)
        if survey is None:
            continue
        survey.assessment = assessment
        view = comparison.comparison(assessment)
        number = assessment.round_number
        overview.append(
            {
                "round": number,
                "is_open": survey.is_open,
                "created_at": survey.created_at,
                "responses": view.total,
                "counted": view.counted,
            }
        )
        groups += [
            {"round": number, "group": label, "responses": count}
            for _value, label, count in surveys.group_counts(survey)
        ]
        for field in view.fields:
            common = {"round": number, "field_number": field.field.number, "field": field.field.display_title}
            results.append(
                {
                    **common,
                    "group": "",
                    "responses": view.counted,
                    "stakeholder_score": field.stakeholders_rounded,
                    "administration_score": field.administration_rounded,
                    "dont_know": field.dont_know,
                }
            )
            results += [
                {**common, "group": g.label, "responses": g.responses, "stakeholder_score": g.rounded}
                for g in field.groups
            ]
            comments += [{**common, "comment": text} for text in field.comments]
    archive.add(table(tables.SURVEYS), overview)
    archive.add(table(tables.SURVEY_GROUPS), groups)
    archive.add(table(tables.SURVEY_RESULTS), results)
    archive.add(table(tables.SURVEY_COMMENTS), comments)


def incident_row(incident: Incident) -> dict:
    return {
        "incident": str(incident.pk),
        "occurred_at": incident.occurred_at,
        "channel": incident.get_channel_display(),
        "description": incident.description,
        "targeted": incident.targeted,
        "reported_to": incident.reported_to,
        "created_at": incident.created_at,
        "updated_at": incident.updated_at,
    }
