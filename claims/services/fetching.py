"""Fetch one URL: time limits, a size limit enforced while reading, readable errors.

Issue 6 replaces this with the shared, SSRF-safe HTTP client; until then every fetch goes
through this one function.
"""

import urllib.error
import urllib.request
from dataclasses import dataclass

from .errors import TemporaryFailure, UnusableInput

_ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    body: bytes
    content_type: str


def fetch(url: str, *, timeout: float, max_bytes: int, user_agent: str) -> Fetched:
    request = urllib.request.Request(
        url, headers={"User-Agent": user_agent, "Accept": ", ".join(_ACCEPTED_TYPES)}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in _ACCEPTED_TYPES:
                raise UnusableInput(f"{url} is {content_type}, not an HTML page or plain text.")
            body = response.read(max_bytes + 1)
            if len(body) > max_bytes:
                raise UnusableInput(f"{url} is larger than the {max_bytes // (1024 * 1024)} MB limit.")
            return Fetched(response.geturl(), body, content_type)
    except urllib.error.HTTPError as exc:
        if exc.code in (408, 425, 429) or exc.code >= 500:
            raise TemporaryFailure(f"{url} answered {exc.code} {exc.reason}; will try again.") from None
        raise UnusableInput(f"{url} answered {exc.code} {exc.reason}.") from None
    except urllib.error.URLError as exc:
        raise TemporaryFailure(f"Could not reach {url}: {exc.reason}.") from None
    except TimeoutError:
        raise TemporaryFailure(f"{url} did not answer within {timeout:g} seconds.") from None
    except OSError as exc:
        raise TemporaryFailure(f"Reading {url} failed: {exc}.") from None
