"""Word lists the engine matches against. Plain data; lower-case unless noted. The cues (verbs
and phrases of saying, with their stance and properties) are in cues.py, each once."""

from .cues import having

# Verbs (and verb phrases) that attribute speech, belief or report to a source.
SPEECH_CUES = having("speech")

# Auxiliaries and adverbs that may stand between a speaker and the cue ("he has long said").
CUE_FILLERS = frozenset(
    "also later then again previously once had has have would will could might may did does do "
    "repeatedly often long publicly privately recently earlier subsequently further simply flatly "
    "however though reportedly previously already never once now flat-out outright not".split()
) | having("filler")

PRONOUNS = {
    "he": "male",
    "she": "female",
    "they": "plural",
    "it": "neuter",
    "we": "plural",
    "i": "first",
    "you": "second",
}

DETERMINERS = frozenset(
    "the a an one another two three four five several some many most other his her their its our this that "
    "these those each every both".split()
)

# Words that end a backwards scan for a speaker phrase: the phrase cannot run across them.
PHRASE_BREAKERS = frozenset(
    "on in at after before when while as that which who whom because but and or to by with from for "
    "during since until if than about over into where whether "
    # Forms of "be": "the talks were described as ..." is passive, with no speaker before the cue.
    "is are was were be been being am".split()
) | having("breaks-phrase")

# Words that may join capitalised words inside one name ("Secretary of State", "Bank of England").
NAME_JOINERS = frozenset("of for and the de la le van von der al bin du da".split())

# Titles and role words (case-insensitive). A leading run of these in a mention is its role.
TITLE_WORDS = frozenset(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady president vice prime minister secretary
    senator sen sen. representative rep rep. congressman congresswoman governor gov gov. mayor chancellor
    king queen prince princess pope judge justice chief general gen gen. colonel col col. lieutenant lt lt.
    sergeant sgt sgt. captain capt capt. admiral adm adm. commander director chairman chairwoman chair
    spokesman spokeswoman spokesperson leader speaker ambassador attorney candidate nominee deputy
    treasury health education justice labor labour energy transport trade agriculture commerce
    treasury health education justice labor labour energy transport trade agriculture commerce
    assistant acting former then-president foreign defence defense interior finance state house senate
    majority minority whip ceo cfo founder head officer official commissioner superintendent sheriff
    rabbi reverend rev rev. father bishop cardinal ayatollah sheikh emir premier councillor councilman
    councilwoman economist analyst professor lawyer adviser advisor aide strategist pollster
    chief-of-staff u.s. us american russian ukrainian british french german chinese israeli iranian
    democratic republican gop white
    coach owner quarterback pitcher striker goalkeeper linebacker receiver midfielder defender forward
    manager executive editor reporter correspondent columnist anchor host producer founder chairperson
    """.split()
)

# Words that mark a mention as an organisation or institution (matched on any word, case-insensitive).
ORGANISATION_WORDS = frozenset(
    """
    house department ministry service services party committee council agency commission office inc inc.
    corp corp. company ltd group government administration kremlin pentagon campaign police army navy
    court university institute foundation association union bank fund board bureau news times post
    press reuters journal network magazine tribune herald guardian telegraph organization organisation
    federation coalition alliance parliament congress senate assembly cabinet secretariat embassy
    authority authorities command forces military council federal state city county team club
    """.split()
)

# Last words of company and outlet names ("Harbour Records", "Tidewater Institutional Equities").
CORPORATE_WORDS = frozenset(
    """
    inc inc. corp corp. co co. llc plc ltd ag sa group holdings partners capital equities securities
    investments financial records productions pictures studios entertainment media communications
    technologies systems labs motors airlines airways energy pharmaceuticals brands foods industries
    networks bank news
    """.split()
)
# Nouns that describe a company or an outlet ("the company said", "the automaker says").
DESCRIPTIONS = frozenset(
    """
    company firm automaker carmaker brokerage bank lender insurer retailer chain airline label studio
    network broadcaster outlet publication newspaper magazine website startup manufacturer maker
    giant conglomerate business
    """.split()
)
# Nouns that, bare and plural, can be a speaker by themselves ("officials said").
SPEAKER_NOUNS = frozenset(
    """
    official officials source sources spokesman spokeswoman spokesperson aide aides analyst analysts expert
    experts critic critics supporter supporters lawmaker lawmakers legislator legislators diplomat
    diplomats observer observers investigator investigators prosecutor prosecutors police witness
    witnesses residents resident voters voter economists economist advisers advisors adviser advisor
    democrats republicans leaders leader people protesters activists officers authorities researchers
    scientists doctors statement report reports documents data polls poll survey study
    candidates politicians delegates superdelegates senators members executives rivals allies advocates
    conservatives liberals progressives strategists operatives surrogates insiders donors backers
    attendees employees workers investors lawyers attorneys opponents journalists editors moderators
    organizers organisers groups unions
    """.split()
)

# Sentence-initial words that are not part of a speaker phrase ("But Putin said").
LEADING_FUNCTION_WORDS = frozenset(
    "but and however yet so still meanwhile later earlier also then instead indeed now thus separately "
    "speaking asked after before while when in on at".split()
)

# Refusals to speak ("declined to comment"): recorded however short, as a negated statement.
REFUSALS = having("refusal")

# Participles that attach a statement to the subject of their sentence: "X did Y, saying Z".
PARTICIPLE_CUES = having("participle")

# Abbreviations after which a full stop does not end a sentence (compared lower-case, without the dot).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st gov sen rep gen col lt sgt capt adm cmdr maj rev hon pres supt insp det
    inc corp co ltd bros vs etc approx dept est al
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    u.s u.k u.n e.u d.c a.m p.m i.e e.g n.y l.a
    """.split()
)

