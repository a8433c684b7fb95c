"""The cues as data: each verb of saying, believing or characterising once, with the stance it
expresses. A finding's stance comes from its cue (Stance): "denied" makes a denial, "asked" a
question, "warned" a warning, "described ... as" a characterisation. The engine's older word lists
(SPEECH_CUES and the sets beside the rules) still decide where statements are; every word they
hold has its entry here (a test checks it), so that each can move into this table with its other
properties as the engine becomes a table of rules.
"""

from ..types import Stance

# lemma: (stance, its forms as they appear in text). Phrasal cues are written with a space.
_CUES: dict[str, tuple[Stance, str]] = {}


def _cues(stance: Stance, entries: str) -> None:
    for entry in entries.strip().split(";"):
        lemma, _, forms = entry.strip().partition(":")
        _CUES[lemma.strip()] = (stance, forms.strip() or lemma.strip())


_cues(
    Stance.ASSERTED,
    """
    say: say says said saying; tell: tell tells told telling; add: add adds added adding;
    state: states stated; explain: explains explained explaining; note: notes noted noting;
    argue: argue argues argued arguing; claim: claim claims claimed claiming; insist: insist insists insisted insisting;
    acknowledge: acknowledges acknowledged; admit: admits admitted; announce: announces announced;
    declare: declares declared declaring; write: writes wrote; reply: replies replied;
    respond: responds responded; continue: continues continued; recall: recalls recalled;
    suggest: suggest suggests suggested suggesting; confirm: confirms confirmed; report: reports reported reporting;
    stress: stresses stressed stressing; tweet: tweets tweeted; post: posted; testify: testifies testified;
    concede: concedes conceded; complain: complains complained; observe: observes observed;
    remark: remarks remarked; counter: counters countered; boast: boasts boasted; joke: jokes joked;
    charge: charges charged; allege: allege alleges alleged; contend: contend contends contended;
    maintain: maintains maintained; estimate: estimate estimates estimated; conclude: conclude concludes concluded;
    emphasise: emphasized emphasised emphasizes emphasises; signal: signaled signalled;
    indicate: indicate indicates indicated; recognise: recognises recognizes; reveal: reveals revealed; disclose: discloses disclosed;
    assure: assures assured; agree: agrees agreed; shout: shouted shouting; yell: yelled yelling;
    muse: muses mused; quip: quipped; show: show shows showed; find: find finds found; know: know knows knew;
    see: sees saw; seem: seems seemed; appear: appears; answer: answers answered; retort: retorted;
    chant: chanted chanting; text: texted; email: emailed; cite: cites cited citing; refer: referring;
    hint: hinted; exclaim: exclaims exclaimed; protest: protested; object: objected; scoff: scoffed;
    coin: coined; read: read reads; intimate: intimated intimates; brag: bragged brags; gush: gushed;
    fume: fumed; gripe: griped; grumble: grumbled; sneer: sneered;
    point out: pointed out, points out, point out; put it: put it, puts it; shoot back: shot back;
    fire back: fired back;
    hit back: hit back; according to: according to
    """,
)
_cues(
    Stance.DENIED, "deny: denies denied; dispute: disputes disputed; disavow: disavowed disavows disavowing"
)
_cues(
    Stance.QUESTIONED,
    "ask: asks asked asking; question: questions questioned questioning; wonder: wonders wondered",
)
_cues(Stance.PREDICTED, "predict: predict predicts predicted predicting; expect: expects expect expected")
_cues(
    Stance.WARNED,
    "warn: warn warns warned warning; caution: cautions cautioned; threaten: threatens threatened",
)
_cues(
    Stance.PROMISED,
    "promise: promises promised promising; pledge: pledges pledged pledging; vow: vows vowed vowing",
)
_cues(
    Stance.BELIEVED,
    """
    believe: believe believes believed; think: think thinks thought; fear: fear fears feared;
    hope: hope hopes hoped; worry: worry worries worried; suspect: suspect suspects suspected;
    doubt: doubts doubted; feel: feel feels felt; assume: assumes assumed
    """,
)
_cues(Stance.INTENDED, "intend: intends intended; want: want wants wanted")
_cues(
    Stance.URGED,
    """
    urge: urges urged urging; demand: demands demanded; recommend: recommended; propose: proposes proposed;
    push: pushed; plead: pleaded
    """,
)
_cues(
    Stance.CHARACTERISED,
    """
    describe: describes described describing; call: call calls called calling; praise: praises praised praising;
    criticise: criticized criticised criticizes criticizing criticising; slam: slammed slamming;
    blast: blasted blasting; tout: touts touted touting; dismiss: dismisses dismissed dismissing;
    defend: defends defended defending; accuse: accuses accused accusing; blame: blames blamed blaming;
    credit: credits credited; mock: mocked mocking; rail: rails railed; chastise: chastised;
    lambaste: lambasted; deride: derided; ridicule: ridiculed; label: labels labeled labelled labeling labelling;
    dub: dubs dubbed dubbing; term: terms termed; brand: brands branded branding; decry: decries decried decrying;
    denounce: denounces denounced denouncing; lament: laments lamented lamenting; bemoan: bemoans bemoaned;
    condemn: condemns condemned; hail: hails hailed; laud: lauds lauded; reject: rejects rejected;
    support: supports supported; back: backs backed; oppose: opposes opposed; endorse: endorse endorses endorsed;
    refuse: refuses refused; decline: declines declined
    """,
)


def _forms(lemma: str, forms: str) -> list[str]:
    """A lemma's forms: words split on spaces; a phrasal lemma's phrases split on commas."""
    if " " in lemma:
        return [form.strip() for form in forms.split(",")]
    return forms.split()


STANCE_OF: dict[str, Stance] = {
    form: stance for lemma, (stance, forms) in _CUES.items() for form in _forms(lemma, forms)
}
