"""Speaker mentions: the noun phrase next to an attribution cue, its role and its kind.

There is no parser here (a dependency parse costs more than our whole budget per article):
a mention is found by scanning words outward from the cue (the document's words, tokens.Words,
asked by span), with the word lists in lexicon.py deciding where a noun phrase can start and stop.

Each decision for a particular construction is a named rule of the rulebook: those that choose a
speaker mention (rulebook.MENTION_RULES: "X, the Y, said", "74 percent said", ...) are recorded on
the phrase they choose (`chosen_by`, or the list of what a reading passed over), and the arbiter puts
them on the claim (the choices made outside this module, by the rules and the arbiter, record theirs
with `chosen_by` too); those by which a word of saying is no cue where it stands (rulebook.CUE_WORD_RULES)
are tried in order by cue_refused.
"""

import re
from dataclasses import dataclass

from .lexicon import (
    CORPORATE_WORDS,
    CUE_FILLERS,
    DESCRIPTIONS,
    DETERMINERS,
    LEADING_FUNCTION_WORDS,
    NAME_JOINERS,
    ORGANISATION_WORDS,
    PHRASE_BREAKERS,
    PRONOUNS,
    SPEAKER_NOUNS,
    SPEECH_CUES,
    TITLE_WORDS,
    WEEKDAYS,
)
from .lexicon.cues import having
from .lexicon.people import GIVEN_NAMES
from .lexicon.places import COUNTRIES, US_STATES
from .tokens import PHRASAL_CUES as PHRASAL_CUES  # re-exported: the cue table, as tests read it
from .tokens import WORD_AFTER, WORD_BEFORE, Word, Words

_HARD_STOP = re.compile(r"[,;:()\[\]\"“”«»—–]|\s-\s")
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir".split())
FEMALE_HONORIFICS = frozenset("mrs mrs. ms ms. miss".split())
MALE_HONORIFICS = frozenset("mr mr. sir".split())
# Cues that can come before their speaker: `"...," said Mr Smith.`
INVERSION_CUES = having("inverts")
MAX_MENTION_WORDS = 9
MENTION_WINDOW = 300  # characters: the longest speaker mention, apposition included, we look for
NAME_PREFIXES = frozenset(
    "retired former late outgoing incoming then acting longtime veteran top senior".split()
)
# Cue words that are as often plural nouns ("his remarks", "the claims").
NOUN_OR_VERB = having("noun")
BE_FORMS = frozenset("is are was were be been being".split())


@dataclass(slots=True)
class Phrase:
    """A speaker mention before it is resolved: offsets, role and kind as written. (Not frozen:
    mentions are read by the ten thousand and a frozen dataclass takes three times as long to
    build; nothing changes one after it is made.)"""

    start: int
    end: int
    text: str
    pronoun: str | None  # "male", "female", "plural", ... when the mention is a pronoun
    name: str | None  # the proper-name part, titles removed ("Vladimir Putin")
    role: str | None  # titles and appositions ("Russian President", "the assistant US secretary")
    kind: str | None  # "person" | "organisation", None for a source of no kind (a report, a poll)
    gender: str | None = None
    # The mention rules that chose it (rulebook.MENTION_RULES), as they were applied; the arbiter
    # records them on the claim whose speaker this is.
    rules: tuple[str, ...] = ()


def chosen_by(rule: str, phrase: Phrase) -> Phrase:
    """The phrase, with the mention rule that chose it recorded (a new phrase: phrases are shared
    between the rules that read the same cue)."""
    return Phrase(
        phrase.start,
        phrase.end,
        phrase.text,
        phrase.pronoun,
        phrase.name,
        phrase.role,
        phrase.kind,
        phrase.gender,
        (*phrase.rules, rule),
    )


# "Polls show Clinton ahead" attributes; "the reality TV show "The Apprentice"" and "showed up"
# do not.
_SHOW = having("show")
_SHOW_AS_NOUN_AFTER = frozenset(
    "tv television talk radio reality game news morning evening sunday cable comedy variety cooking "
    "art trade fashion road new late-night late daily weekly".split()
)


def _show_is_no_cue(text: str, w: Word, after: str) -> bool:
    # "shows its strength", "can show as you unlock it", "show business": a thing showing, not a
    # source reporting.
    if after in ("up", "off", "business", "as", "its"):
        return True
    prev = WORD_BEFORE.search(text, max(0, w.start - 40), w.start)
    before = prev.group(1).lower() if prev else ""
    following = text[w.end : w.end + 3].lstrip(" ,")
    return before in _SHOW_AS_NOUN_AFTER or (following[:1] != "" and following[0] in "\"“‘'")


# "according to", "as ... put it", "... read": cues that stand only where the cue table says.
_ACCORDING_FIRST = frozenset(phrase.split()[0] for phrase in having("according"))
_AS_SOMEONE_FIRST = frozenset(phrase.split()[0] for phrase in having("as-someone"))
_AFTER_QUOTATION = having("after-quotation")
_OBJECT_AFTER = having("object-after")
_AS_SOMEONE = re.compile(r"\b[Aa]s\s+[^,.;:!?\"“”]{1,60}$")


# `Mayor Says Ferry Will Stay Until 2030`: in a headline set in title case, these are cues.
_HEADLINE_CUES = having("headline")


def _in_title_case_line(text: str, w: Word) -> bool:
    """Is w on a line of four or more words, nearly all capitalised (a headline)?"""
    line_start = text.rfind("\n", 0, w.start) + 1
    line_end = text.find("\n", w.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].split()
    capitalised = sum(1 for word in line if word[:1].isupper() or not word[:1].isalpha())
    return len(line) >= 4 and capitalised >= 0.8 * len(line)


def is_cue_here(text: str, start: int, end: int, w: Word) -> bool:
    """Is a cue word, found between start and end, a cue where it stands?"""
    return cue_refused(text, start, end, w) is None


