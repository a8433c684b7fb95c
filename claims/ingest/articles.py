"""From raw input to an article: main text and metadata, from HTML or plain text.

Plain text may carry a header line `date 2022-01-11` and a closing credit line such as
`(Example News Ltd 2022)`: both are metadata and are removed from the text.
"""

import logging
import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from claims.ingest import bodies, claimreview
from claims.ingest.errors import UnusableInput
from claims.store.incoming import Article

logger = logging.getLogger(__name__)

# `date 2022-01-11` opening the text: on a line of its own, or (as pasted wire copy often has it)
# followed on the same line by the first sentence, which is kept.
_DATE_HEADER = re.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})(?:\s+|\s*$)", re.IGNORECASE)
# `(Riverton Gazette Ltd 2022)`: the publisher's credit, on a line of its own or closing the last
# paragraph (`... the SBU said. (Telegraph Media Group Ltd 2022)`).
_CREDIT_LINE = re.compile(
    r"(?:^|(?<=[.!?\"”’'])\s+)\((?:©\s*|copyright\s+)?([^()]+?)\s+((?:19|20)\d\d)\)\s*$", re.IGNORECASE
)
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<!--|<meta|<p\b|<div\b|<article\b)", re.I)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
MIN_ARTICLE_CHARS = 40


# Control characters (Unicode category Cc: C0, DEL and C1) except newline and tab. One regex
# pass, not a Python loop over every character (1 ms an article at ingestion rates).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_START.match(text[:2000])) or "</p>" in text[:20000].lower()


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def parse_text(text: str) -> Article:
    lines = _tidy(text).split("\n")
    published = None
    publisher = ""
    if lines and (m := _DATE_HEADER.match(lines[0])):
        try:
            published = date.fromisoformat(m.group(1))
        except ValueError:
            raise UnusableInput(f"The header line gives an impossible date: {m.group(1)!r}.") from None
        rest = lines[0][m.end() :].strip()
        lines = ([rest] if rest else []) + lines[1:]
    while lines and not lines[-1].strip():
        lines.pop()
    if lines and (m := _CREDIT_LINE.search(lines[-1])):
        publisher = m.group(1).strip()
        rest = lines[-1][: m.start()].rstrip()
        lines = lines[:-1] + ([rest] if rest else [])
    body = "\n".join(lines).strip()
    if len(body) < MIN_ARTICLE_CHARS:
        raise UnusableInput(f"The text is too short to be an article ({len(body)} characters).")
    first_line = body.split("\n", 1)[0]
    title = first_line if len(first_line) <= 200 and "\n" in body else ""
    return Article(text=body, raw_format="text", title=title, published=published, publisher=publisher)


def _tree(html: str):
    """The HTML parsed into an lxml tree, or None when it is not HTML at all.

    Third-party parsers are only ever handed this tree, never the string: htmldate downloads any
    string that starts with "http" and has no space (an article body such as
    `http://127.0.0.1:6379/x?<html>...` would make the worker send a request there, bypassing
    every check in fetching.py). trafilatura's loader reads strings and bytes only as markup."""
    from trafilatura.utils import load_html

    return load_html(html)


def parse_html(html: str, *, url: str = "") -> Article:
    # Imported here: trafilatura pulls in lxml and its language data, which the web process
    # does not need until it parses HTML.
    import htmldate
    import trafilatura

    tree = _tree(html)
    document: Any = None  # trafilatura's Document (its types say it may be a dict: not as called here)
    if tree is not None:
        document = trafilatura.bare_extraction(
            tree, url=url or None, with_metadata=True, include_comments=False, include_tables=False
        )
    text = _tidy(document.text or "") if document is not None else ""
    if len(text) < MIN_ARTICLE_CHARS:
        raise UnusableInput(
            "No article text was found in the HTML (it may be a home page, a form or a login wall)."
        )
    # A fresh tree: trafilatura prunes the one it was given.
    fresh = _tree(html)
    if fresh is not None:
        # trafilatura keeps the first block of a body the page splits into several.
        rest = bodies.rest_of_body(tree=fresh, text=text)
        if rest.before or rest.after:
            text = _tidy("\n".join([*rest.before, text, *rest.after]))
    published = None
    raw_date = getattr(document, "date", None)
    if not raw_date and fresh is not None:
        raw_date = htmldate.find_date(fresh, url=url or None, original_date=True)
    if raw_date:
        try:
            published = date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            logger.info("ignoring unreadable date %r", raw_date)
    authors = [a.strip() for a in re.split(r";|\band\b", document.author or "") if a.strip()]
    publisher = document.sitename or ""
    if not publisher and url:
        publisher = urlsplit(url).hostname or ""
    return Article(
        text=text,
        raw_format="html",
        title=(document.title or "")[:1000],
        authors=authors,
        published=published,
        publisher=publisher[:200],
        # What the page declares; the store identifies the language of the text when it declares none.
        language=declared_language(fresh)[:16],
        canonical=claimreview.absolute_url(declared_canonical(fresh), base=url)[:2000],
    )


def declared_language(tree: Any) -> str:
    """The language tag a page declares: `<html lang>` (or `xml:lang`), else a Content-Language
    meta element; "" when it declares none."""
    if tree is None:
        return ""
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    for attribute in ("lang", "{http://www.w3.org/XML/1998/namespace}lang", "xml:lang"):
        value = (root.get(attribute) or "").strip()
        if value:
            return value
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").strip().lower() == "content-language":
            return (meta.get("content") or "").split(",")[0].strip()
    return ""


def declared_canonical(tree: Any) -> str:
    """The page's own address as its first `<link rel="canonical">` gives it (as written: relative
    ones are resolved by the caller); "" when it gives none."""
    if tree is None:
        return ""
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            return (link.get("href") or "").strip()[:2000]
    return ""


def parse(text: str, *, url: str = "", content_type: str = "") -> Article:
    if "html" in content_type or (not content_type.startswith("text/plain") and looks_like_html(text)):
        return parse_html(text, url=url)
    return parse_text(text)
