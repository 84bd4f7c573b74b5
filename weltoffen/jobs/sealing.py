"""Encryption of what waits in the queue: a database dump or backup taken while a mail waits
holds no readable secret link. The key derives from SECRET_KEY (and its fallbacks, so a key
rotation does not strand waiting mail)."""

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from django.conf import settings

PURPOSE = b"weltoffen.jobs.sealing:"


class UnsealError(ValueError):
    """The content was sealed with a key this site no longer has."""


def fernet() -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [Fernet(base64.urlsafe_b64encode(hashlib.sha256(PURPOSE + key.encode()).digest())) for key in keys]
    )


def seal(content: dict) -> str:
    return fernet().encrypt(json.dumps(content).encode()).decode("ascii")


def unseal(sealed: str) -> dict:
    try:
        return json.loads(fernet().decrypt(sealed.encode("ascii")))
    except InvalidToken as error:
        raise UnsealError("sealed with an unknown key") from error