def cue_refused(text: str, start: int, end: int, w: Word) -> str | None:
    """The rule (rulebook.CUE_WORD_RULES, tried in its order) by which a cue word, found between
    start and end, is no cue where it stands; None when it is one. "according to" always is."""
    low = w.lower
    first = low.split(None, 1)[0]
    if first in _ACCORDING_FIRST:
        return None
    # "the United States", "Says Who": part of a name or a title.
    if w.capitalised and not (low in _HEADLINE_CUES and _in_title_case_line(text, w)):
        return "capitalised-cue"
    # `"...," the letter read` only: "he read the report" is no attribution.
    if low in _AFTER_QUOTATION and not re.search(r"[\"”’']", text[max(0, w.start - 60) : w.start]):
        return "only-after-quotation"
    nxt = WORD_AFTER.match(text, w.end, end)
    after = nxt.group(1).lower() if nxt else ""
    if low in _SHOW and _show_is_no_cue(text, w, after):
        return "a-thing-showing"
    # "as the mayor put it", not "he put it on the table".
    if first in _AS_SOMEONE_FIRST and not _AS_SOMEONE.search(text, max(0, w.start - 80), w.start):
        return "as-someone-phrase"
    # "the facts reported by the government": a passive, the speaker comes after.
    if after == "by" and low.endswith("ed"):
        return "passive-by"
    # "pleaded guilty": a plea in court, not a statement of what someone urged.
    if low.startswith("plead") and after in _PLEA_WORDS:
        return "plea-in-court"
    # `Harbour board accused of hiding losses`: a headline's passive, no one speaking.
    if low in _PASSIVE_WITH and after == _PASSIVE_WITH[low]:
        return "passive-with"
    # "isn't expected until next year": a passive, with no one expecting.
    if low in _PASSIVE_AFTER_BE and _PASSIVE_BEFORE.search(text, max(0, w.start - 12), w.start):
        return "passive-after-be"
    # "his remarks were", "the claims", "in his opening remarks,": a noun here.
    if low in NOUN_OR_VERB and _noun_here(text, start, w, after):
        return "noun-here"
    # "testified before the committee on Tuesday": where, when, how long; what was said needs a
    # that-clause ("testified before the committee that ...").
    if (
        low in _APPEARS
        and (after in _PREPOSITIONS or after in _APPEARANCE_MANNER)
        and not _THAT.search(text, w.end, end)
    ):
        return "appearance-only"
    # "neither confirmed nor denied that ...": said neither way ("Neither wanted to ..." is a subject).
    lo = max(start, w.start - 12)
    if text.find("nor", lo, w.start) >= 0 or text.find("either", lo, w.start) >= 0:  # the look is cheap
        prev = WORD_BEFORE.search(text, lo, w.start)
        before = prev.group(1).lower() if prev else ""
        if before == "nor" or (before == "neither" and _NOR.search(text, w.end, end)):
            return "neither-nor"
    return None


_APPEARS = having("appears")
_NOR = re.compile(r"\bnor\b")
_APPEARANCE_MANNER = frozenset("side-by-side publicly privately remotely virtually behind together".split())
_THAT = re.compile(r"\bthat\b")


_PASSIVE_AFTER_BE = having("passive-after-be")
# A verb that takes its object before this word: right after the verb, the word makes it a passive
# (`accused of`, `urged to`): in prose the object stands between (`accused the board of`).
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|isn[’']t|aren[’']t|wasn[’']t|weren[’']t)\s+$")
_PASSIVE_WITH = {
    form: preposition
    for preposition in ("of", "for", "to", "with")
    for form in having(f"passive-{preposition}")
}
_TERM = re.compile(r"\d+-(?:year|month|week|day)")
_PLEA_WORDS = frozenset("guilty not no innocent".split())

# Words that describe remarks, claims or reports between their determiner and them.
_NOUN_MODIFIERS = (
    "opening|closing|recent|latest|earlier|previous|past|public|private|own|first|final|prepared|"
    "written|initial|controversial|repeated|false|new|similar|such|other|many|several|those|these"
)
_NOUN_PHRASE_BEFORE = re.compile(rf"(?:^|\s)(?P<det>[\w’']+)(?:\s+(?:{_NOUN_MODIFIERS})){{1,2}}\s+$")


_PREPOSITIONS = frozenset(
    "of in across to from with about by for among on at into than over under between".split()
)
_COUNTED_BEFORE = re.compile(r"(?:^|\s)(?P<count>[\w.,]+)\s+[\w’'-]+\s+$")


def _noun_here(text: str, start: int, w: Word, after: str) -> bool:
    """Is a word that may be a noun or a verb ("remarks", "claims") a noun here? After a
    determiner or a possessive, a word or two of description allowed ("his opening remarks"), or
    before a form of "be". (Not by what follows it: `"...," she notes.` ends on the verb.)"""
    if after in BE_FORMS:
        return True
    prev = WORD_BEFORE.search(text, max(start, w.start - 40), w.start)
    before = prev.group(1) if prev else ""
    if before.lower() in DETERMINERS or before.endswith(("’s", "'s")):
        return True
    # "in 30 states", "across nine states", "of claims": a number or a preposition before it,
    # or a number and one word of description ("four swing states").
    if before.lower() in _PREPOSITIONS or _COUNT.fullmatch(before.lower()):
        return True
    if before.rstrip(".").lower() in COUNTRIES or before.lower() in US_STATES:
        return True  # "U.S. states", "Mexico states": a place's states, a noun
    if _TERM.fullmatch(before.lower()):
        return True  # "10-year notes": a bond, a noun
    counted = _COUNTED_BEFORE.search(text, max(start, w.start - 40), w.start)
    if counted is not None and _COUNT.fullmatch(counted.group("count").lower()):
        return True
    described = _NOUN_PHRASE_BEFORE.search(text, max(start, w.start - 40), w.start)
    if described is None:
        return False
    det = described.group("det")
    return det.lower() in DETERMINERS or det.endswith(("’s", "'s"))


# Capitalised only because they open the sentence: "As Byler pointed out", "If Smith said".
_SENTENCE_OPENERS = frozenset("as if though although because since unless whereas".split())


def _is_name_word(w: Word) -> bool:
    return (
        w.capitalised
        and w.lower not in LEADING_FUNCTION_WORDS
        and w.lower not in SPEECH_CUES
        and w.lower not in _SENTENCE_OPENERS
    )


def _name_word_at(text: str, ws: list[Word], i: int, cue_follows: bool = False) -> bool:
    """Is ws[i] part of a name? A capitalised word that is also a cue ("Hope Hicks", "Ian Read")
    is one when a name word stands right beside it, or when the cue follows it ("Read said")."""
    w = ws[i]
    if _is_name_word(w):
        return True
    if not w.capitalised or w.lower not in SPEECH_CUES:
        return False
    if i + 1 < len(ws):
        after = ws[i + 1]
        if _is_name_word(after) and text[w.end : after.start] == " ":
            return True
    elif cue_follows:
        return True
    if i > 0:
        before = ws[i - 1]
        return _is_name_word(before) and not before.possessive and text[before.end : w.start] == " "
    return False


_QUANTIFIERS = frozenset("many most several some others few both another one".split())

# Nouns that end like adverbs: "the family said" is no "broadly said".
_LY_NOUNS = frozenset(
    "family rally ally supply assembly anomaly monopoly bully belly jelly folly lily".split()
)


def _is_filler(w: Word) -> bool:
    """A word that may stand between a speaker and the cue: `has also broadly called for`."""
    low = w.lower
    return low in CUE_FILLERS or (
        len(low) > 4 and low.endswith("ly") and w.text[0].islower() and low not in _LY_NOUNS
    )


_NUMBER = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"
# A count before a noun ("30 states", "two dozen states"), for _noun_here.
_COUNT = re.compile(rf"\d[\d,.]*|{_NUMBER}|eleven|twelve|dozen|dozens|hundreds")
# A share of those polled, as the speaker: "74 percent", "nearly three in five", "six of 10 voters".
_SHARE = re.compile(
    r"(?<![\w’'-])(?:(?:about|nearly|almost|roughly|some|over|only|just|more\s+than|fewer\s+than|less\s+than)\s+)?"
    rf"(?:{_NUMBER}\s*(?:percent|per\s+cent|%)|{_NUMBER}\s+(?:in|out\s+of|of)\s+{_NUMBER})"
    r"(?:\s+(?:them|those|voters|respondents|adults)|\s+of\s+(?:the\s+|those\s+|all\s+)?[^\W\d_][\w’'-]*)?$",
    re.IGNORECASE,
)
# The last word of every time _TIME_BEFORE_CUE matches.
_TIME_ENDINGS = tuple(
    "week month year weekend night morning afternoon evening yesterday today tonight".split()
)
# A share spans at most nine words ("more than six out of 10 of the voters"), so it is looked
# for only among the last ten before the cue: the same match as a search from `lo`, found
# without trying every position of a long sentence.
_SHARE_WORDS = 10


