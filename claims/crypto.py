"""Secrets kept at rest encrypted: webhook signing secrets, which must be read back in clear to sign
with (so a digest, as API tokens keep, will not do).

Fernet (the `cryptography` package: AES-128-CBC with an HMAC-SHA256, so a changed value is
detected rather than read as another secret), under a key derived by HKDF from
CLAIMS_SECRETS_KEY, or from SECRET_KEY while that is unset. A database dump alone reveals none of
them. Rotating SECRET_KEY while CLAIMS_SECRETS_KEY is unset makes them unreadable: set
CLAIMS_SECRETS_KEY to the old SECRET_KEY to keep them.
"""

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


class Unreadable(ValueError):
    """A sealed value the current key cannot open (the key changed, or the value is not ours)."""


@functools.lru_cache(maxsize=4)
def _fernet(material: str) -> Fernet:
    # The key is derived for this one purpose: the same material used elsewhere (SECRET_KEY signs
    # sessions) yields an unrelated key here.
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"claims: secrets at rest").derive(
        material.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _key() -> Fernet:
    from django.conf import settings

    return _fernet(settings.CLAIMS_SECRETS_KEY or settings.SECRET_KEY)


def seal(text: str) -> str:
    """text encrypted under the settings' key, as ASCII to store in a text column."""
    return _key().encrypt(text.encode("utf-8")).decode("ascii")


def unseal(sealed: str) -> str:
    """What seal() was given; Unreadable, in words, when the key cannot open it."""
    try:
        return _key().decrypt(sealed.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise Unreadable(
            "the stored secret cannot be decrypted with the current key (CLAIMS_SECRETS_KEY, or "
            "DJANGO_SECRET_KEY while it is unset): the key was changed. Set CLAIMS_SECRETS_KEY to the "
            "former key, or create the webhook again for a new secret."
        ) from None
