"""The rest of an article body that a page splits into sibling blocks.

Some pages cut the body into several blocks of the same kind (`<div class="article-body">` twice,
with an ad row or a "related" module between them); trafilatura takes the first block for the
whole body and drops the rest. `rest_of_body` finds the block trafilatura's text came from, the
other blocks of its family (same tag and class, reached from a near common container through the
same chain of tags and classes, with no new headline between) and their paragraphs, leaving out
what is not the article: captions, lists, asides, sign-ups, ads, embedded posts, link lines.

It reads the tree and never changes it; parse_html hands it a tree trafilatura has not pruned.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml.html import HtmlElement

_WORD = re.compile(r"\w+")
# How far above the block the container its sibling blocks share may be (a body block in a grid
# row in the article's column of rows: two levels).
MAX_LEVELS_UP = 3
# Paragraphs whose text is mostly links are link lines ("Read more: ..."), not the article.
MAX_LINK_SHARE = 0.5
# A sibling block counts when it has a real paragraph: this many words at least.
MIN_PARAGRAPH_WORDS = 10
# Share of trafilatura's text that must be found in the page's <p> elements for the block to be
# known at all (text recovered from elsewhere, or from <div>s, is left as it is).
MIN_MATCHED_SHARE = 0.5

# Parts of a block that are not the article's text: by tag, and by a class or id word.
_NOT_TEXT_TAGS = frozenset(
    {
        "aside",
        "button",
        "figcaption",
        "figure",
        "footer",
        "form",
        "header",
        "iframe",
        "li",
        "nav",
        "noscript",
        "ol",
        "script",
        "select",
        "style",
        "table",
        "template",
        "ul",
    }
)
_NOT_TEXT_NAME = re.compile(
    r"(?:^|[\s_-])(?:ads?|advert\w*|sponsor\w*|promo\w*|related|recirc\w*|newsletter\w*|"
    r"sign-?up|subscri\w*|caption\w*|credits?|comments?|share|sharing|social\w*|"
    r"read-?more|more-?stories|pull-?quote\w*|byline|bio|author\w*|tags?|"
    r"twitter\w*|instagram\w*|tiktok\w*)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _key(text: str) -> str:
    """A paragraph as its words: trafilatura's text and the page's elements differ in white space
    and in the spaces around inline elements, never in the words."""
    return " ".join(_WORD.findall(text)).casefold()


@dataclass(frozen=True)
class Rest:
    """The paragraphs of the sibling blocks before and after the one trafilatura took."""

    before: list[str]
    after: list[str]


def rest_of_body(*, tree: HtmlElement, text: str) -> Rest:
    """The paragraphs of the blocks the article body continues in, when `text` (trafilatura's,
    one paragraph a line) comes from one block of several; none for an ordinary page."""
    keys = {_key(line) for line in text.split("\n")} - {""}
    block = _source_block(tree, keys, len(_key(text)))
    if block is None:
        return Rest([], [])
    before, after = _family(block)
    return Rest(_paragraphs(before, keys), _paragraphs(after, keys))


def _source_block(tree: HtmlElement, keys: set[str], size: int) -> HtmlElement | None:
    """The nearest element holding every <p> whose words are a line of the text."""
    found = [(p, k) for p in tree.iter("p") if (k := _key(p.text_content())) in keys]
    if not found or sum(len(k) for _, k in found) < MIN_MATCHED_SHARE * size:
        return None
    block = found[0][0].getparent()
    for p, _ in found[1:]:
        while block is not None and not _contains(block, p):
            block = block.getparent()
    return block


def _contains(ancestor: HtmlElement, element: HtmlElement) -> bool:
    return any(a is ancestor for a in element.iterancestors())


def _chain(element: HtmlElement, container: HtmlElement) -> list[tuple[str, str]]:
    """The tags and classes from `element` (inside `container`) up to `container`, not included."""
    chain = []
    e: HtmlElement | None = element
    while e is not None and e is not container:
        chain.append((e.tag, " ".join((e.get("class") or "").split())))
        e = e.getparent()
    return chain


def _family(block: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The blocks of the same family before and after `block`, from the nearest container that
    has any; a headline (<h1>) between two blocks starts another story, which is not taken in."""
    container = block
    for _ in range(MAX_LEVELS_UP):
        container = container.getparent()
        if container is None:
            break
        chain = _chain(block, container)
        # Blocks told apart by nothing but their tags could be anything; blocks in <article>s
        # of their own are other stories.
        if not any(cls for _, cls in chain) or any(tag == "article" for tag, _ in chain):
            continue
        tag, cls = chain[0]
        members = [
            e
            for e in container.iter(tag)
            if e is not block
            and " ".join((e.get("class") or "").split()) == cls
            and _chain(e, container) == chain
        ]
        if members:
            return _same_story(container, block, members)
    return [], []