def _share_window(text: str, lo: int, end: int) -> int:
    pieces = text[lo:end].rsplit(None, _SHARE_WORDS)
    return lo + len(pieces[0]) if len(pieces) > _SHARE_WORDS else lo


_PROGRESSIVE = re.compile(r"[a-z]+ing\b")
_NOT_IN_A_GAP = re.compile(r"[^\w\s’'.-]")
_TIME_BEFORE_CUE = re.compile(
    r"(?:\s+(?:late\s+|earlier\s+)?(?:last|this)\s+(?:week|month|year|weekend|night|morning|afternoon|evening)"
    r"|\s+(?:yesterday|today|tonight))\s*$"
)


def before_cue(words: Words, lo: int, cue_start: int) -> Phrase | None:
    """The speaker mention that ends just before a cue: `Wendy Sherman, the envoy, said`."""
    passed: list[str] = []  # the rules that passed over words between the mention and the cue
    phrase = _before_cue(words, lo, cue_start, passed)
    if phrase is None:
        return None
    phrase = chosen_by("before-cue", phrase)
    for rule in passed:
        phrase = chosen_by(rule, phrase)
    return phrase


def _before_cue(words: Words, lo: int, cue_start: int, passed: list[str]) -> Phrase | None:
    text = words.text
    # A mention with its apposition fits in a few hundred characters: never scan further back,
    # so the work per cue stays bounded however long the sentence.
    lo = max(lo, cue_start - MENTION_WINDOW)
    # A time between the speaker and the cue: "Feinstein (D-Calif.) last week said". (The
    # pattern is tried only when the words before the cue end in a word of time.)
    if text[lo:cue_start].rstrip().endswith(_TIME_ENDINGS) and (
        when := _TIME_BEFORE_CUE.search(text, lo, cue_start)
    ):
        cue_start = when.start()
        passed.append("time-between")
    # A party-and-state tag or other aside right before the cue: "Sen. Bernie Sanders (I-Vt.) said".
    stripped = text[lo:cue_start].rstrip()
    if stripped.endswith("),"):
        stripped = stripped[:-1]  # "Sen. Jack Reed (D-R.I.), said": a stray comma after the tag
    if stripped.endswith(")") and (opening := text.rfind("(", lo, cue_start)) > lo:
        cue_start = opening
        passed.append("party-tag")
    ws = words.between(lo, cue_start)
    # Auxiliaries, adverbs and a day between the speaker and the cue: "he has long said",
    # "Trump on Friday endorsed".
    filler_start = cue_start
    # `Huckabee is labeling the orders "an abuse"`: a progressive form, never a passive (`was told`).
    progressive = _PROGRESSIVE.match(text, cue_start, cue_start + 30) is not None
    while ws:
        if "," in text[ws[-1].end : filler_start]:
            break  # `X, in a statement on Thursday, said`: the fillers end at the comma
        if _is_filler(ws[-1]) or (progressive and ws[-1].lower in _PROGRESSIVE_BE):
            filler_start = ws.pop().start
        elif len(ws) >= 2 and ws[-2].lower == "on" and ws[-1].lower in WEEKDAYS:
            filler_start = ws[-2].start
            ws = ws[:-2]
        else:
            break
    if not ws:
        return None
    if filler_start < cue_start:
        passed.append("words-between")
    if ws[-1].lower == "who" and len(ws) >= 2 and text[ws[-2].end : ws[-1].start].strip() == ",":
        # `President Obama, who called the nominee "unfit"`: the mention is "who", the name its
        # antecedent's.
        antecedent = _phrase_ending_at(words, lo, ws[:-1])
        if antecedent is not None and antecedent.name and not antecedent.pronoun:
            who = ws[-1]
            return chosen_by(
                "who-antecedent",
                Phrase(
                    who.start,
                    who.end,
                    who.text,
                    None,
                    antecedent.name,
                    antecedent.role,
                    antecedent.kind,
                    antecedent.gender,
                    antecedent.rules,
                ),
            )
    end = ws[-1].end
    if text[end:filler_start].strip(" \u00a0") in _APPOSITION_MARKS:
        # `Trump, who has feuded with the party, on Friday described ...`: the fillers follow the
        # apposition's closing comma.
        cue_start = filler_start
    between = text[end:cue_start]
    # An abbreviation may close the apposition ("R-Ky.,", "Mich.,", "Jr.,"), or a quotation with the
    # comma inside its marks ("Ann Weaver, a pilot who calls the rules "a disgrace," said").
    separator = between.strip(" \u00a0").removeprefix(".")
    if separator in (',"', ",”"):
        opening = max(text.rfind('"', lo, end), text.rfind("“", lo, end))
        if opening <= lo or text.rfind(",", lo, opening) <= lo:
            return None  # the quotation opens the sentence: it is what was said, not an apposition
        separator = ","
    if separator in _APPOSITION_MARKS:
        return _apposition_before(words, lo, ws, separator)
    gap_allowed = _GAP_AFTER_PROGRESSIVE if progressive else _GAP
    if between.strip(" \u00a0") and any(
        w.lower not in gap_allowed and not _is_filler(w) for w in words.between(end, cue_start)
    ):
        return None
    if _NOT_IN_A_GAP.search(between):
        return None
    if share := _SHARE.search(text, _share_window(text, lo, end), end):
        # "74 percent said", "nine in 10 said": the share of those polled who said it.
        return chosen_by(
            "share-polled", Phrase(share.start(), end, text[share.start() : end], None, None, None, None)
        )
    return _envoy_to_place(
        words, lo, _anonymous_source_before(words, lo, ws, _phrase_ending_at(words, lo, ws))
    )


# `China's envoy to Northland accused ...`: the speaker is the envoy, not the place.
_ENVOY_BEFORE = re.compile(
    r"(?:(?:[A-Z][\w’'.-]*’s|[A-Z][\w’'.-]*'s|the|a|an)\s+)?(?:[a-z]+\s+){0,2}"
    r"(?P<role>ambassador|envoy|representative|delegate|consul|minister|secretary|commissioner|correspondent)"
    r"\s+(?:to|for|at|in)\s+(?:the\s+)?$"
)


# `residents on North Isle`, `officials in Riverton`: people of a place (the place is not speaking).
_PEOPLE_OF_A_PLACE = re.compile(
    r"(?:(?:[Tt]he|[Ss]ome|[Mm]any|[Mm]ost|[Ll]ocal|[Oo]ther)\s+)?(?P<noun>[A-Za-z][a-z]+)\s+(?:on|in|at|from|across|near)\s+(?:the\s+)?$"
)


