"""Secret links: unguessable tokens of which only a hash is stored.

A token carries 256 bits of randomness, so a fast hash is enough: there is nothing
to brute-force, and lookups stay a single indexed query.
"""

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32
TOKEN_LENGTH = 43  # token_urlsafe(32) without padding


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", errors="replace")).hexdigest()


def looks_like_token(token: str) -> bool:
    """Cheap shape check before any database lookup."""
    return len(token) == TOKEN_LENGTH and all(c.isalnum() or c in "-_" for c in token)


def same_token(token: str, token_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), token_hash)
