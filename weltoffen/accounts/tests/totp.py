import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value


def current_totp_code(secret: str, steps_ago: int = 0) -> str:
    """The code an authenticator app shows now (or showed `steps_ago` periods before)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD - steps_ago))
