import io
import zipfile
from hashlib import sha256

import pytest
from PIL import Image
from pypdf import PdfReader

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from weltoffen.support import incidents
from weltoffen.support.models import Evidence, Incident
from weltoffen.teams.models import Membership
from weltoffen.teams.tests.factories import UserFactory

DATA = {
    "occurred_at": "2026-11-30T23:05",
    "channel": "mail",
    "description": "Drohmail: „Wir wissen, wo du wohnst.“",
    "targeted": "ich selbst",
    "reported_to": "",
}


def png(name="screenshot.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def eml(name="drohung.eml") -> SimpleUploadedFile:
    body = b"From: anonym@example.org\r\nTo: bm@example.org\r\nSubject: Warnung\r\nDate: Mon, 30 Nov 2026 23:05:00 +0100\r\n\r\nText\r\n"
    return SimpleUploadedFile(name, body, content_type="message/rfc822")


@pytest.fixture
def author(db):
    return UserFactory(email="buergermeisterin@example.org")


@pytest.fixture
def incident(author, _evidence_in_a_temporary_folder):
    from django.utils.dateparse import parse_datetime
    from django.utils.timezone import make_aware

    data = {**DATA, "occurred_at": make_aware(parse_datetime(DATA["occurred_at"]))}
    return incidents.record_incident(author=author, data=data, upload=png())


def detail(incident):
    return reverse("support:incident-detail", kwargs={"pk": incident.pk})


def test_an_account_holder_records_an_incident_with_a_file(client, author):
    client.force_login(author)
    response = client.post(reverse("support:incident-new"), {**DATA, "evidence": eml()})
    incident = Incident.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(incident)
    evidence = incident.evidence.get()
    assert (evidence.original_name, evidence.content_type) == ("drohung.eml", "message/rfc822")
    assert evidence.sha256 == sha256(eml().read()).hexdigest()


def test_signed_out_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("support:incident-list"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


@pytest.mark.parametrize("who", ["another account", "team coordinator", "staff", "superuser"])
def test_nobody_but_the_author_sees_an_incident_or_its_files(client, incident, teams, who):
    ours, _theirs = teams
    Membership.objects.create(team=ours, user=incident.author, role=Membership.Role.MEMBER)
    viewer = {
        "another account": lambda: UserFactory(),
        "team coordinator": lambda: ours.memberships.get(role=Membership.Role.COORDINATOR).user,
        "staff": lambda: UserFactory(is_staff=True),
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
    }[who]()
    client.force_login(viewer)
    evidence = incident.evidence.get()
    pk = {"pk": incident.pk}
    for url in (
        detail(incident),
        reverse("support:incident-edit", kwargs=pk),
        reverse("support:incident-delete", kwargs=pk),
        reverse("support:evidence-download", kwargs={**pk, "evidence_pk": evidence.pk}),
        reverse("support:evidence-delete", kwargs={**pk, "evidence_pk": evidence.pk}),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"confirm": "yes", **DATA}).status_code == 404, url
    assert incident.description not in client.get(reverse("support:incident-list")).content.decode()
    assert Incident.objects.filter(pk=incident.pk, description=DATA["description"]).exists()
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_the_dossier_of_another_account_holds_none_of_the_authors_incidents(client, incident):
    client.force_login(UserFactory())
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("support:dossier-zip")).content))
    assert [name for name in archive.namelist() if name.startswith("belege/")] == []
    assert archive.read("SHA256SUMS.txt") == b""


def test_workflow_functions_refuse_anyone_but_the_author(incident):
    from django.core.exceptions import PermissionDenied

    stranger = UserFactory(is_superuser=True, is_staff=True)
    with pytest.raises(PermissionDenied):
        incidents.delete_incident(incident=incident, user=stranger)
    with pytest.raises(PermissionDenied):
        incidents.add_evidence(incident=incident, user=stranger, upload=png())
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_the_admin_does_not_offer_incidents(staff_client, incident):
    content = staff_client.get("/admin/").content.decode()
    assert "incident" not in content.lower() and "Vorfall" not in content
    assert staff_client.get("/admin/support/incident/").status_code == 404


def test_the_author_downloads_the_original_file(client, incident):
    client.force_login(incident.author)
    evidence = incident.evidence.get()
    response = client.get(reverse("support:evidence-download", kwargs={"pk": incident.pk, "evidence_pk": evidence.pk}))
    assert response["Content-Disposition"].startswith("attachment")
    assert sha256(b"".join(response.streaming_content)).hexdigest() == evidence.sha256


