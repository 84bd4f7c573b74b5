"""Secret links must never reach stored data, logs or mails through another feature.

A secret link carries its token as a path segment after `/a/` (`/selbstcheck/a/<token>/…`);
any other segment that looks like a token (long, URL-safe random text) is treated the
same. Query strings are dropped as a whole: they may carry anything.
"""

import re

# Tokens are 43 characters of URL-safe base64 in mixed case; slugs are lower case.
TOKEN_SEGMENT = re.compile(r"^(?=.*[A-Z])(?=.*[a-z])[A-Za-z0-9_-]{32,}$")
# What stands where a secret token was removed.
REDACTED = "…"


def without_secrets(address: str) -> str:
    """The path of `address` with every token replaced by "…" and no query or fragment:
    `/selbstcheck/a/abc…xyz/ergebnis/?x=1` → `/selbstcheck/a/…/ergebnis/`."""
    path = (address or "").split("?", 1)[0].split("#", 1)[0]
    segments = path.split("/")
    cleaned = []
    for index, segment in enumerate(segments):
        after_a = index > 0 and segments[index - 1] == "a"
        cleaned.append(REDACTED if segment and (after_a or TOKEN_SEGMENT.match(segment)) else segment)
    return "/".join(cleaned)


def carries_secret(path: str) -> bool:
    return without_secrets(path) != path.split("?", 1)[0]


# The same two rules for free text (log lines, error reports): a segment after "/a/" and any
# word shaped like a token, wherever it stands (path, query string, exception message).
SEGMENT_AFTER_A = re.compile(r"(/a/)[^/?#&\s'\"<>]+")
TOKEN_WORD = re.compile(
    r"(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])"
)


def scrub_text(text: str) -> str:
    """`text` with every secret link token replaced by "…", the rest left as it was:
    `Not Found: /selbstcheck/a/abc…xyz/ergebnis/` → `Not Found: /selbstcheck/a/…/ergebnis/`."""
    return TOKEN_WORD.sub(REDACTED, SEGMENT_AFTER_A.sub(r"\1" + REDACTED, text))
