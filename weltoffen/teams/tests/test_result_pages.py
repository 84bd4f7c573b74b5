"""What the coordinator puts in front of a workshop: the team result page, its PDF and
the progress over rounds say the same, with disagreement first."""

import io

import pytest
from pypdf import PdfReader

from django.urls import reverse
from django.utils.text import slugify

from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.selfcheck.tests.documents import prepared_pdf, status_page
from weltoffen.teams import rounds


@pytest.fixture
def disputed_round(teams):
    """Two colleagues who disagree on everything in field 1, one with a note."""
    ours, _ = teams
    round_one = ours.current_round()
    questions = list(round_one.version.questions.filter(field__number=1).order_by("position"))
    for department, value, name in (("personal", "0", "Paula Personal"), ("auslaenderbehoerde", "3", "")):
        person, _ = rounds.invite(
            assessment=round_one, invited_by=ours.coordinator, department=department, name=name, show_name=bool(name)
        )
        answering.save_answers(
            assessment=round_one,
            respondent=person,
            changes=[
                (q, AnswerInput(value, "Beschluss vom 3. März" if value == "3" and q.position == 1 else ""))
                for q in questions
            ],
        )
    return ours, round_one, questions


def pdf_text(response) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.getvalue())).pages)
    return " ".join(text.split())  # line breaks fall anywhere in a PDF


def test_the_team_result_opens_with_the_questions_that_need_discussion(client, disputed_round):
    ours, round_one, questions = disputed_round
    client.force_login(ours.coordinator)
    content = client.get(reverse("teams:result", args=[round_one.pk])).content.decode()
    assert content.index("Diskussionsbedarf") < content.index("Profil des Teams")
    assert "3 – umfassend umgesetzt und verankert" in content and "0 – nicht vorhanden" in content
    assert "Paula Personal" in content and "Ausländerbehörde" in content
    assert "Beschluss vom 3. März" in content
    assert "Die Einschätzungen gehen weit auseinander" in content
    assert 'class="kern-table-responsive"' not in content  # tables stack instead of scrolling sideways
    assert 'id="unterthemen-teilhabe-caption"' in content  # field 3's profile per sub-topic


def test_the_spread_table_carries_the_numbers_of_the_chart(client, disputed_round):
    ours, round_one, _ = disputed_round
    client.force_login(ours.coordinator)
    response = client.get(reverse("teams:result", args=[round_one.pk]))
    content = response.content.decode()
    assert "Spanne 0 bis 100" in content  # in the chart's description
    assert "0–100" in content  # and in the table
    assert response.context["spread_chart"]["rows"][0]["range_x2"] == 440


def test_the_team_pdf_states_counts_disagreement_and_notes(client, disputed_round):
    ours, round_one, questions = disputed_round
    client.force_login(ours.coordinator)
    text = pdf_text(prepared_pdf(client, reverse("teams:result-document", args=[round_one.pk])))
    assert f"{len(questions)} von 108" in text  # each person, against their own fields
    assert f"{len(questions)} von 108 Fragen hat mindestens eine Person beantwortet" in text
    assert "Diskussionsbedarf" in text
    assert "Beschluss vom 3. März" in text
    assert "Paula Personal" in text