# Abbreviations that stand before a number ("No. 5", "Fig. 2"); elsewhere the dot ends a sentence.
NUMBER_ABBREVIATIONS = frozenset("no nos fig vol pp".split())

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Words ending like a verb ("-s", "-ed") before "that" that attribute nothing ("so that", "it
# seems that", "such that"); the verbs of seeming are the cue table's evidential ones.
NOT_ATTRIBUTION = frozenset(
    "is was has does means meant makes made ensures ensured as less "
    "this thus his its hers theirs ours yours years days weeks months times".split()
) | having("evidential")

# What a speaker puts out (`released a statement saying ...`); the verbs that put it out are the
# cue table's puts-out forms.
DOCUMENT_NOUNS = frozenset(
    "statement statements letter release report memo message video ad post tweet".split()
)

# Words that open a sentence's opening phrase, before a title in quotation marks (`On ABC's "This
# Week," ...`) or before the speaker (`On Monday, ...`).
OPENING_PREPOSITIONS = frozenset(
    "on in at during after before from with speaking writing appearing interviewed later earlier "
    "monday tuesday wednesday thursday friday saturday sunday".split()
) | having("asked-opening")

# What a document is called when it speaks for whoever issued it ("the statement said", "a report
# from Tidewater Analytics found").
ISSUED_NOUNS = frozenset(
    """
    statement statements report reports release letter memo message post tweet study survey poll analysis
    filing note presentation review findings research
    """.split()
)
# The documents "X said in a statement" or "X released a report" issue, which "the statement"
# later stands for.
ISSUED_DOCUMENTS = frozenset("statement report letter memo release post tweet".split())

# Labels that open a paragraph with a colon and name no one: `Disclaimer: The views ...`.
PARAGRAPH_LABELS = frozenset(
    "disclaimer note update correction more related watch listen source photo video advertisement "
    "sponsored subscribe also read editor clarification warning".split()
)

# Labels that open a paragraph linking to another article (`READ MORE: ...`, `Related | ...`).
LINK_LABELS = (
    "read more",
    "see more",
    "more",
    "related stories",
    "related story",
    "related articles",
    "related coverage",
    "related",
    "see also",
    "also read",
    "recommended",
    "trending",
    "watch",
    "listen",
    "click here",
    "sign up",
    "subscribe",
)

# What someone said, as a noun (`the report was not true`).
WHAT_WAS_SAID = frozenset(
    "report reports claim claims allegation allegations story stories statement".split()
)
