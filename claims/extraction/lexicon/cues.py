"""The cues as data: every verb or phrase of saying, believing or characterising once, with its
lemma, the stance it expresses and its properties. A finding's stance comes from its cue ("denied"
makes a denial, "asked" a question, "described ... as" a characterisation); the engine's word sets
are drawn from the properties (`having`), so a verb is added or changed here, in one place.

Properties:
    speech          a cue the engine looks for (SPEECH_CUES)
    participle      attaches a statement to its sentence's subject: "X did Y, saying Z"
    inverts         may come before its speaker: `"...," said Mr Smith`
    noun            as often a plural noun ("his remarks", "the claims")
    headline        a headline's verb: `Trump says ...`
    characterising  reports by characterising; after "and" it shares the sentence's subject
    belief          a present-tense verb of belief or finding before a that-clause
    clause          ends a clause's statement at a boundary (";", ", while")
    telling         "told": its object is the audience, not the statement
    evidential      the writer's own hedge ("seems"): no one is speaking
    phrasal         a cue of two words whose first alone is none ("shot back")
    show            "show": a verb, or a noun after certain words ("a TV show")
    and-said        a second verb after "and", same subject: `... and said (that) ...`
    but-said        a second statement's verb after "but"/"and": `X said A, but warned that B`
    who-said        a relative clause's verb: `..., said Ann Weaver, who said ...`
    opening         opens a sentence before its speaker: `Said Comey, "..."` (capitalised)
    said-before     leads into an answer: `Asked ..., Berg said, "Probably."`
    participle-after  a participle clause after a statement: `..., adding that ...`
    but-that        a present tense that, before "that", opens a second statement: `..., but admits that B`
    leads-in        an irregular past that leads into a quotation no cue reached: `Joel sang, "..."`
    answer-after    after a speaker, attributes a one-word answer: `"Absolutely," he said.`
    answer-before   before a speaker, likewise: `"Absolutely," said Ruth Okafor.`
    asked-opening   opens a sentence that puts a question to the speaker: `Asked about X, Berg said ...`
    object-after    followed by its object (the audience), never by its speaker: `told reporters`
    names-programme what is told may be a programme's name: `told "Fox and Friends,"`
    urges-with-object  with an object and "to" it urges ("wants the league to act", "asked them to leave")
    urges-for       with "for" or "on" after it it urges ("called for an inquiry")
    predicts-with-modal  before what will or could be it predicts ("estimates that it could carry 300")
    passive-after-be  after a form of "be" a passive with no one behind it ("isn't expected until May")
    passive-of, passive-for, passive-to, passive-with  followed at once by this word, a passive (a headline's
                    `Board accused of hiding losses`); in prose the object stands between
    urges-subjunctive  before "that" and a clause whose verb is bare it urges ("suggested that Beijing resume buying")
    denies-a-claim  before "reports (claims, allegations) that ..." it denies them ("dismissed reports that ...")
    refusal         a refusal to speak ("declined to comment"): a statement however short, the cue negated
    puts-out        puts out a document that then speaks for whoever put it out: `released a statement saying`
    after-quotation a cue only after a quotation: `"...," the letter read`
    as-someone      a cue only after "as": `as the mayor put it`
    according       introduces its source after it: `according to X`
    filler          may stand between a speaker and the cue: `he told reporters he had said`
    breaks-phrase   a speaker's mention cannot run back over it
    had-said        after "had", places what it reports before the article's event: `she had warned`
    common-verb     follows a subject as often as anything: `The mayor won the vote, saying ...`
    noun-alone      as a plural noun, a mention by itself: `estimates show ...`
    commits-with-to with "to" right after it, a commitment (a promise), not an assertion: `agreed to pay`
    appears         before a preposition or an adverb, an appearance, unless a that-clause follows:
                    `testified before the committee on Tuesday`
       before "responsibility" or "credit", taking them: `claimed responsibility for`
"""

from ..types import Stance

