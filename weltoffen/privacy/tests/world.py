"""A full team and a full single-link Selbstcheck: every kind of row a deletion or an
export has to deal with, with text that can be searched for afterwards."""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone

from wagtail.users.models import UserProfile

from weltoffen.dialogue import surveys
from weltoffen.municipalities.tests.factories import MunicipalityFactory
from weltoffen.peers import consent
from weltoffen.peers.tests.factories import contribute
from weltoffen.plans import calendars, measures
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.models import Answer, Assessment, Respondent
from weltoffen.selfcheck.tests.documents import ready_document
from weltoffen.selfcheck.tests.factories import AssessmentFactory
from weltoffen.support.models import Evidence, HelpRequest, Incident
from weltoffen.teams import agreement, rounds
from weltoffen.teams.models import Membership, Team
from weltoffen.teams.tests.factories import UserFactory, make_team
from weltoffen.workshops import recording


@dataclass
class TeamWorld:
    team: Team
    coordinator: object
    member: object
    first: Assessment
    second: Assessment
    named: Respondent
    unnamed: Respondent
    member_respondent: Respondent
    named_token: str
    unnamed_token: str
    member_token: str
    clients: list = field(default_factory=list)

    @property
    def rounds(self) -> list[Assessment]:
        return [self.first, self.second]


def survey_with_responses(assessment: Assessment, comment: str) -> None:
    survey = surveys.open_survey(assessment=assessment)
    keys = [q.key for q in survey.questions.questions]
    field_key = survey.questions.questions[0].field_key
    for index in range(4):
        submission = surveys.Submission(
            group="politik",
            answers={key: str(index % 4) for key in keys},
            comments={field_key: f"{comment} {index}"},
        )
        surveys.submit_response(survey=survey, submission=submission)
    surveys.submit_response(
        survey=survey, submission=surveys.Submission(group="wirtschaft", answers={keys[0]: "3"}, comments={})
    )


def plan(assessment: Assessment, prefix: str) -> None:
    field = assessment.version.fields.order_by("number").first()
    question = field.questions.order_by("position").first()
    hidden = measures.create_measure(
        assessment=assessment,
        field_key=field.key,
        question_key=question.key,
        title=f"{prefix}: Leitbild beschließen",
        lead_person="Petra Ohnezustimmung",
        lead_consents=False,
        department="Integration",
    )
    measures.change_status(measure=hidden, status="in-umsetzung")
    measures.create_measure(
        assessment=assessment,
        field_key=field.key,
        title=f"{prefix}: Sprechstunde",
        lead_person="Lars Mitzustimmung",
        lead_consents=True,
    )
    # The workshop on this round: a priority, minutes, and the plan's calendar address.
    recording.add_priority(assessment=assessment, field_key=field.key, text=f"{prefix}: Priorität Leitbild")
    recording.save_minutes(assessment=assessment, field_key=field.key, text=f"{prefix}: Protokoll der Sitzung")
    calendars.issue_calendar_link(assessment=assessment)
    # A PDF prepared for download (the workshop documentation), file on disk.
    ready_document(assessment, kind="workshop-documentation")


