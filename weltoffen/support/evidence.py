"""Evidence files: which files an incident may carry, judged by their content.

The extension must match what the bytes are: a renamed executable is no PDF. Images are
opened with Pillow, e-mails parsed as RFC 822 messages with at least a sender.
"""

import hashlib
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_PER_INCIDENT = 20
# extension → (content type, check)
KINDS = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".pdf": "application/pdf",
    ".eml": "message/rfc822",
}
IMAGE_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/gif": "GIF", "image/webp": "WEBP"}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def check_evidence(upload) -> CheckedFile:
    """Raise ValidationError with a German message unless the upload is an allowed file."""
    name = Path(upload.name or "").name[:200]
    if not name or "\x00" in name:
        raise ValidationError(_("Die Datei hat keinen gültigen Namen."))
    content_type = KINDS.get(Path(name).suffix.lower())
    if content_type is None:
        raise ValidationError(_("Erlaubt sind Bilder (PNG, JPEG, GIF, WebP), PDF-Dateien und E-Mails als .eml-Datei."))
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("Die Datei ist größer als 10 MB."))
    if upload.size == 0:
        raise ValidationError(_("Die Datei ist leer."))
    data = read_all(upload)
    if not matches(content_type, data):
        raise ValidationError(
            _("Der Inhalt der Datei passt nicht zu ihrer Endung „%(suffix)s“. Bitte laden Sie die Originaldatei hoch.")
            % {"suffix": Path(name).suffix.lower()}
        )
    return CheckedFile(name=name, content_type=content_type, size=len(data), sha256=hashlib.sha256(data).hexdigest())


def read_all(upload) -> bytes:
    upload.seek(0)
    data = b"".join(upload.chunks())
    upload.seek(0)
    return data


def matches(content_type: str, data: bytes) -> bool:
    if content_type in IMAGE_FORMATS:
        return is_image(data, IMAGE_FORMATS[content_type])
    if content_type == "application/pdf":
        return data.startswith(b"%PDF-") and b"%%EOF" in data[-2048:]
    return is_email(data)


def is_image(data: bytes, expected_format: str) -> bool:
    import io

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected_format:
                return False
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    return True


def is_email(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        message = BytesParser(policy=policy.default).parsebytes(data, headersonly=True)
    except (ValueError, TypeError):
        return False
    return bool(message.get("From")) and bool(message.get("Date") or message.get("Subject"))