# form | lemma | stance | properties
_TABLE = """
    say            | say         | asserted      | speech headline clause but-that
    says           | say         | asserted      | speech inverts headline belief clause and-said who-said opening said-before but-that answer-after answer-before breaks-phrase
    said           | say         | asserted      | speech inverts headline clause and-said but-said who-said opening said-before leads-in answer-after answer-before breaks-phrase had-said
    saying         | say         | asserted      | speech participle participle-after
    tell           | tell        | asserted      | speech telling
    tells          | tell        | asserted      | speech headline clause telling names-programme
    told           | tell        | asserted      | speech inverts headline clause telling leads-in answer-after object-after names-programme filler breaks-phrase had-said common-verb passive-to
    telling        | tell        | asserted      | speech participle telling
    add            | add         | asserted      | but-that
    adds           | add         | asserted      | speech inverts clause and-said opening but-that
    added          | add         | asserted      | speech inverts clause and-said but-said who-said opening
    adding         | add         | asserted      | speech participle participle-after
    states         | state       | asserted      | speech noun
    stated         | state       | asserted      | speech
    stating        | state       | asserted      | speech participle participle-after
    explains       | explain     | asserted      | speech inverts
    explained      | explain     | asserted      | speech inverts
    explaining     | explain     | asserted      | speech participle participle-after
    notes          | note        | asserted      | speech inverts noun belief but-that
    noted          | note        | asserted      | speech inverts clause and-said but-said who-said
    noting         | note        | asserted      | speech participle participle-after
    argue          | argue       | asserted      | belief clause but-that
    argues         | argue       | asserted      | speech inverts belief clause but-that
    argued         | argue       | asserted      | speech inverts clause and-said but-said who-said
    arguing        | argue       | asserted      | speech participle participle-after
    claim          | claim       | asserted      | belief but-that
    claims         | claim       | asserted      | speech noun headline belief but-that
    claimed        | claim       | asserted      | speech and-said but-said
    claiming       | claim       | asserted      | speech participle participle-after
    insist         | insist      | asserted      | belief but-that urges-subjunctive
    insists        | insist      | asserted      | speech inverts headline belief but-that urges-subjunctive
    insisted       | insist      | asserted      | speech inverts and-said but-said who-said urges-subjunctive
    insisting      | insist      | asserted      | speech participle participle-after
    acknowledges   | acknowledge | asserted      | speech belief but-that
    acknowledged   | acknowledge | asserted      | speech inverts but-said
    admits         | admit       | asserted      | speech headline belief but-that
    admitted       | admit       | asserted      | speech but-said
    announces      | announce    | asserted      | speech
    announced      | announce    | asserted      | speech
    declares       | declare     | asserted      | speech inverts
    proclaimed     | proclaim    | asserted      | speech inverts
    proclaims      | proclaim    | asserted      | speech inverts
    declared       | declare     | asserted      | speech inverts
    declaring      | declare     | asserted      | speech
    writes         | write       | asserted      | speech inverts clause opening
    wrote          | write       | asserted      | speech inverts clause opening leads-in puts-out
    replies        | reply       | asserted      | speech inverts said-before
    replied        | reply       | asserted      | speech inverts said-before
    responds       | respond     | asserted      | speech inverts said-before
    responded      | respond     | asserted      | speech inverts said-before
    continues      | continue    | asserted      | inverts
    continued      | continue    | asserted      | speech inverts
    recalls        | recall      | asserted      | speech inverts
    recalled       | recall      | asserted      | speech inverts
    suggest        | suggest     | asserted      | belief urges-subjunctive
    suggests       | suggest     | asserted      | speech belief urges-subjunctive
    suggested      | suggest     | asserted      | speech but-said urges-subjunctive
    suggesting     | suggest     | asserted      | speech participle urges-subjunctive
    confirms       | confirm     | asserted      | speech
    confirmed      | confirm     | asserted      | speech
    reports        | report      | asserted      | speech noun
    reported       | report      | asserted      | speech
    reporting      | report      | asserted      | speech
    stresses       | stress      | asserted      | speech
    stressed       | stress      | asserted      | speech and-said but-said
    stressing      | stress      | asserted      | speech participle participle-after
    tweets         | tweet       | asserted      | speech
    tweeted        | tweet       | asserted      | speech inverts puts-out
    posted         | post        | asserted      | speech puts-out
    testifies      | testify     | asserted      | speech appears
    testified      | testify     | asserted      | speech appears
    concedes       | concede     | asserted      | speech but-that
    conceded       | concede     | asserted      | speech but-said
    complains      | complain    | asserted      | speech
    complained     | complain    | asserted      | speech
    observes       | observe     | asserted      | speech
    observed       | observe     | asserted      | speech inverts
    remarks        | remark      | asserted      | speech noun
    remarked       | remark      | asserted      | speech inverts
    remarking      | remark      | asserted      | speech participle participle-after
    counters       | counter     | asserted      | speech noun
    countered      | counter     | asserted      | speech inverts
    boasts         | boast       | asserted      | speech
    boasted        | boast       | asserted      | speech inverts
    jokes          | joke        | asserted      | speech
    joked          | joke        | asserted      | speech inverts
    charges        | charge      | asserted      | speech noun
    charged        | charge      | asserted      | speech passive-with
    allege         | allege      | asserted      | belief
    alleges        | allege      | asserted      | speech belief
    alleged        | allege      | asserted      | speech
    contend        | contend     | asserted      | belief
    contends       | contend     | asserted      | speech belief
    contended      | contend     | asserted      | speech
    maintains      | maintain    | asserted      | speech belief
    maintained     | maintain    | asserted      | speech
    estimate       | estimate    | asserted      | belief predicts-with-modal
    estimates      | estimate    | asserted      | speech noun belief noun-alone predicts-with-modal
    estimated      | estimate    | asserted      | speech predicts-with-modal
    conclude       | conclude    | asserted      | belief
    concludes      | conclude    | asserted      | speech belief
    concluded      | conclude    | asserted      | speech inverts
    emphasized     | emphasise   | asserted      | speech
    emphasised     | emphasise   | asserted      | speech
    emphasizes     | emphasise   | asserted      | speech
    emphasises     | emphasise   | asserted      | speech
    signaled       | signal      | asserted      | speech
    signalled      | signal      | asserted      | speech
    indicate       | indicate    | asserted      | belief
    indicates      | indicate    | asserted      | speech belief
    indicated      | indicate    | asserted      | speech
    recognises     | recognise   | asserted      | belief
    recognizes     | recognise   | asserted      | belief
    reveals        | reveal      | asserted      | speech
    revealed       | reveal      | asserted      | speech
    discloses      | disclose    | asserted      | speech
    disclosed      | disclose    | asserted      | speech
    assures        | assure      | asserted      | speech
    assured        | assure      | asserted      | speech
    agrees         | agree       | asserted      | speech inverts commits-with-to
    agreed         | agree       | asserted      | speech inverts but-said commits-with-to
    shouted        | shout       | asserted      | speech
    shouting       | shout       | asserted      | speech participle
    yelled         | yell        | asserted      | speech
    yelling        | yell        | asserted      | speech participle
    muses          | muse        | asserted      | speech
    mused          | muse        | asserted      | speech
    quipped        | quip        | asserted      | speech inverts
    show           | show        | asserted      | speech belief show
    shows          | show        | asserted      | speech belief show
    showed         | show        | asserted      | speech show
    find           | find        | asserted      | belief
    finds          | find        | asserted      | speech belief
    found          | find        | asserted      | speech
    know           | know        | asserted      | belief
    knows          | know        | asserted      | speech belief
    knew           | know        | asserted      | speech
    sees           | see         | asserted      | speech
    saw            | see         | asserted      | speech
    seems          | seem        | asserted      | speech evidential
    seemed         | seem        | asserted      | speech evidential
    appears        | appear      | asserted      | speech evidential
    answers        | answer      | asserted      | speech inverts noun said-before
    answered       | answer      | asserted      | speech inverts said-before
    retorted       | retort      | asserted      | speech
    chanted        | chant       | asserted      | speech
    chanting       | chant       | asserted      | speech participle
    texted         | text        | asserted      | speech
    emailed        | email       | asserted      | speech
    cites          | cite        | asserted      | speech
    cited          | cite        | asserted      | speech
    citing         | cite        | asserted      | speech
    referring      | refer       | asserted      | speech
    hinted         | hint        | asserted      | speech
    exclaims       | exclaim     | asserted      | speech
    exclaimed      | exclaim     | asserted      | speech
    protested      | protest     | asserted      | speech
    objected       | object      | asserted      | speech
    scoffed        | scoff       | asserted      | speech
    coined         | coin        | asserted      | speech
    read           | read        | asserted      | speech inverts after-quotation
    reads          | read        | asserted      | speech inverts after-quotation
    intimated      | intimate    | asserted      | speech
    intimates      | intimate    | asserted      | speech
    bragged        | brag        | asserted      | speech but-said
    brags          | brag        | asserted      | speech
    gushed         | gush        | asserted      | speech
    fumed          | fume        | asserted      | speech
    griped         | gripe       | asserted      | speech
    grumbled       | grumble     | asserted      | speech
    sneered        | sneer       | asserted      | speech
    pointed out    | point out   | asserted      | phrasal
    lobbied for    | lobby for   | urged         | phrasal
    lobbies for    | lobby for   | urged         | phrasal
    lobbying for   | lobby for   | urged         | phrasal
    points out     | point out   | asserted      | phrasal
    point out      | point out   | asserted      | phrasal
    put it         | put it      | asserted      | phrasal as-someone
    puts it        | put it      | asserted      | phrasal as-someone
    shot back      | shoot back  | asserted      | phrasal
    fired back     | fire back   | asserted      | phrasal
    hit back       | hit back    | asserted      | phrasal
    according to   | according to | asserted      | according
    deny           | deny        | denied        | speech
    denies         | deny        | denied        | speech
    denied         | deny        | denied        | speech but-said
    disputes       | dispute     | denied        | speech noun
    disputed       | dispute     | denied        | speech
    disavowed      | disavow     | denied        | speech characterising
    disavows       | disavow     | denied        | speech
    disavowing     | disavow     | denied        | speech
    asks           | ask         | questioned    | speech inverts urges-with-object
    asked          | ask         | questioned    | speech inverts answer-after answer-before asked-opening urges-with-object passive-to
    asking         | ask         | questioned    | speech participle urges-with-object
    questions      | question    | questioned    | speech noun
    questioned     | question    | questioned    | speech
    questioning    | question    | questioned    | speech
    wonders        | wonder      | questioned    | speech
    wondered       | wonder      | questioned    | speech inverts
    predict        | predict     | predicted     | belief
    predicts       | predict     | predicted     | speech headline belief
    predicted      | predict     | predicted     | speech but-said
    predicting     | predict     | predicted     | speech
    expects        | expect      | predicted     | speech belief
    expect         | expect      | predicted     | speech belief
    expected       | expect      | predicted     | speech passive-after-be
    warn           | warn        | warned        | belief but-that
    warns          | warn        | warned        | speech inverts noun headline characterising belief but-that
    warned         | warn        | warned        | speech inverts characterising and-said but-said who-said had-said
    warning        | warn        | warned        | speech participle participle-after
    cautions       | caution     | warned        | speech
    cautioned      | caution     | warned        | speech inverts
    threatens      | threaten    | warned        | speech
    threatened     | threaten    | warned        | speech but-said
    promises       | promise     | promised      | speech noun characterising
    promised       | promise     | promised      | speech characterising but-said
    promising      | promise     | promised      | speech
    pledges        | pledge      | promised      | speech noun characterising
    pledged        | pledge      | promised      | speech characterising but-said
    pledging       | pledge      | promised      | speech
    vows           | vow         | promised      | speech noun headline characterising
    vowed          | vow         | promised      | speech characterising and-said but-said
    vowing         | vow         | promised      | speech
    believe        | believe     | believed      | speech belief
    believes       | believe     | believed      | speech belief
    believed       | believe     | believed      | speech
    think          | think       | believed      | speech belief
    thinks         | think       | believed      | speech belief
    thought        | think       | believed      | speech noun
    fear           | fear        | believed      | speech belief
    fears          | fear        | believed      | speech noun belief
    feared         | fear        | believed      | speech
    hope           | hope        | believed      | speech belief
    hopes          | hope        | believed      | speech noun belief
    hoped          | hope        | believed      | speech
    worry          | worry       | believed      | speech belief
    worries        | worry       | believed      | speech noun belief
    worried        | worry       | believed      | speech
    suspect        | suspect     | believed      | belief
    suspects       | suspect     | believed      | belief
    suspected      | suspect     | believed      |
    doubts         | doubt       | believed      | belief
    doubted        | doubt       | believed      |
    feel           | feel        | believed      | belief
    feels          | feel        | believed      | belief
    felt           | feel        | believed      |
    assumes        | assume      | believed      | belief
    assumed        | assume      | believed      |
    intends        | intend      | intended      | speech
    plans          | plan        | intended      | speech noun
    planned        | plan        | intended      | speech
    planning       | plan        | intended      | speech
    intended       | intend      | intended      | speech
    want           | want        | intended      | speech urges-with-object
    wants          | want        | intended      | speech urges-with-object
    wanted         | want        | intended      | speech urges-with-object
    urges          | urge        | urged         | speech characterising
    exhorted       | exhort      | urged         | speech
    exhorts        | exhort      | urged         | speech
    urged          | urge        | urged         | speech characterising but-said passive-to
    urging         | urge        | urged         | speech
    demands        | demand      | urged         | speech noun urges-subjunctive
    demanded       | demand      | urged         | speech urges-subjunctive
    recommended    | recommend   | urged         | speech urges-subjunctive
    proposes       | propose     | urged         | speech urges-subjunctive
    proposed       | propose     | urged         | speech urges-subjunctive
    pushed         | push        | urged         | speech
    pleaded        | plead       | urged         | speech
    describes      | describe    | characterised | speech characterising
    described      | describe    | characterised | speech characterising but-said
    describing     | describe    | characterised | speech participle
    call           | call        | characterised | urges-for
    calls          | call        | characterised | speech characterising urges-for
    called         | call        | characterised | speech characterising but-said urges-for
    calling        | call        | characterised | speech participle urges-for
    praises        | praise      | characterised | speech characterising
    praised        | praise      | characterised | speech characterising but-said passive-for
    praising       | praise      | characterised | speech
    criticized     | criticise   | characterised | speech characterising but-said passive-for
    criticised     | criticise   | characterised | speech characterising passive-for
    criticizes     | criticise   | characterised | speech characterising
    criticizing    | criticise   | characterised | speech
    criticising    | criticise   | characterised | speech
    slammed        | slam        | characterised | speech characterising but-said passive-for
    slamming       | slam        | characterised | speech
    blasted        | blast       | characterised | speech characterising
    blasting       | blast       | characterised | speech
    touts          | tout        | characterised | speech characterising
    touted         | tout        | characterised | speech characterising but-said
    touting        | tout        | characterised | speech
    dismisses      | dismiss     | characterised | speech characterising denies-a-claim
    dismissed      | dismiss     | characterised | speech characterising but-said denies-a-claim
    dismissing     | dismiss     | characterised | speech denies-a-claim
    defends        | defend      | characterised | speech characterising
    defended       | defend      | characterised | speech characterising but-said
    defending      | defend      | characterised | speech
    accuses        | accuse      | characterised | speech characterising
    accused        | accuse      | characterised | speech characterising but-said passive-of
    accusing       | accuse      | characterised | speech participle
    blames         | blame       | characterised | speech characterising
    blamed         | blame       | characterised | speech characterising but-said passive-for
    blaming        | blame       | characterised | speech
    credits        | credit      | characterised | speech
    credited       | credit      | characterised | speech
    mocked         | mock        | characterised | speech characterising but-said
    mocking        | mock        | characterised | speech
    rails          | rail        | characterised | speech characterising
    railed         | rail        | characterised | speech characterising
    chastised      | chastise    | characterised | speech characterising
    lambasted      | lambaste    | characterised | speech characterising
    derided        | deride      | characterised | speech characterising
    ridiculed      | ridicule    | characterised | speech characterising
    labels         | label       | characterised | speech
    labeled        | label       | characterised | speech
    labelled       | label       | characterised | speech
    labeling       | label       | characterised | speech
    labelling      | label       | characterised | speech
    likened        | liken       | characterised | speech
    likens         | liken       | characterised | speech
    dubs           | dub         | characterised | speech
    dubbed         | dub         | characterised | speech
    dubbing        | dub         | characterised | speech
    terms          | term        | characterised | speech
    termed         | term        | characterised | speech
    brands         | brand       | characterised | speech
    branded        | brand       | characterised | speech
    branding       | brand       | characterised | speech
    decries        | decry       | characterised | speech
    decried        | decry       | characterised | speech
    decrying       | decry       | characterised | speech
    denounces      | denounce    | characterised | speech
    denounced      | denounce    | characterised | speech
    denouncing     | denounce    | characterised | speech
    laments        | lament      | characterised | speech
    lamented       | lament      | characterised | speech
    lamenting      | lament      | characterised | speech
    bemoans        | bemoan      | characterised | speech
    bemoaned       | bemoan      | characterised | speech
    condemns       | condemn     | characterised | speech
    condemned      | condemn     | characterised | speech
    hails          | hail        | characterised | speech
    hailed         | hail        | characterised | speech
    lauds          | laud        | characterised | speech
    lauded         | laud        | characterised | speech
    rejects        | reject      | characterised | speech denies-a-claim
    rejected       | reject      | characterised | speech denies-a-claim
    supports       | support     | characterised | speech
    supported      | support     | characterised | speech
    backs          | back        | characterised | speech
    backed         | back        | characterised | speech
    opposes        | oppose      | characterised | speech
    opposed        | oppose      | characterised | speech
    endorse        | endorse     | characterised | speech
    endorses       | endorse     | characterised | speech
    endorsed       | endorse     | characterised | speech
    refuses        | refuse      | negated       | speech refusal
    refused        | refuse      | negated       | speech refusal
    declines       | decline     | negated       | speech refusal
    declined       | decline     | negated       | speech refusal
    declining      | decline     | negated       | speech refusal
    appear         | appear      | asserted      | evidential
    appeared       | appear      | asserted      | evidential
    seem           | seem        | asserted      | evidential
    comments       | comment     | asserted      | noun
    posts          | post        | asserted      | noun
    signals        | signal      | asserted      | noun
    admit          | admit       | asserted      | but-that
    note           | note        | asserted      | but-that
    acknowledge    | acknowledge | asserted      | but-that
    concede        | concede     | asserted      | but-that
    put            | put         | asserted      | leads-in puts-out common-verb
    spoke          | speak       | asserted      | leads-in
    sang           | sing        | asserted      | leads-in
    began          | begin       | asserted      | leads-in
    went           | go          | asserted      | leads-in common-verb
    released       | release     | asserted      | puts-out
    issued         | issue       | asserted      | puts-out
    published      | publish     | asserted      | puts-out
    sent           | send        | asserted      | puts-out common-verb
    revised        | revise      | asserted      | puts-out
    filed          | file        | asserted      | puts-out
    signed         | sign        | asserted      | puts-out
    circulated     | circulate   | asserted      | puts-out
"""


def _read(table: str) -> dict[str, tuple[str, Stance, frozenset[str]]]:
    rows: dict[str, tuple[str, Stance, frozenset[str]]] = {}
    for line in table.strip().splitlines():
        form, lemma, stance, properties = (cell.strip() for cell in line.split("|"))
        if form in rows:
            raise ValueError(f"the cue {form!r} is listed twice")
        rows[form] = (lemma, Stance(stance), frozenset(properties.split()))
    return rows


CUES = _read(_TABLE)
STANCE_OF: dict[str, Stance] = {form: stance for form, (_, stance, _) in CUES.items()}


def having(prop: str) -> frozenset[str]:
    """The forms with a property."""
    return frozenset(form for form, (_, _, properties) in CUES.items() if prop in properties)


def alternation(prop: str, *, capitalised: bool = False) -> str:
    """A regex alternation of the forms with a property, longest first (so that no form is cut
    short by a shorter one), for the patterns that still need one."""
    forms = sorted(having(prop), key=lambda form: (-len(form), form))
    return "|".join(form.capitalize() if capitalised else form for form in forms)