def test_progress_shows_score_level_and_consensus_change_and_warns_about_new_gaps(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    questions = list(round_one.version.questions.filter(field__number=1).order_by("position"))
    person, _ = rounds.invite(assessment=round_one, invited_by=ours.coordinator, department="integration")
    before = ["3"] + ["0"] * (len(questions) - 1)
    answering.save_answers(
        assessment=round_one,
        respondent=person,
        changes=[(q, AnswerInput(v, "")) for q, v in zip(questions, before, strict=True)],
    )
    rounds.close_round(assessment=round_one)
    round_two = rounds.open_round(team=ours)
    person_two, _ = rounds.invite(assessment=round_two, invited_by=ours.coordinator, department="integration")
    after = ["1"] + ["3"] * (len(questions) - 1)  # the first question slipped, the rest improved
    answering.save_answers(
        assessment=round_two,
        respondent=person_two,
        changes=[(q, AnswerInput(v, "")) for q, v in zip(questions, after, strict=True)],
    )
    client.force_login(ours.coordinator)
    response = client.get(reverse("teams:progress"))
    content = response.content.decode()
    change = response.context["history"].comparison.fields[0]
    assert change.rose_with_new_gaps
    assert [(c.number, c.before, c.after) for c in change.new_gaps] == [
        ("1.1", "3 – umfassend umgesetzt und verankert", "1 – in Planung / ansatzweise")
    ]
    assert len(change.fulfilled) == len(questions) - 1
    assert "Der Punktwert ist gestiegen, aber 1 Frage ist jetzt schlechter beantwortet" in content
    assert "Punktwerte je Handlungsfeld über die Runden" in content
    assert [scores for _n, _t, scores in response.context["history"].rows][0] == [
        (1, round_one_score(round_one)),
        (2, change.after),
    ]


def round_one_score(assessment):
    from weltoffen.teams.team_results import team_result

    return team_result(assessment).fields[0].result.score.score


def test_members_see_only_shared_rounds_in_the_progress(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    rounds.close_round(assessment=round_one)
    rounds.open_round(team=ours)
    client.force_login(ours.member)
    assert client.get(reverse("teams:progress")).context["history"].rounds == []
    rounds.share_result(assessment=round_one, shared=True)
    assert [a.pk for a in client.get(reverse("teams:progress")).context["history"].rounds] == [round_one.pk]


def test_a_member_prepares_the_shared_team_result_as_pdf_without_javascript(client, disputed_round):
    ours, round_one, _ = disputed_round
    rounds.share_result(assessment=round_one, shared=True)
    client.force_login(ours.member)
    result_page = client.get(reverse("teams:result", args=[round_one.pk])).text
    assert f'<form method="post" action="{reverse("teams:result-document", args=[round_one.pk])}">' in result_page
    page = status_page(client, reverse("teams:result-document", args=[round_one.pk]))
    assert "Die PDF-Datei ist fertig" in page.text and "Zurück zum Teamergebnis" in page.text
    download = prepared_pdf(client, reverse("teams:result-document", args=[round_one.pk]))
    assert (
        download["Content-Disposition"] == f'attachment; filename="teamergebnis-{slugify(round_one.display_title)}.pdf"'
    )
    assert download["Cache-Control"] == "private, no-store"
    assert "Diskussionsbedarf" in pdf_text(download)
    old = client.get(reverse("teams:result-pdf", args=[round_one.pk]))
    assert old["Location"] == reverse("teams:result-document", args=[round_one.pk])


def test_preparing_the_pdf_of_a_closed_round_changes_nothing_in_the_round(client, disputed_round):
    ours, round_one, _ = disputed_round
    rounds.close_round(assessment=round_one, closed_by=ours.coordinator)
    round_one.refresh_from_db()
    before = (round_one.updated_at, round_one.closed_at, round_one.last_activity_at, round_one.answers.count())
    client.force_login(ours.coordinator)
    assert "Diskussionsbedarf" in pdf_text(prepared_pdf(client, reverse("teams:result-document", args=[round_one.pk])))
    round_one.refresh_from_db()
    assert (round_one.updated_at, round_one.closed_at, round_one.last_activity_at, round_one.answers.count()) == before


def test_a_team_pdf_post_beyond_the_hourly_limit_is_a_429_and_prepares_nothing(client, disputed_round, monkeypatch):
    from weltoffen.selfcheck.models import PreparedDocument

    ours, round_one, _ = disputed_round
    monkeypatch.setattr(PreparedDocument, "MAX_PER_HOUR", 1)
    client.force_login(ours.coordinator)
    url = reverse("teams:result-document", args=[round_one.pk])
    assert client.post(url).status_code == 302
    response = client.post(url)
    assert response.status_code == 429 and "Gerade keine neue PDF-Datei" in response.text
    assert round_one.prepared_documents.count() == 1