def _envoy_to_place(words: Words, lo: int, phrase: Phrase | None) -> Phrase | None:
    """`China's envoy to Northland accused ...`: the speaker is the envoy, not the place; with
    a name after the place (`... to Northland Liu Xiaoping said`), the envoy is that person.
    `residents on North Isle said`: the residents, not the place."""
    text = words.text
    if phrase is None or phrase.pronoun or phrase.name is None:
        return phrase
    envoy = _ENVOY_BEFORE.search(text, max(lo, phrase.start - 60), phrase.start)
    if envoy is None:
        people = _PEOPLE_OF_A_PLACE.search(text, max(lo, phrase.start - 60), phrase.start)
        if people is None or people.group("noun").lower() not in SPEAKER_NOUNS:
            return phrase
        mention = text[people.start() : phrase.end]
        return chosen_by(
            "people-of-a-place", Phrase(people.start(), phrase.end, mention, None, None, mention, "person")
        )
    mention = text[envoy.start() : phrase.end]
    ws = words.between(phrase.start, phrase.end)
    rest = ws[1:]  # the first word names the place
    if rest and all(w.capitalised for w in rest):
        role = text[envoy.start() : ws[0].end]
        name = text[rest[0].start : rest[-1].end]
        return chosen_by(
            "envoy-to-place", Phrase(envoy.start(), phrase.end, mention, None, name, role, "person")
        )
    return chosen_by(
        "envoy-to-place", Phrase(envoy.start(), phrase.end, mention, None, None, mention, "person")
    )


# What sets an apposition off: `NAME, ROLE, said` and `NAME — ROLE — says`.
_APPOSITION_MARKS = (",", "—", "–", "--")


def _apposition_before(words: Words, lo: int, ws: list[Word], mark: str = ",") -> Phrase | None:
    """Two commas (or dashes) before the cue: `NAME, ROLE, said`, `ROLE, NAME, said`, `NAME, who
    ..., said`, `NAME — ROLE — says`. A role may hold commas of its own ("a delegate from Houston,
    Texas,"): earlier commas are tried too."""
    text = words.text
    commas = [m.start() for m in re.finditer(re.escape(mark), text[lo : ws[-1].start])][-4:]
    # Leftmost first: the name opens the clause ("Sen. Chuck Grassley, facing ..., a swing state, said").
    for offset in commas:
        found = _apposition_at(words, lo, ws, lo + offset)
        if found is not None:
            return found
    return None


_TRAILING_TAG = re.compile(r"\s*\([^()]{1,20}\)\s*$")
_PARTY_TAG = re.compile(r"[RDI]-[A-Z][A-Za-z.]{0,12}")


def _apposition_at(words: Words, lo: int, ws: list[Word], comma: int) -> Phrase | None:
    text = words.text
    inner_end = ws[-1].end
    inner = [w for w in ws if w.start > comma]
    if not inner or len(inner) > 24:
        return None
    outer_ws = [w for w in ws if w.end <= comma]
    if tag := _TRAILING_TAG.search(text, lo, comma):
        outer_ws = [w for w in outer_ws if w.end <= tag.start()]  # "Sen. Jack Reed (D-R.I.), the ..."
    # "A spokeswoman for Mayor Jo Reyes, Ann Weaver, said": the outer phrase is the spokeswoman.
    outer = _anonymous_source_before(words, lo, outer_ws, _phrase_ending_at(words, lo, outer_ws))
    if outer is None or outer.pronoun:
        return None
    if tag is not None:
        outer = chosen_by("party-tag", outer)
    first = inner[0].lower
    if len(inner) == 1 and _PARTY_TAG.fullmatch(inner[0].text):
        return chosen_by("party-tag", outer)  # "Mitch McConnell, R-Ky., said"
    # "Cory James, of Flint, Mich., said": where the speaker is from.
    from_place = first == "of" and len(inner) > 1 and inner[1].capitalised
    aside = (
        from_place
        or first.endswith("ing")
        or first in ("in", "on", "at", "during", "after", "before", "from")
    )
    if first in ("who", "whose", "which") or (
        (outer.name or aside) and not inner[0].capitalised and first not in DETERMINERS
    ):
        # A relative or participle clause between the speaker and the cue: "Mary Susan, clad in red, said".
        return chosen_by("apposition-aside", outer)
    # "Chris Tang, Hong Kong's new police commissioner, said": a possessor opens the role.
    owner = next((k for k, w in enumerate(inner[:4]) if w.possessive), None)
    opens_with_owner = owner is not None and all(w.capitalised for w in inner[: owner + 1])
    relative = next(
        (k for k, w in enumerate(inner) if w.lower in ("who", "whose", "which", "that")), len(inner)
    )
    if any(w.lower in _AUXILIARIES for w in inner[:relative]):
        return None  # `recent data, the greenback may be weak, said X`: a clause, not an apposition
    if first in DETERMINERS or first in TITLE_WORDS or opens_with_owner:
        role = text[inner[0].start : inner_end]
        return chosen_by(
            "apposition-role",
            Phrase(
                outer.start,
                outer.end,
                outer.text,
                None,
                outer.name,
                role,
                outer.kind,
                outer.gender,
                outer.rules,
            ),
        )
    if all(w.capitalised for w in inner) and outer.name is None:
        # `Northland's foreign minister, Helena Varga, told`: the name comes second.
        named = describe(words, inner[0].start, inner_end)
        if named.kind == "person" and named.name:
            return chosen_by(
                "apposition-name",
                Phrase(
                    named.start,
                    named.end,
                    named.text,
                    None,
                    named.name,
                    outer.text,
                    "person",
                    named.gender,
                    (*outer.rules, *named.rules),
                ),
            )
    return None


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PROGRESSIVE_BE = frozenset({"is", "was", "are", "were", "been"})
# Words that may stand between a speaker and the cue (and, before "-ing", a form of "be").
_GAP = CUE_FILLERS | {"on", *WEEKDAYS}
_GAP_AFTER_PROGRESSIVE = _GAP | _PROGRESSIVE_BE
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_TIME_WORDS = frozenset(
    "week weekend month year morning afternoon evening night today yesterday tonight ago later earlier".split()
) | set(WEEKDAYS)


_CONTRACTION = re.compile(r"[’'](?:s|re|ve|d|ll|m)", re.IGNORECASE)


def _contracted_pronoun(w: Word) -> Word | None:
    """The pronoun in "He's", "she'd", "They're" (either apostrophe), as a word of its own; None for any other word."""
    cut = w.text.find("’") if "’" in w.text else w.text.find("'")
    if cut <= 0 or w.text[:cut].lower() not in PRONOUNS or not _CONTRACTION.fullmatch(w.text, cut):
        return None
    return Word(w.start, w.start + cut, w.text[:cut])