def _same_story(
    container: HtmlElement, block: HtmlElement, members: list[HtmlElement]
) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The members in the same story as `block`, before and after it: a headline (<h1>) between
    them and it, or in one of them, starts another story."""
    headlines = [h for h in container.iter("h1") if not _contains(block, h)]
    # Document order, by one walk; ids are safe here as every element asked about is held.
    wanted = {id(e) for e in (block, *members, *headlines)}
    position = {id(e): i for i, e in enumerate(container.iter()) if id(e) in wanted}
    member_ids = {id(m) for m in members}
    marks: list[tuple[int, HtmlElement | None]] = [(position[id(block)], block)]
    cut: set[int] = set()  # the members holding a headline
    for h in headlines:
        holder = next((a for a in h.iterancestors() if id(a) in member_ids), None)
        if holder is None:
            marks.append((position[id(h)], None))
        else:
            cut.add(id(holder))
    marks += [(position[id(m)], None if id(m) in cut else m) for m in members]
    order = [e for _, e in sorted(marks, key=lambda mark: mark[0])]
    at = order.index(block)
    before: list[HtmlElement] = []
    for e in reversed(order[:at]):
        if e is None:
            break
        before.insert(0, e)
    after: list[HtmlElement] = []
    for e in order[at + 1 :]:
        if e is None:
            break
        after.append(e)
    return before, after


def _paragraphs(blocks: Iterable[HtmlElement], seen: set[str]) -> list[str]:
    """The article paragraphs of these blocks (and a subheading where a paragraph follows it), in
    document order, leaving out what is already in the text; `seen` grows by what is taken."""
    taken: list[str] = []
    for block in blocks:
        items: list[tuple[bool, str]] = []  # (is a heading, text)
        for e in block.iter("p", "blockquote", *_HEADINGS):
            if e.tag == "blockquote" and e.find(".//p") is not None:
                continue  # its paragraphs come on their own
            if not _is_article_text(e, block):
                continue
            words = " ".join(_text(e).split())
            if not words or _link_share(e, len(words)) >= MAX_LINK_SHARE:
                continue
            items.append((e.tag in _HEADINGS, words))
        # A heading that no paragraph follows heads a list of links or closes the block.
        items = [
            (h, t) for i, (h, t) in enumerate(items) if not h or (i + 1 < len(items) and not items[i + 1][0])
        ]
        if not any(not h and len(_WORD.findall(t)) >= MIN_PARAGRAPH_WORDS for h, t in items):
            continue
        for _, words in items:
            if (k := _key(words)) and k not in seen:
                seen.add(k)
                taken.append(words)
    return taken


def _is_article_text(element: HtmlElement, block: HtmlElement) -> bool:
    e: HtmlElement | None = element
    while e is not None and e is not block:
        if e.tag in _NOT_TEXT_TAGS:
            return False
        if _NOT_TEXT_NAME.search(f"{e.get('class') or ''} {e.get('id') or ''}"):
            return False
        e = e.getparent()
    return True


def _text(element: HtmlElement) -> str:
    """The element's text as a reader sees it: a line break is a space, scripts are not text."""
    parts: list[str] = []

    def walk(e: HtmlElement) -> None:
        if not isinstance(e.tag, str) or e.tag in ("script", "style", "noscript"):
            return  # a comment, a processing instruction or code: its tail is taken below
        parts.append(" " if e.tag == "br" else e.text or "")
        for child in e:
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def _link_share(element: HtmlElement, size: int) -> float:
    linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
    return linked / size if size else 0.0