def private_records(user, evidence_root) -> None:
    """The account's own records: addresses, two factors, profile, incidents, help requests."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email=f"privat.{user.email}", verified=False, primary=False)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    UserProfile.get_for_user(user)
    user.groups.add(Group.objects.get_or_create(name="Testgruppe")[0])
    user.user_permissions.add(Permission.objects.get(codename="view_team"))
    incident = Incident.objects.create(
        author=user,
        occurred_at=timezone.now(),
        channel=Incident.Channel.MAIL,
        description=f"Drohmail an {user.email}",
        targeted="Bürgermeisterin",
    )
    evidence_root.mkdir(parents=True, exist_ok=True)
    (evidence_root / "beleg.eml").write_text("From: x@example.org\n\nDrohung")
    Evidence.objects.create(
        incident=incident,
        file="beleg.eml",
        original_name="drohung.eml",
        content_type="message/rfc822",
        size=20,
        sha256="0" * 64,
    )
    HelpRequest.objects.create(
        requester=user, message="Bitte um Rückruf", contact_channel=HelpRequest.Channel.PHONE, contact="0123 456"
    )


def answer_all(assessment: Assessment, respondent: Respondent | None, value: str, note: str) -> None:
    questions = list(assessment.version.questions.order_by("field__number", "position"))
    changes = [(q, AnswerInput(value, note if index == 0 else "")) for index, q in enumerate(questions)]
    answering.save_answers(assessment=assessment, respondent=respondent, changes=changes)


def team_world(*, evidence_root, name="Steuerungsgruppe Wolfsburg", ags="03103000") -> TeamWorld:
    """Two rounds (the first closed and in the comparison), invited colleagues with and
    without consent to be named, a member answering, agreed answers, notes, surveys,
    plans, and the member's and coordinator's private records and sessions."""
    municipality = MunicipalityFactory(ags=ags, short_name="Wolfsburg", name="Wolfsburg")
    coordinator = UserFactory(email="koordination@wolfsburg.example", first_name="Kora", last_name="Koordinatorin")
    team = make_team(municipality, name=name, coordinator=coordinator)
    member = UserFactory(email="mia.mitglied@wolfsburg.example", first_name="Mia", last_name="Mitglied")
    Membership.objects.create(team=team, user=member, role=Membership.Role.MEMBER)
    first = team.current_round()
    named, named_token = rounds.invite(
        assessment=first,
        invited_by=coordinator,
        email="erika.zustimmung@wolfsburg.example",
        name="Erika Zustimmung",
        department="jugend",
        show_name=True,
    )
    unnamed, unnamed_token = rounds.invite(
        assessment=first,
        invited_by=coordinator,
        email="max.geheim@wolfsburg.example",
        name="Max Geheim",
        department="soziales",
    )
    member_token = rounds.link_for_member(assessment=first, user=member)
    member_respondent = Respondent.objects.get(assessment=first, user=member)
    answer_all(first, named, "2", "Notiz von Erika")
    answer_all(first, unnamed, "1", '=HYPERLINK("https://example.org")')
    answer_all(first, member_respondent, "3", "Notiz aus dem Mitgliedskonto")
    question = first.version.questions.order_by("field__number", "position").first()
    agreement.set_agreed_answer(assessment=first, question=question, value="3", evidence="decision")
    answering.save_field_note(assessment=first, field=question.field, text="Feldnotiz der ersten Runde")
    survey_with_responses(first, "Kommentar Runde eins")
    plan(first, "Runde 1")
    rounds.close_round(assessment=first, closed_by=coordinator)
    consent.agree(assessment=first)
    second = rounds.open_round(team=team, carry_over=True, invited_by=coordinator)
    plan(second, "Runde 2")
    for user in (coordinator, member):
        private_records(user, evidence_root)
    clients = []
    for user in (coordinator, member, member):
        client = Client()
        client.force_login(user)
        clients.append(client)
    for respondent in (named, unnamed, member_respondent):
        respondent.refresh_from_db()
    return TeamWorld(
        team=team,
        coordinator=coordinator,
        member=member,
        first=Assessment.objects.get(pk=first.pk),
        second=second,
        named=named,
        unnamed=unnamed,
        member_respondent=member_respondent,
        named_token=named_token,
        unnamed_token=unnamed_token,
        member_token=member_token,
        clients=clients,
    )


def single_link_world() -> Assessment:
    """A single-link Selbstcheck of a municipality with answers, notes, survey, plan and
    consent, among five other municipalities in the comparison."""
    municipality = MunicipalityFactory(ags="06534014", short_name="Marburg", name="Marburg")
    for index in range(5):
        contribute(MunicipalityFactory(ags=f"0653400{index}"), {"steuerung": 40.0 + index})
    assessment = AssessmentFactory(municipality=municipality, title="Selbstcheck Marburg Einzellink")
    answer_all(assessment, None, "2", "Notiz im Einzellink")
    Answer.objects.filter(assessment=assessment, note="Notiz im Einzellink").update(evidence="link")
    field = assessment.version.fields.order_by("number").first()
    answering.save_field_note(assessment=assessment, field=field, text="Feldnotiz im Einzellink")
    survey_with_responses(assessment, "Kommentar im Einzellink")
    plan(assessment, "Einzellink")
    consent.agree(assessment=assessment, named=True)
    return assessment


def other_team_world(*, evidence_root) -> Team:
    """Another municipality's team with a closed round in the comparison, answers, survey,
    plan and an account with private records: none of it may change when ours is deleted."""
    coordinator = UserFactory(email="leitung@kassel.example", first_name="Lea", last_name="Leitung")
    team = make_team(
        MunicipalityFactory(ags="06611000", short_name="Kassel"), name="Team Kassel", coordinator=coordinator
    )
    assessment = team.current_round()
    colleague, _token = rounds.invite(
        assessment=assessment, invited_by=coordinator, email="ole@kassel.example", name="Ole", department="schule"
    )
    answer_all(assessment, colleague, "1", "Notiz aus Kassel")
    survey_with_responses(assessment, "Kommentar aus Kassel")
    plan(assessment, "Kassel")
    rounds.close_round(assessment=assessment, closed_by=coordinator)
    consent.agree(assessment=assessment)
    private_records(coordinator, evidence_root)
    return team