def _phrase_ending_at(words: Words, lo: int, ws: list[Word]) -> Phrase | None:
    text = words.text
    if not ws:
        return None
    # The phrase cannot run back over punctuation.
    last = ws[-1]
    stops = list(_HARD_STOP.finditer(text, lo, last.start))
    if stops:
        boundary = stops[-1].end()
        ws = [w for w in ws if w.start >= boundary]
    if not ws:
        return None
    contracted = _contracted_pronoun(last)
    if contracted is not None and (len(ws) == 1 or ws[-2].lower in LEADING_FUNCTION_WORDS):
        # "He's suggesting ...", "She's describing ...": the pronoun is the mention.
        return chosen_by("contracted-pronoun", pronoun_phrase(contracted))
    if last.lower in PRONOUNS:
        if (
            len(ws) == 1
            or ws[-2].lower in PHRASE_BREAKERS
            or ws[-2].lower in LEADING_FUNCTION_WORDS
            # `At a town hall this week she said`: a time adverbial before a subject pronoun.
            or (last.lower in _SUBJECT_PRONOUNS and ws[-2].lower in _TIME_WORDS)
        ):
            return pronoun_phrase(last)
        return None
    taken: list[Word] = []
    decided: list[str] = []  # the rules that took words into the phrase
    lowercase_run = 0
    j = len(ws) - 1
    while j >= 0 and len(taken) < MAX_MENTION_WORDS:
        w = ws[j]
        low = w.lower
        if low in DETERMINERS:
            taken.append(w)
            # "a spokesman for the ministry": carry on over "of"/"for" to the head noun phrase.
            if j >= 2 and ws[j - 1].lower in ("of", "for") and ws[j - 2].lower not in PHRASE_BREAKERS:
                taken.append(ws[j - 1])
                j -= 2
                lowercase_run = 0
                decided.append("complement")
                continue
            # "a voice-over in the ad": "in"/"at"/"from" too, when a determiner opens the head.
            if (
                j >= 3
                and ws[j - 1].lower in ("in", "at", "from")
                and ws[j - 2].text.islower()
                and ws[j - 3].lower in DETERMINERS
                and ws[j - 2].lower not in PHRASE_BREAKERS | SPEECH_CUES
            ):
                taken.extend((ws[j - 1], ws[j - 2], ws[j - 3]))
                j -= 4
                decided.append("complement")
                break
            break
        if w.possessive and w.capitalised:
            # "the Zionist Union Party's Nachman Shai": the possessor is part of the mention.
            taken.append(w)
            lowercase_run = 0
            j -= 1
            decided.append("possessor")
            continue
        if _name_word_at(text, ws, j, cue_follows=True):
            taken.append(w)
            lowercase_run = 0
        elif low in NAME_JOINERS and low not in ("and", "the") and taken and j > 0 and ws[j - 1].capitalised:
            taken.append(w)
        elif low in ("of", "for") and taken and j > 0 and ws[j - 1].lower in SPEAKER_NOUNS:
            # "a spokesman for committee Democrats": the complement has no determiner of its own.
            taken.append(w)
            lowercase_run = 0
            decided.append("complement")
        elif low in PHRASE_BREAKERS or low in LEADING_FUNCTION_WORDS or low in SPEECH_CUES:
            break
        elif w.text[0].islower() or w.text[0].isdigit():
            lowercase_run += 1
            if lowercase_run > 4:
                break
            taken.append(w)
        else:
            break
        j -= 1
    # "former Florida governor Jeb Bush": a prefix word before the capitalised name belongs to it.
    while j >= 0 and ws[j].lower in NAME_PREFIXES and taken and taken[-1].capitalised:
        taken.append(ws[j])
        j -= 1
        decided.append("name-prefix")
    taken.reverse()
    # Words without a determiner or a name in front of them ("the bill passed") are not a mention,
    # unless the phrase is a speaker noun by itself ("officials", "many analysts").
    while taken and not (
        taken[0].lower in DETERMINERS
        or taken[0].capitalised
        or taken[0].lower in SPEAKER_NOUNS
        or taken[0].lower in NAME_PREFIXES
        # "political experts", "senior party officials": plain words before a speaker noun.
        or (len(taken) <= 3 and taken[-1].lower in SPEAKER_NOUNS and taken[0].text.isalpha())
    ):
        taken.pop(0)
    if not taken:
        return None
    lowercase_only = all(not w.capitalised for w in taken) and taken[0].lower not in DETERMINERS
    if lowercase_only and taken[-1].lower not in SPEAKER_NOUNS:
        return None
    if len(taken) == 1 and taken[0].lower in DETERMINERS and taken[0].lower not in _QUANTIFIERS:
        return None  # a lone "the"; but "Many said", "Several said" (of the people just described)
    phrase = describe(words, taken[0].start, taken[-1].end)
    for rule in decided:
        phrase = chosen_by(rule, phrase)
    return phrase


def after_cue(words: Words, cue: Word, hi: int, *, any_cue: bool = False) -> Phrase | None:
    """The speaker of an inverted attribution: `said Wendy Sherman, the assistant secretary.`
    any_cue: read the words after `cue` whatever it is (`according to X`)."""
    phrase = _after_cue(words, cue, hi, any_cue=any_cue)
    return None if phrase is None else chosen_by("after-cue", phrase)


def _after_cue(words: Words, cue: Word, hi: int, *, any_cue: bool) -> Phrase | None:
    text = words.text
    if not any_cue and (cue.lower not in INVERSION_CUES or cue.lower in _OBJECT_AFTER):
        return None
    hi = min(hi, cue.end + MENTION_WINDOW)
    ws = words.between(cue.end, hi)
    if not ws or text[cue.end : ws[0].start].strip():
        return None
    phrase = phrase_starting_at(words, ws, hi)
    if phrase is not None and phrase.pronoun and len(ws) > 1 and not text[phrase.end : ws[1].start].strip():
        return None  # `said he does not believe ...`: the pronoun opens what was said
    following = WORD_AFTER.match(text, phrase.end, hi) if phrase is not None else None
    if (
        following is not None
        and phrase is not None
        and following.group(1).lower() in _AUXILIARIES
        and not text[phrase.end : following.start(1)].strip()
    ):
        return None  # `said the ferry would stay`: the noun phrase opens what was said
    return _anonymous_source_after(text, phrase, hi)


_AUXILIARIES = frozenset(
    "would will was were is are had has have could should can may might must did does do".split()
)


# `a person close to the mayor`, `officials with knowledge of the talks`: an unnamed source and
# what they are near. What they are near is not the speaker.
_NEAR = r"(?:close\s+to|familiar\s+with|with\s+(?:direct\s+)?knowledge\s+of|briefed\s+on|knowledgeable\s+about|involved\s+in)"
_NEAR_BEFORE = re.compile(rf"\s{_NEAR}\s+$", re.IGNORECASE)
_NEAR_NEXT = re.compile(rf"\s{_NEAR}\b", re.IGNORECASE)
_NEAR_AFTER = re.compile(
    rf"(?:\s+{_NEAR})?\s+[^,.;:!?\"“”()]{{1,80}}?(?=\s*(?:[,.;:!?\"“”()]|$))", re.IGNORECASE
)
_SOURCE_NOUNS = SPEAKER_NOUNS | {"person", "someone"}
_NEAR_WORDS = frozenset("close familiar knowledgeable involved briefed".split())
# `an aide to X`, `a lawyer for X`, `the wife of X`: someone who speaks for or beside X.
_RELATION_BEFORE = re.compile(r"\s(?:to|for|of)\s+$")
_RELATION_NOUNS = frozenset(
    """
    aide aides adviser advisers advisor advisors assistant assistants spokesman spokeswoman spokesperson
    spokespeople representative representatives lawyer lawyers attorney attorneys friend friends ally allies
    wife husband son daughter brother sister mother father relative relatives staffer staffers
    """.split()
)


def _anonymous(text: str, start: int, end: int) -> Phrase:
    mention = text[start:end]
    return Phrase(start, end, mention, None, None, mention, "person", None)


