import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from django.core import mail
from django.urls import reverse

from weltoffen.accounts.tests.totp import current_totp_code
from weltoffen.selfcheck import answering
from weltoffen.selfcheck.answering import AnswerInput
from weltoffen.teams import rounds
from weltoffen.teams.models import Team
from weltoffen.teams.tests.factories import UserFactory

PASSWORD = "ein-langes-passwort-123"


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.django_db
def test_sign_up_needs_a_verified_email(client):
    response = client.post(
        reverse("account_signup"), {"email": "neu@kommune.example", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    assert "bestätigen" in mail.outbox[0].body.lower() or "confirm" in mail.outbox[0].body.lower()
    assert not EmailAddress.objects.get(email="neu@kommune.example").verified
    login = client.post(reverse("account_login"), {"login": "neu@kommune.example", "password": PASSWORD})
    assert login["Location"] == reverse("account_email_verification_sent")


@pytest.mark.django_db
def test_login_with_password_and_by_one_time_code(client):
    user = verified(UserFactory(email="koordination@kommune.example"))
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    client.logout()
    response = client.post(reverse("account_request_login_code"), {"email": user.email})
    assert response.status_code == 302
    code = re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", mail.outbox[-1].body).group(0)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("teams:home")).status_code == 200


@pytest.mark.django_db
def test_password_reset_mails_a_link(client):
    user = verified(UserFactory(email="vergessen@kommune.example"))
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert "/konto/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    user = verified(UserFactory(email="ziel@kommune.example"))
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "falsch-falsch-falsch"})
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code != 302  # even the right password waits now
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_failed_logins_from_one_address_do_not_lock_the_owner_out_elsewhere(client):
    from django.test import Client

    user = verified(UserFactory(email="ziel@kommune.example"))
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(6):
        attacker.post(reverse("account_login"), {"login": user.email, "password": "falsch-falsch-falsch"})
    blocked = attacker.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in attacker.session and blocked.status_code != 302
    owner = Client(REMOTE_ADDR="198.51.100.20")
    response = owner.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert owner.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_staff_must_set_up_two_factor_authentication_before_the_admin(client):
    staff = verified(UserFactory(email="redaktion@betreiber.example", is_staff=True, is_superuser=True))
    client.force_login(staff)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_coordinators_may_use_two_factor_authentication(client):
    user = verified(UserFactory())
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    # Setting up an authenticator asks for the password once more, as it should.
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert "QR-Code zum Einrichten der Authenticator-App" in page.content.decode()
    assert client.get(reverse("teams:home")).status_code == 200  # not forced for non-staff


@pytest.mark.django_db
def test_the_wagtail_admin_signs_in_through_allauth(client):
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("account_login"))


def test_deleting_an_account_keeps_team_answers_without_the_name(client, teams):
    ours, _ = teams
    round_one = ours.current_round()
    token = rounds.link_for_member(assessment=round_one, user=ours.member)
    question = round_one.version.questions.first()
    respondent = round_one.respondents.get(user=ours.member)
    answering.save_answer(assessment=round_one, respondent=respondent, question=question, answer=AnswerInput("2", ""))
    client.force_login(ours.member)
    assert client.post(reverse("accounts-delete"), {"confirm": "yes"}).status_code == 302
    respondent.refresh_from_db()
    assert (respondent.user, respondent.email, respondent.name) == (None, "", "")
    assert round_one.answers.count() == 1
    assert token


def test_the_last_person_of_a_team_deletes_it_with_the_account(client, catalogue):
    from weltoffen.municipalities.tests.factories import MunicipalityFactory
    from weltoffen.teams.tests.factories import make_team

    team = make_team(MunicipalityFactory(ags="01001"))
    client.force_login(team.coordinator)
    client.post(reverse("accounts-delete"), {"confirm": "yes"})
    assert not Team.objects.filter(pk=team.pk).exists()


def test_a_sole_coordinator_with_members_must_hand_over_first(client, teams):
    ours, _ = teams
    client.force_login(ours.coordinator)
    response = client.post(reverse("accounts-delete"), {"confirm": "yes"})
    assert response.status_code == 409
    assert Team.objects.filter(pk=ours.pk).exists()
    assert type(ours.coordinator).objects.filter(pk=ours.coordinator.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "expected", "german_only"),
    [
        ("/konto/login/", "Ein Konto brauchen Sie nur, wenn Sie den Selbstcheck im Team durchführen", None),
        ("/konto/signup/", "Ein Konto brauchen Sie nur, wenn Sie den Selbstcheck im Team durchführen", None),
        ("/en/konto/login/", "You only need an account if you run the Selbstcheck as a team", "Anmelden"),
        ("/en/konto/signup/", "You only need an account if you run the Selbstcheck as a team", "Konto anlegen"),
        ("/en/konto/password/reset/", "Password Reset", "Passwort vergessen"),
    ],
)
def test_account_pages_say_what_an_account_is_for_in_both_languages(client, path, expected, german_only):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert expected in html
    if german_only:
        assert german_only not in html
        assert '<html lang="en"' in html


