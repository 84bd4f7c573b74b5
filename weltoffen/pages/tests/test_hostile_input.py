"""Input no form of ours can send is a German 400 before any view sees it."""

import pytest

from django.urls import reverse

from weltoffen.selfcheck.forms import FieldAnswersForm, TamperedForm
from weltoffen.selfcheck.models import Answer, FieldNote


@pytest.mark.parametrize(
    "address",
    ["/selbstcheck/start/?kommune=0310%00", "/kommunen/031%0003000/", "/suche/?q=a%00", "/kommunen/?q=x&seite=%00"],
)
def test_a_nul_byte_in_the_address_or_query_is_a_german_400(client, db, address):
    response = client.get(address)
    assert response.status_code == 400
    assert "Ungültige Anfrage" in response.content.decode()


def test_a_nul_byte_in_a_posted_answer_note_is_a_400_and_nothing_is_saved(client, assessment):
    field = assessment.version.fields.order_by("number").first()
    question = field.questions.first()
    address = reverse("selfcheck:field", kwargs={"token": assessment.token, "field_key": field.key})
    data = {"version": assessment.version.key, f"answer:{question.key}": "2", f"note:{question.key}": "a\x00b"}
    assert client.post(address, data).status_code == 400
    assert client.post(address, {**data, f"note:{question.key}": "", "field-note": "\x00"}).status_code == 400
    assert not Answer.objects.filter(assessment=assessment).exists()
    assert not FieldNote.objects.filter(assessment=assessment).exists()


def test_the_answers_form_itself_refuses_nul_bytes_in_notes(assessment):
    field = assessment.version.fields.order_by("number").first()
    questions = list(field.questions.all())
    key = questions[0].key
    for data in ({f"answer:{key}": "2", f"note:{key}": "\x00"}, {"field-note": "Notiz\x00"}):
        with pytest.raises(TamperedForm):
            FieldAnswersForm(field=field, questions=questions, data=data).is_valid()


def test_an_invitation_to_an_address_longer_than_the_column_is_a_form_error(client, teams):
    ours, _ = teams
    client.force_login(ours.coordinator)
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".de"
    assert len(address) > 254
    before = ours.current_round().respondents.count()
    response = client.post(
        reverse("teams:invite", args=[ours.current_round().pk]), {"email": address, "department": "jugend"}
    )
    assert response.status_code == 400
    assert "höchstens 254 Zeichen" in response.content.decode()
    assert ours.current_round().respondents.count() == before