def _anonymous_source_before(words: Words, lo: int, ws: list[Word], phrase: Phrase | None) -> Phrase | None:
    """`A person close to the mayor said`, `An aide to Senator Reyes said`: the speaker is the
    person or the aide, not the mayor or the senator."""
    text = words.text
    if phrase is None:
        return None
    near = _NEAR_BEFORE.search(text, lo, phrase.start)
    nouns = _SOURCE_NOUNS
    if near is None:
        near = _RELATION_BEFORE.search(text, lo, phrase.start)
        nouns = _RELATION_NOUNS
    if near is None:
        return phrase
    head = _phrase_ending_at(words, lo, [w for w in ws if w.end <= near.start()])
    if head is None or head.pronoun or head.text.split()[-1].lower() not in nouns:
        return phrase
    return chosen_by("anonymous-source", _anonymous(text, head.start, phrase.end))


def _anonymous_source_after(text: str, phrase: Phrase | None, hi: int) -> Phrase | None:
    """`said a person familiar with the talks`: the whole of it, not "a person familiar"."""
    if phrase is None or phrase.pronoun or phrase.name is not None:
        return phrase
    last = phrase.text.split()[-1].lower()
    # "a person familiar" (the qualifier begun) or "a person" with the qualifier next.
    if last not in _NEAR_WORDS and not (last in _SOURCE_NOUNS and _NEAR_NEXT.match(text, phrase.end, hi)):
        return phrase
    rest = _NEAR_AFTER.match(text, phrase.end, hi)
    return chosen_by("anonymous-source", _anonymous(text, phrase.start, rest.end())) if rest else phrase


DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,40}(?:,[^—–\n]{0,40}?)?(?:\([^)]{1,30}\))?\s*[—–-]+\s*")
_SEGMENT_BREAK = re.compile(r",|\s[—–-]\s")


def _ends_phrase(text: str, ws: list[Word], i: int, hi: int) -> bool:
    """Is ws[i] a lower-case noun that closes the phrase (punctuation or the end right after it)?"""
    w = ws[i]
    if w.lower in PHRASE_BREAKERS or w.lower in SPEECH_CUES or w.lower in CUE_FILLERS or not w.text.isalpha():
        return False
    following = text[w.end : w.end + 2].lstrip()
    if i + 1 < len(ws) and _ends_phrase_word(ws[i + 1]) and not following:
        return True
    return not following or following[0] in ",.;:)"


def _ends_phrase_word(w: Word) -> bool:
    return w.text.isalpha() and w.text.islower()


_TIME_ADVERBIAL_ENDS = frozenset("later ago earlier afterward afterwards".split())


def _is_time_adverbial(ws: list[Word]) -> bool:
    """A short opening segment that only says when: "Hours later", "Two weeks ago"."""
    return 0 < len(ws) <= 4 and ws[-1].lower in _TIME_ADVERBIAL_ENDS


def subject(words: Words, lo: int, hi: int) -> Phrase | None:
    """The subject of the clause that ends at `hi`, for `X did Y, saying Z` (a participle's speaker).

    Datelines ("PARIS, Aug 31 (Reuters) -") and opening adverbials or participle phrases
    ("Speaking in Salem, New Hampshire, ...") are passed over: the subject is the first
    comma-separated segment that opens with a noun phrase followed by a lower-case word.
    """
    text = words.text
    if m := DATELINE.match(text, lo, hi):
        lo = m.end()
    starts = [lo] + [m.end() for m in _SEGMENT_BREAK.finditer(text, lo, min(hi, lo + MENTION_WINDOW))]
    for n, start in enumerate(starts[:6]):
        ws = words.between(start, min(hi, start + MENTION_WINDOW))
        if not ws or ws[0].lower in PHRASE_BREAKERS | LEADING_FUNCTION_WORDS or ws[0].lower.endswith("ing"):
            continue
        if n + 1 < len(starts) and _is_time_adverbial(words.between(start, starts[n + 1])):
            continue  # "Hours later, Trump ...", "Two weeks ago, ..."
        phrase = phrase_starting_at(words, ws, hi)
        if phrase is None:
            continue
        after = [w for w in ws if w.start >= phrase.end]
        if after and not after[0].capitalised:
            return chosen_by("clause-subject", phrase)
    return None


def _bare_title_word(w: Word) -> bool:
    """A lower-case word of a title written without article (`said conservative activist Bob
    Klaus`): not a function word, a cue or a filler."""
    low = w.lower
    return (
        w.text.isalpha()
        and not w.capitalised
        and low not in PHRASE_BREAKERS
        and low not in LEADING_FUNCTION_WORDS
        and low not in SPEECH_CUES
        and low not in DETERMINERS
        and low not in CUE_FILLERS
    )


def pronoun_phrase(w: Word) -> Phrase:
    """A pronoun as a mention: no name yet (the resolver gives it one), its person's gender."""
    return Phrase(w.start, w.end, w.text, PRONOUNS[w.lower], None, None, "person")


def phrase_starting_at(words: Words, ws: list[Word], hi: int) -> Phrase | None:
    """The noun phrase that opens `ws`, with an appositive role after it (", the Y")."""
    text = words.text
    first = ws[0]
    if first.lower in PRONOUNS:
        # "you" is the reader, never a speaker; "It did not say ... and said ..." is the
        # organisation last named (never a name "It").
        return None if first.lower == "you" else pronoun_phrase(first)
    # "retired Army Lt. Gen. Mick Bednarek", "former Gov. Bill Richardson": lower-case words that
    # belong to a title before a name.
    lead = 0
    while lead < min(4, len(ws) - 1) and (
        ws[lead].lower in NAME_PREFIXES or ws[lead].lower in TITLE_WORDS or _bare_title_word(ws[lead])
    ):
        lead += 1
    if lead and ws[lead].capitalised and ws[lead].lower not in LEADING_FUNCTION_WORDS:
        ws = ws[lead:]
        named = phrase_starting_at(words, ws, hi)
        if named is not None:
            full = describe(words, first.start, named.end)
            title = text[first.start : named.start].strip()
            return chosen_by(
                "title-before-name",
                Phrase(
                    full.start,
                    full.end,
                    full.text,
                    None,
                    full.name or named.name,
                    named.role or (full.role if full.name else title),
                    full.kind,
                    full.gender or named.gender,
                    (*full.rules, *named.rules),
                ),
            )
    taken: list[Word] = []
    for i, w in enumerate(ws):
        if i and _HARD_STOP.search(text, ws[i - 1].end, w.start):
            break
        if len(taken) >= MAX_MENTION_WORDS:
            break
        if _name_word_at(text, ws, i) or (not taken and w.lower in DETERMINERS):
            taken.append(w)
        elif taken and w.lower in NAME_JOINERS and i + 1 < len(ws) and ws[i + 1].capitalised:
            taken.append(w)  # "Bank of England"
        elif taken and taken[0].lower in DETERMINERS and not w.capitalised and w.lower not in PHRASE_BREAKERS:
            if w.lower in SPEECH_CUES or w.lower in CUE_FILLERS:
                break
            taken.append(w)  # "the chief negotiator"
        elif taken and taken[-1].capitalised and _ends_phrase(text, ws, i, hi):
            taken.extend(ws[i : i + 2 if i + 1 < len(ws) and _ends_phrase(text, ws, i + 1, hi) else i + 1])
            break  # "FEC records.", "Trump campaign officials,"
        else:
            break
    verbless = _without_a_verb(taken)
    if len(verbless) < len(taken):
        # `The mayor won the vote, saying ...`: the phrase ends before its verb.
        phrase = _phrase_of_taken(words, verbless, hi)
        return None if phrase is None else chosen_by("verb-ends-phrase", phrase)
    return _phrase_of_taken(words, taken, hi)