@pytest.mark.django_db
def test_the_language_switch_on_an_account_page_leads_to_the_same_page_in_english(client):
    html = client.get("/konto/login/").content.decode()
    assert 'href="/en/konto/login/"' in html
    assert client.get("/en/konto/login/").status_code == 200


@pytest.mark.django_db
def test_messages_name_people_by_their_address_not_by_a_generated_user_name(client):
    user = verified(UserFactory(email="koordination@kommune.example", username="koordination.ux1"))
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD}, follow=True)
    html = response.content.decode()
    assert "Sie sind angemeldet." in html
    assert "koordination.ux1" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "greeting"), [("", "Guten Tag,"), ("/en", "Hello,")])
def test_account_mails_speak_for_the_platform_not_for_the_host(client, prefix, greeting):
    client.post(
        f"{prefix}/konto/signup/", {"email": "neu@kommune.example", "password1": PASSWORD, "password2": PASSWORD}
    )
    body = mail.outbox[0].body
    assert body.startswith(greeting)
    assert "Weltoffene Kommune" in body
    assert "testserver" not in body.replace("http://testserver/", "")  # the link may carry the host, the text not
    assert "Hello from" not in body
    assert mail.outbox[0].subject.startswith("[Weltoffene Kommune] ")


@pytest.mark.django_db
def test_the_password_reset_mail_does_not_reveal_the_user_name(client):
    user = verified(UserFactory(email="vergessen@kommune.example", username="vergessen.xy7"))
    client.post(reverse("account_reset_password"), {"email": user.email})
    body = mail.outbox[0].body
    assert "vergessen.xy7" not in body
    assert body.startswith("Guten Tag,")


def totp_activation_page(client):
    user = verified(UserFactory())
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return user, client.get(reverse("mfa_activate_totp")).content.decode()


@pytest.mark.django_db
def test_two_factor_setup_explains_itself_and_shows_the_recovery_codes_on_screen(client):
    user, page = totp_activation_page(client)
    assert "TOTP-Standard" in page and "FreeOTP" in page and "Wiederherstellungscodes" in page
    secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', page).group(1)
    response = client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(response["Location"]).content.decode()
    codes = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES).wrap().get_unused_codes()
    assert codes and all(code in codes_page for code in codes)
    assert re.search(r"<textarea[^>]*readonly[^>]*>\s*" + re.escape(codes[0]), codes_page)


@pytest.mark.django_db
@pytest.mark.parametrize(("steps_ago", "accepted"), [(1, True), (3, False)])
def test_a_code_from_the_last_period_still_counts_but_an_older_one_does_not(client, steps_ago, accepted):
    user, page = totp_activation_page(client)
    secret = re.search(r'id="authenticator_secret" value="([A-Z2-7]+)"', page).group(1)
    client.post(reverse("mfa_activate_totp"), {"code": current_totp_code(secret, steps_ago=steps_ago)})
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists() is accepted


def test_deleting_an_account_signs_it_out_on_every_device_and_no_other(client, teams):
    from django.contrib.sessions.models import Session
    from django.test import Client

    ours, _ = teams
    laptop, phone, colleague = Client(), Client(), Client()
    laptop.force_login(ours.member)
    phone.force_login(ours.member)
    colleague.force_login(ours.coordinator)
    assert Session.objects.count() == 3
    assert laptop.post(reverse("accounts-delete"), {"confirm": "yes"}).status_code == 302
    signed_in = [session.get_decoded().get("_auth_user_id") for session in Session.objects.all()]
    assert str(ours.member.pk) not in signed_in
    assert signed_in.count(str(ours.coordinator.pk)) == 1
    assert phone.get(reverse("teams:home")).status_code == 302  # back to the login
    assert colleague.get(reverse("teams:home")).status_code == 302  # to the coordinator's round


def test_ending_sessions_deletes_only_the_accounts_own(teams):
    from django.contrib.sessions.backends.db import SessionStore

    from weltoffen.accounts.sessions import end_sessions

    ours, _ = teams
    stores = []
    for user in (ours.member, ours.member, ours.coordinator):
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store.create()
        stores.append(store)
    anonymous = SessionStore()
    anonymous["teams:links-to-show"] = {"round": 1}
    anonymous.create()
    assert end_sessions(user=ours.member) == 2
    assert [SessionStore().exists(store.session_key) for store in stores] == [False, False, True]
    assert SessionStore().exists(anonymous.session_key)
