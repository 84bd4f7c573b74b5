"""The sessions of one account, ended on every device when the account is deleted."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session


def end_sessions(*, user) -> int:
    """Delete every stored session signed in as `user`, expired ones included.

    Sessions are not indexed by account, so this decodes them all; it runs only when an
    account is deleted. Returns how many it deleted.
    """
    pk = str(user.pk)
    signed_in = [
        session.pk
        for session in Session.objects.only("session_key", "session_data").iterator(chunk_size=2000)
        if session.get_decoded().get(SESSION_KEY) == pk
    ]
    return Session.objects.filter(pk__in=signed_in).delete()[0]