def _phrase_of_taken(words: Words, taken: list[Word], hi: int) -> Phrase | None:
    text = words.text
    if not taken or (
        len(taken) == 1 and taken[0].lower in DETERMINERS and taken[0].lower not in _QUANTIFIERS
    ):
        return None
    phrase = describe(words, taken[0].start, taken[-1].end)
    # ", the Y" after the name is its role.
    rest = text[phrase.end : hi]
    m = re.match(r",\s+((?:the|a|an|his|her|their|its|[A-Z][\w’'.-]*’s)\s[^,.;:\"“”]{2,120})", rest)
    if m and phrase.pronoun is None:
        role = m.group(1).rstrip()
        return chosen_by(
            "role-after-name",
            Phrase(
                phrase.start,
                phrase.end,
                phrase.text,
                None,
                phrase.name,
                role,
                phrase.kind,
                phrase.gender,
                phrase.rules,
            ),
        )
    return phrase


# Verbs that follow a subject as often as anything: "The mayor won the vote, saying ...".
_COMMON_VERBS = frozenset(
    "won lost made took gave came left got held met ran led kept set spent "
    "wins loses makes takes gives goes comes leaves gets holds meets runs leads keeps sends".split()
) | having("common-verb")


def _without_a_verb(taken: list[Word]) -> list[Word]:
    """A determiner phrase read up to a comma (`The mayor won the vote`) ends before its verb:
    the first lower-case word after the noun that is a common verb, a past tense in -ed, or that a
    second determiner follows (`the head of the agency` keeps its "of")."""
    if len(taken) < 3 or taken[0].lower not in DETERMINERS:
        return taken
    for i in range(2, len(taken)):
        w = taken[i]
        if w.capitalised:
            continue
        second_determiner = i + 1 < len(taken) and taken[i + 1].lower in DETERMINERS
        if (
            w.lower in _COMMON_VERBS
            or (w.lower.endswith("ed") and len(w.lower) > 4)
            or (second_determiner and w.lower not in ("of", "for"))
        ):
            return taken[:i]
    return taken


def name_start(lows: list[str]) -> int:
    """Index of the first word of the name after a run of titles and determiners (0 when none)."""
    last_title = -1
    for i, low in enumerate(lows):
        # "Tom King", "Mr. King": a title word after a given name or "Mr." is the family name.
        if low in TITLE_WORDS and not (i > 0 and (lows[i - 1] in GIVEN_NAMES or lows[i - 1] in HONORIFICS)):
            last_title = i
    start = last_title + 1
    while start < len(lows) and lows[start] in DETERMINERS:
        start += 1
    if start >= len(lows):
        # No name after the titles: "the minister", "Senate Majority Leader".
        return len(lows)
    return start


# Capitalised only because they open a sentence: "Officials said", "Others saw", "Hours later".
_COMMON_NOUNS_ALONE = (
    SPEAKER_NOUNS
    | _QUANTIFIERS
    | frozenset(
        "allies opponents organizers organisers conservatives liberals progressives insiders respondents "
        "candidates companies figures findings numbers records minutes hours days weeks months "
        "years perhaps".split()
    )
    | having("noun-alone")
)


def never_a_name(name: str) -> bool:
    """A name read from the text that names no one: a common noun alone ("Officials", "Polls",
    "Others"), a month ("In August, ..."), or a possessor ("Clinton's": the owner of what spoke,
    not the speaker)."""
    low = name.lower()
    return (" " not in name and (low in _COMMON_NOUNS_ALONE or low in _MONTHS)) or name.endswith(
        ("’s", "'s", "s’", "s'")
    )


_SPEAKS_FOR = re.compile(r"\b(?:" + "|".join(sorted(_RELATION_NOUNS)) + r")\s+(?:for|to|of)\b", re.IGNORECASE)


