import pytest

from django.urls import reverse

from weltoffen.peers import consent

from .factories import contribute, gemeinde, kreis, land

URL = "/admin/programm/"


@pytest.fixture
def contributions(catalogue):
    hessen = land()
    marburg = kreis(hessen)
    bayern = land(ags="09", name="Bayern")
    oberland = kreis(bayern, ags="09173", name="Bad Tölz-Wolfratshausen")
    fields = list(catalogue.fields.values_list("key", flat=True))
    rows = [contribute(gemeinde(marburg), dict.fromkeys(fields, 40.0 + i)) for i in range(8)]
    rows += [contribute(gemeinde(oberland), dict.fromkeys(fields, 70.0)) for _ in range(2)]
    niedersachsen = land(ags="03", name="Niedersachsen")
    rows += [contribute(gemeinde(niedersachsen), dict.fromkeys(fields, 55.0)) for _ in range(6)]
    return rows


def test_staff_with_two_factor_see_the_dashboard_with_small_cells_hidden(staff_client, contributions):
    page = staff_client.get(URL).content.decode()
    assert "Teilnehmende Kommunen nach Land" in page
    assert "<td>8</td>" in page  # Hessen
    # 2 in Bayern hidden, and Niedersachsen's 6 too, so the total cannot reveal Bayern's count.
    assert "Bayern" in page and "&lt;5" in page and "<td>6</td>" not in page


def test_staff_without_two_factor_and_other_users_are_turned_away(client, django_user_model, contributions):
    staff = django_user_model.objects.create_user("ohne2fa", "ohne2fa@example.org", "pw-pw-pw-pw-123", is_staff=True)
    client.force_login(staff)
    assert client.get(URL).status_code == 302
    assert client.get(URL + "?csv=land").status_code == 302
    user = django_user_model.objects.create_user("person", "person@example.org", "pw-pw-pw-pw-123")
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)
    client.logout()
    assert client.get(URL + "?csv=land").status_code == 302


def test_every_table_exports_as_csv_and_withdrawal_is_respected(staff_client, contributions):
    csv = staff_client.get(URL + "?csv=land").content.decode()
    assert "Hessen;8" in csv
    for contribution in contributions[:4]:
        consent.withdraw(contribution=contribution)
    csv = staff_client.get(URL + "?csv=land").content.decode()
    assert "Hessen;<5" in csv and "Hessen;4" not in csv
    for key in ("land", "size", "time", "scores", "recommendations", "questions"):
        assert staff_client.get(URL + f"?csv={key}").status_code == 200
    assert staff_client.get(URL + "?csv=gibt-es-nicht").status_code == 404
    assert reverse("peers-dashboard") == URL