def test_deleting_an_incident_removes_its_files_from_disk(client, incident, django_capture_on_commit_callbacks):
    client.force_login(incident.author)
    path = incident.evidence.get().file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("support:incident-delete", kwargs={"pk": incident.pk}), {"confirm": "yes"})
    assert response.status_code == 302
    assert not Incident.objects.exists() and not Evidence.objects.exists()
    import os

    assert not os.path.exists(path)


def test_deleting_without_confirmation_changes_nothing(client, incident):
    client.force_login(incident.author)
    client.post(reverse("support:incident-delete", kwargs={"pk": incident.pk}), {})
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_deleting_the_account_removes_the_record_and_its_files(incident, django_capture_on_commit_callbacks):
    import os

    path = incident.evidence.get().file.path
    with django_capture_on_commit_callbacks(execute=True):
        incident.author.delete()
    assert not Incident.objects.exists()
    assert not os.path.exists(path)


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "Erlaubt sind Bilder"),
        (SimpleUploadedFile("bild.png", b"MZ\x90\x00 not a png"), "passt nicht zu ihrer Endung"),
        (SimpleUploadedFile("brief.pdf", b"<html>kein pdf</html>"), "passt nicht zu ihrer Endung"),
        (SimpleUploadedFile("mail.eml", b"\x00\x01\x02binary"), "passt nicht zu ihrer Endung"),
        (SimpleUploadedFile("mail.eml", b"nur ein Text ohne Kopfzeilen"), "passt nicht zu ihrer Endung"),
        (SimpleUploadedFile("leer.pdf", b""), "ist leer"),
        (SimpleUploadedFile("foto.jpg", png().read()), "passt nicht zu ihrer Endung"),
    ],
)
def test_files_are_judged_by_their_content_and_refused_in_german(client, author, upload, message):
    client.force_login(author)
    response = client.post(reverse("support:incident-new"), {**DATA, "evidence": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Incident.objects.exists()


def test_a_file_larger_than_ten_megabytes_is_refused(client, author, settings):
    from weltoffen.support import evidence

    client.force_login(author)
    big = SimpleUploadedFile("gross.pdf", b"%PDF-1.4\n" + b"0" * (evidence.MAX_EVIDENCE_BYTES) + b"\n%%EOF")
    response = client.post(reverse("support:incident-new"), {**DATA, "evidence": big})
    assert response.status_code == 400 and "größer als 10 MB" in response.content.decode()


def test_a_pdf_with_its_end_marker_is_accepted(client, incident):
    client.force_login(incident.author)
    pdf = SimpleUploadedFile("anzeige.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n")
    response = client.post(detail(incident), {"evidence": pdf})
    assert response.status_code == 302
    assert incident.evidence.count() == 2


@pytest.mark.parametrize(
    "change",
    [{"description": "a\x00b"}, {"targeted": "x" * 301}, {"channel": "brieftaube"}, {"occurred_at": "gestern"}],
)
def test_tampered_or_overlong_input_is_a_german_400_and_saves_nothing(client, author, change):
    client.force_login(author)
    response = client.post(reverse("support:incident-new"), {**DATA, **change})
    assert response.status_code == 400
    assert not Incident.objects.exists()


def test_the_dossier_is_a_tagged_pdf_with_title_and_language(client, incident):
    client.force_login(incident.author)
    response = client.get(reverse("support:dossier-pdf"))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712 - a PDF BooleanObject
    assert catalog["/Lang"] == "de"
    assert reader.metadata.title == "Vorfallprotokoll"
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Wir wissen, wo du wohnst." in text
    assert incident.evidence.get().sha256[:20] in text.replace("\n", "")


def test_the_english_dossier_declares_english(client, incident):
    client.force_login(incident.author)
    reader = PdfReader(io.BytesIO(client.get("/en" + reverse("support:dossier-pdf")).content))
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_the_zip_holds_the_dossier_the_originals_and_matching_checksums(client, incident):
    client.force_login(incident.author)
    archive = zipfile.ZipFile(io.BytesIO(client.get(reverse("support:dossier-zip")).content))
    names = archive.namelist()
    assert "dossier.pdf" in names
    (original,) = [name for name in names if name.startswith("belege/")]
    line = archive.read("SHA256SUMS.txt").decode().strip()
    assert line == f"{sha256(archive.read(original)).hexdigest()}  {original}"


def test_incidents_reach_no_log_output(client, author, caplog):
    import logging

    client.force_login(author)
    with caplog.at_level(logging.DEBUG):
        client.post(reverse("support:incident-new"), {**DATA, "evidence": eml()})
    assert "Wir wissen" not in caplog.text
