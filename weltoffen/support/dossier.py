"""The incident record as documents to hand to the police or a lawyer: a tagged PDF
dossier (PDF/UA-1, document language and title) and a ZIP with the PDF, the original
evidence files and their SHA-256 checksums."""

import io
import zipfile

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from weltoffen.selfcheck.report import font_urls, to_pdf

from .models import Incident


def incidents_of(user) -> list[Incident]:
    return list(Incident.objects.visible_to(user).prefetch_related("evidence").order_by("occurred_at"))


def dossier_pdf(user) -> bytes:
    context = {
        "incidents": incidents_of(user),
        "author": user,
        "generated_at": timezone.localtime(),
        "language": get_language(),
        "fonts": font_urls(),
    }
    return to_pdf(render_to_string("support/dossier.html", context))


def dossier_zip(user) -> bytes:
    """dossier.pdf, belege/<incident>/<file> and SHA256SUMS.txt (sha256sum -c format)."""
    incidents = incidents_of(user)
    buffer = io.BytesIO()
    sums = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dossier.pdf", dossier_pdf(user))
        for number, incident in enumerate(incidents, start=1):
            folder = f"belege/{number:03d}-{timezone.localtime(incident.occurred_at):%Y-%m-%d}"
            for index, evidence in enumerate(incident.evidence.all(), start=1):
                name = f"{folder}/{index:02d}-{safe_name(evidence.original_name)}"
                with evidence.file.open("rb") as handle:
                    archive.writestr(name, handle.read())
                sums.append(f"{evidence.sha256}  {name}")
        archive.writestr("SHA256SUMS.txt", "\n".join(sums) + ("\n" if sums else ""))
    return buffer.getvalue()


def safe_name(name: str) -> str:
    cleaned = "".join(char if char.isalnum() or char in "._-" else "_" for char in name)
    return cleaned.strip("._") or "datei"