def describe(words: Words, start: int, end: int) -> Phrase:
    """Split a mention into role and name and decide whether it names a person or an organisation."""
    text = words.text
    mention = text[start:end]
    ws = words.between(start, end)
    lows = [w.lower for w in ws]
    gender = None
    if lows and lows[0] in HONORIFICS:
        # "Dr." says nothing of who the doctor is; "Mr." and "Sir" a man, "Ms." a woman.
        gender = "female" if lows[0] in FEMALE_HONORIFICS else "male" if lows[0] in MALE_HONORIFICS else None
    # The head of "a spokesman for the ministry" is "spokesman", not "ministry".
    head_part = ws
    for i, low in enumerate(lows):
        if (
            low in ("of", "for")
            and i
            and (not ws[0].capitalised or lows[0] in DETERMINERS or lows[0] in SPEAKER_NOUNS)
        ):
            head_part = ws[:i]
            break
    of_at = next((i for i, low in enumerate(lows) if low == "of"), None)
    if of_at is not None and of_at >= 2 and ws[0].capitalised:
        before_of = [w.text for w in ws[:of_at]]
        name_from, name_to = proper_name_span(before_of)
        if name_to - name_from >= 2 and before_of[name_from].lower() in GIVEN_NAMES:
            # "Supervisor Ada Quill of Marsh County": a person, and where they serve.
            named = ws[name_from:name_to]
            role_words = [
                w for w in ws if w.lower not in HONORIFICS and not (named[0].start <= w.start < named[-1].end)
            ]
            role = text[role_words[0].start : role_words[-1].end] if role_words else None
            return chosen_by(
                "person-of-place",
                Phrase(
                    start, end, mention, None, text[named[0].start : named[-1].end], role, "person", gender
                ),
            )
    head = head_part[-1].lower.removesuffix("’s").removesuffix("'s") if head_part else ""
    capitals = [w for w in ws if w.capitalised and w.lower not in DETERMINERS]
    is_org = (
        head in ORGANISATION_WORDS
        or (head in CORPORATE_WORDS and bool(capitals))
        or any(w.lower in ("house", "kremlin", "pentagon") for w in capitals)
    )
    if is_org and head not in SPEAKER_NOUNS:
        named = [w for w in ws if w.lower not in DETERMINERS]
        name = text[named[0].start : named[-1].end] if named and named[0].capitalised else None
        # "Ukraine's SBU security service", "the SBU", "SBU": one organisation, by its acronym.
        # The other words must be a possessive or lower-case descriptors: "NY Daily News" keeps its name.
        acronyms = [w.text for w in named if _ACRONYM.fullmatch(w.text)]
        others = [w for w in named if w.text not in acronyms]
        # A country's initials are no body's name: "the US coast guard" stays the US coast guard.
        if (
            name is not None
            and len(acronyms) == 1
            and acronyms[0].lower() not in COUNTRIES
            and all(w.possessive or w.text.islower() for w in others)
        ):
            name = acronyms[0]
            return chosen_by(
                "acronym",
                chosen_by("organisation-word", Phrase(start, end, mention, None, name, None, "organisation")),
            )
        return chosen_by("organisation-word", Phrase(start, end, mention, None, name, None, "organisation"))
    described = next(
        (k for k in range(len(ws) - 1) if lows[k] in DESCRIPTIONS and ws[k].text.islower()), None
    )
    if described is not None and all(w.capitalised for w in ws[described + 1 :]):
        # "financial firm Tidewater Capital", "hardware giant Harbour Depot": a word for a
        # company before the name.
        named_start = ws[described + 1].start
        role = text[ws[0].start : ws[described].end]
        return chosen_by(
            "company-descriptor",
            Phrase(start, end, mention, None, text[named_start:end], role, "organisation"),
        )
    decided: list[str] = []  # the rules that read the name and the role apart
    # Everything up to the last title word is the role ("Treasury Secretary", "Health Minister");
    # what follows is the name.
    i = name_start(lows)
    if 0 < i < len(ws) and all(w.lower.rstrip(".") in _NAME_SUFFIXES for w in ws[i:]):
        i = 0  # "Martin Luther King Jr.": a word that is also a title, inside the name
    # A title that is also the last word ("the minister") leaves no name.
    name_words = [w for w in ws[i:] if w.capitalised]
    if name_words and len(name_words) == len(ws[i:]):
        name = text[name_words[0].start : name_words[-1].end]
    else:
        name = None
        # "Minnesota state delegate Mary Susan", "undecided voter Jo Reyes": a role no list knows,
        # ending in a lower-case noun, then a name of two words or more.
        k = len(ws)
        while k > i and ws[k - 1].capitalised and not ws[k - 1].possessive:
            k -= 1
        head_noun = ws[k - 1] if k > i else None
        if (
            head_noun is not None
            and len(ws) - k >= 2
            and head_noun.text.isalpha()
            and head_noun.text.islower()
            and head_noun.lower not in PHRASE_BREAKERS | NAME_JOINERS | DETERMINERS | LEADING_FUNCTION_WORDS
        ):
            name_words = ws[k:]
            name = text[name_words[0].start : name_words[-1].end]
            i = k
            decided.append("unlisted-role")
    role_words = [w for w in ws[:i] if w.lower not in HONORIFICS]
    if name is not None and len(name_words) > 4:
        # "Senate Intelligence Ranking Democrat Dianne Feinstein": capitalised titles no list knows.
        # A person's name is rarely longer than three words: the last two (three with an initial
        # or a suffix) are the name, the rest the role.
        suffix = name_words[-1].lower.rstrip(".") in _NAME_SUFFIXES
        initial = re.fullmatch(r"[A-Z]\.", name_words[-2].text) is not None
        first = name_words[-3 if suffix or initial else -2]
        name = text[first.start : name_words[-1].end]
        role_words = [w for w in ws if w.end <= first.start and w.lower not in HONORIFICS]
        decided.append("long-title")
    if name is not None and len(name_words) >= 2:
        # "Harbour Hawks DL Tomas Brenner", "Vermont Ada Quill", "NCGA's Jo Larsen",
        # "Ada Quill Thursday": a team, a place, an office or a day glued to the name is no part
        # of it (proper_name_span).
        keep_from, keep_to = proper_name_span([w.text for w in name_words])
        if (keep_from, keep_to) != (0, len(name_words)):
            kept = name_words[keep_from:keep_to]
            name = text[kept[0].start : kept[-1].end]
            role_words = [w for w in ws if w.end <= kept[0].start and w.lower not in HONORIFICS]
            name_words = kept
            decided.append("glued-to-name")
    if name is None:
        role_words = ws
    role = text[role_words[0].start : role_words[-1].end] if role_words else None
    if role and role.lower() in DETERMINERS:
        role = None
    if name is not None and role is not None and _SPEAKS_FOR.search(role):
        # "A spokeswoman for Mayor Jo Reyes": the name is whom the spokeswoman speaks for.
        return chosen_by(
            "speaks-for", Phrase(start, end, mention, None, None, mention, "person", None, tuple(decided))
        )
    if name is not None and (_is_state(name) or (_SHORT_ACRONYM.fullmatch(name) and not role)):
        # "Russia said", "the United States said", "NATO said", "SBU said": a state or a body
        # speaking, not a person (a bare acronym with a person's title, "Senator JD", stays one).
        return chosen_by(
            "state-or-body",
            Phrase(start, end, mention, None, name, None, "organisation", None, tuple(decided)),
        )
    return Phrase(start, end, mention, None, name, role, "person", gender, tuple(decided))


# An organisation's initials: two to six capitals ("SBU", "NATO", "FBI"), not a Roman numeral.
_NOT_ROMAN = r"(?!(?:I|II|III|IV|VI|VII|VIII|IX|XI|XII)\b)"
_ACRONYM = re.compile(_NOT_ROMAN + r"[A-Z]{2,6}")
# Alone, only up to four capitals: a transcript's "TAPPER:" or "TRUMP" is a person's name.
_SHORT_ACRONYM = re.compile(_NOT_ROMAN + r"[A-Z]{2,4}")


# Words that, capitalised before a person's name, are not part of it: days and months after it
# ("Ada Quill Thursday"), and before it places, offices and teams ("Massachusetts", "NASA's").
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_NOT_A_NAME_AFTER = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)


def _glued_before_name(word: str) -> bool:
    """A capitalised word before a person's name that is not part of it: an acronym of two
    capitals or more (a team position, an office: "DL", "NFL", "NASA"), a possessive ("NASA's"),
    a title, or a place (a country or a US state)."""
    bare = word.rstrip(".")
    low = bare.lower()
    return (
        _ACRONYM.fullmatch(bare) is not None
        or word.endswith(("’s", "'s", "s’", "s'"))
        or low in TITLE_WORDS
        or _is_place(low)
    )


def _is_place(low: str) -> bool:
    return low in COUNTRIES or low in US_STATES


def proper_name_span(parts: list[str]) -> tuple[int, int]:
    """The words of a person's name among capitalised words, as (start, end): those after the last
    word glued before the name, without a day or month after it. A place that would leave a
    single word stays ("Virginia Foxx"): it is as often a first name."""
    end = len(parts)
    while end > 1 and parts[end - 1].lower() in _NOT_A_NAME_AFTER:
        end -= 1
    core_end = end  # the name before a suffix ("Martin Luther King Jr.", "Abdullah II")
    while core_end > 1 and parts[core_end - 1].lower().rstrip(".") in _NAME_SUFFIXES:
        core_end -= 1
    start = 0
    for i in range(core_end - 2, -1, -1):
        if _glued_before_name(parts[i]):
            start = i + 1
            break
    if end - start == 1 and start > 0 and _is_place(parts[start - 1].lower()):
        start -= 1
    # "Administrator Jim Calder", "Insider Jason La Fontaine": a title no list knows before a
    # given name and a family name.
    for i in range(start + 1, end - 1):
        if parts[i].lower() in GIVEN_NAMES and parts[start].lower() not in GIVEN_NAMES:
            start = i
            break
    return start, end


def _is_state(name: str) -> bool:
    low = name.lower().removeprefix("the ")
    return low in COUNTRIES
