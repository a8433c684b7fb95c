"""One statement, one claim; one person, one speaker: variants of a quotation attach to its claim
(explained, and reversible by a split), people are recognised by variants of their names without
merging namesakes, and similar claims can be looked up."""

import re

import pytest
from django.contrib.auth.models import Permission
from hypothesis import given
from hypothesis import strategies as st

from claims.curation import workflow
from claims.identity.names import resolve_name
from claims.ingest import articles, pipeline
from claims.models import Appearance, Claim, Speaker
from claims.store import similarity
from tests.factories import ClaimFactory, SpeakerFactory, UserFactory

QUOTE = "We will cut harbour tolls for fishing boats by a third before the summer season starts"


def article(body: str, day: int = 3) -> str:
    return f"date 2024-06-{day:02}\nPort news {day}\n\n{body}\n\nThe board meets again in July.\n"


def store(text: str):
    return pipeline.store_article(articles.parse_text(text), raw=text)


# --- the decision, on its own -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "action"),
    [
        (
            "WE WILL CUT HARBOUR TOLLS for fishing boats, by a third - before the summer season starts!",
            "merge",
        ),
        ("cut harbour tolls for fishing boats by a third before the summer", "merge"),  # trimmed
        ("harbour tolls for fishing boats by a third", "merge"),  # partial, 8 words
        ("by a third", "suggest"),  # too short to merge
        ("We will raise harbour tolls for cargo ships by half after the winter", "none"),
    ],
)
def test_variants_of_a_quotation(variant, action):
    decision = similarity.decide(similarity.words(variant), similarity.words(QUOTE), same_speaker=True)
    assert decision.action == action, decision


def test_the_same_words_from_another_speaker_are_never_merged():
    decision = similarity.decide(similarity.words(QUOTE), similarity.words(QUOTE), same_speaker=False)
    assert decision.action == "suggest" and decision.score == 1.0


word = st.sampled_from("the port will cut tolls by a third for boats and ships this summer".split())


@given(st.lists(word, min_size=20, max_size=60), st.data())
def test_any_shared_run_long_enough_is_found_through_the_anchors(long, data):
    size = similarity.K + similarity.WINDOW - 1
    start = data.draw(st.integers(0, len(long) - size))
    run = long[start : start + data.draw(st.integers(size, len(long) - start))]
    assert similarity.query_anchors(run) & similarity.anchors(long)


# --- names ------------------------------------------------------------------------------------

KNOWN = ["Vladimir Putin", "Hillary Clinton", "Bill Clinton", "Maria Olsen"]


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Putin", "Vladimir Putin"),
        ("President Putin", "Vladimir Putin"),
        ("Mr. Vladimir Putin", "Vladimir Putin"),
        ("V. Putin", "Vladimir Putin"),
        ("VLADIMIR PUTIN", "Vladimir Putin"),
        ("H. Clinton", "Hillary Clinton"),
        ("Clinton", None),  # two Clintons: neither
        ("Mrs Clinton", None),
        ("Chelsea Clinton", None),  # a third person
        ("Olsen", "Maria Olsen"),
        ("Peter Olsen", None),
    ],
)
def test_names_resolve_to_the_one_person_they_can_only_mean(mention, expected):
    assert resolve_name(mention, KNOWN) == expected


@given(
    st.sampled_from(["Ms.", "Dr.", "Senator", ""]),
    st.sampled_from(KNOWN),
    st.sampled_from(["Aaron", "Zed", "B."]),
)
def test_a_resolved_name_always_has_the_mentions_surname(title, person, given):
    mention = f"{title} {given} {person.split()[-1]}".strip()
    resolved = resolve_name(mention, KNOWN)
    assert resolved is None or resolved.split()[-1] == person.split()[-1]


# --- ingestion ---------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_a_trimmed_quotation_from_the_same_speaker_joins_its_claim_with_the_reason():
    store(article(f'"{QUOTE}," Anders Holm, the port chairman, said on Monday.'))
    claims_before = Claim.objects.count()
    store(
        article(
            '"Cut harbour tolls for fishing boats by a third before the summer," Anders Holm said.', day=4
        )
    )
    assert Claim.objects.count() == claims_before
    claim = Claim.objects.get(text__contains="harbour tolls")
    matched = claim.appearances.get(match_score__isnull=False)
    assert matched.match_score >= similarity.MERGE_AT and "same speaker" in matched.match_reason
    # Reversible: the editor splits it off again.
    editor = UserFactory(username="splitter")
    editor.user_permissions.add(*Permission.objects.filter(codename="change_claim"))
    workflow.claim_split(claim_id=claim.pk, appearance_ids=[matched.pk], user=editor)
    assert Claim.objects.count() == claims_before + 1


def test_the_same_words_from_someone_else_stay_another_claim():
    store(article(f'"{QUOTE}," Anders Holm, the port chairman, said on Monday.'))
    store(article(f'"{QUOTE}," Maria Olsen, a fleet spokeswoman, said.', day=4))
    assert Claim.objects.filter(text__contains="harbour tolls").count() == 2


def test_a_short_quotation_is_never_merged():
    store(article('"We will cut the tolls," Anders Holm, the port chairman, said on Monday.'))
    store(article('"We will cut tolls," Anders Holm said.', day=4))
    assert Claim.objects.filter(text__icontains="tolls").count() == 2


def test_a_surname_alone_is_the_one_known_person_of_that_name():
    store(article('"The fleet cannot wait any longer," Maria Olsen, a fleet spokeswoman, said.'))
    store(article('"Three boats have already left the harbour this spring," Olsen said.', day=4))
    assert list(Speaker.objects.filter(name__contains="Olsen").values_list("name", flat=True)) == [
        "Maria Olsen"
    ]
    assert Claim.objects.filter(speaker__name="Maria Olsen").count() == 2


def test_namesakes_stay_apart():
    SpeakerFactory(name="Hillary Clinton")
    SpeakerFactory(name="Bill Clinton")
    store(article('"The harbour deal is a good one for everybody involved," Clinton said.'))
    speaker = Claim.objects.get(text__contains="harbour deal").speaker
    assert speaker.name == "Clinton"  # neither Hillary nor Bill: a speaker of its own, for editors to merge


# --- similar-claim search ------------------------------------------------------------------------


def test_similar_claims_in_the_api_and_on_the_claim_page(admin_client):
    from django.test import Client

    client = Client()  # anonymous (admin_client is the same object as the `client` fixture)
    holm = SpeakerFactory(name="Anders Holm")
    checked = ClaimFactory(text=f'"{QUOTE},"', speaker=holm, state="published", verdict_id=2)
    draft = ClaimFactory(
        text='"harbour tolls for fishing boats by a third before the summer, and fees next year,"',
        speaker=holm,
    )
    ClaimFactory(text='"Rail fares are frozen until next year,"')
    from claims.store import matching

    matching.index((c.pk, c.text, c.speaker_id) for c in Claim.objects.all())
    response = client.get(
        "/api/claims/similar/", {"text": "cut harbour tolls for fishing boats by a third", "speaker": holm.pk}
    )
    assert response.status_code == 200
    body = response.json()
    assert [row["claim"]["id"] for row in body] == [checked.pk]  # anonymous: the published claim only
    assert body[0]["would_merge"] is True and 0.5 < body[0]["score"] <= 1
    assert client.get("/api/claims/similar/").status_code == 400  # text is required
    page = admin_client.get(f"/admin/claims/claim/{draft.pk}/change/").content.decode()
    assert "already checked?" in page.lower() and f"/admin/claims/claim/{checked.pk}/change/" in page
    assert "verdict: Mostly false" in page


def test_index_claims_command_indexes_what_is_missing(capsys):
    from django.core.management import call_command

    from claims.models import ClaimAnchor

    ClaimFactory.create_batch(3)
    call_command("index_claims")
    assert "3 claims indexed" in capsys.readouterr().out
    assert ClaimAnchor.objects.values("claim").distinct().count() == 3
    call_command("index_claims")
    assert "0 claims indexed" in capsys.readouterr().out


def test_a_newsrooms_speaker_list_is_imported_and_used_by_ingestion(tmp_path, capsys):
    from django.core.management import call_command

    known = SpeakerFactory(name="Anders Holm")
    path = tmp_path / "people.csv"
    path.write_text(
        "name,kind,aliases,wikidata_id,description\n"
        "Maria Olsen,person,Fleet spokeswoman Olsen|M. K. Olsen,Q4242,Fleet spokeswoman\n"
        "Anders Holm,person,Harbour Master Holm,,Port chairman\n"
        "Port Authority of Alden,organisation,PAA;the port authority,,\n"
        "Nobody,robot,,,\n"
        ",person,,,\n",
        encoding="utf-8",
    )
    call_command("import_speakers", str(path))
    out, err = capsys.readouterr()
    assert "2 created, 1 completed, 2 refused, of 5 rows" in out
    assert "row 4: kind must be one of" in err and "row 5:" in err
    known.refresh_from_db()
    assert known.description == "Port chairman" and known.aliases == ["Harbour Master Holm"]
    olsen = Speaker.objects.get(name="Maria Olsen")
    assert olsen.wikidata_id == "Q4242" and set(olsen.aliases) == {"Fleet spokeswoman Olsen", "M. K. Olsen"}
    # The same file again completes nothing new and duplicates nobody.
    call_command("import_speakers", str(path))
    assert "0 created, 3 completed" in capsys.readouterr().out
    assert Speaker.objects.count() == 3  # Holm, Olsen and the port authority
    store(article('"The quota talks must start again this autumn," M. K. Olsen said.'))
    assert Claim.objects.get(text__contains="quota talks").speaker == olsen


def test_a_json_speaker_list(tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "people.json"
    path.write_text(
        '[{"name": "Lena Keller", "aliases": ["L. Keller"], "wikidata_id": "Q77"}]', encoding="utf-8"
    )
    call_command("import_speakers", str(path))
    assert "1 created" in capsys.readouterr().out
    assert Speaker.objects.get(wikidata_id="Q77").name == "Lena Keller"


def test_reported_speech_paraphrasing_a_quotation_links_to_it():
    store(article(f'"{QUOTE}," Anders Holm, the port chairman, said on Monday.'))
    store(
        article(
            "Anders Holm, the port chairman, said that he would cut harbour tolls for fishing boats by a third "
            "before the summer season.",
            day=4,
        )
    )
    quotation = Claim.objects.get(kind="direct", text__contains="harbour tolls")
    reported = Claim.objects.get(kind="indirect", text__contains="harbour tolls")
    assert reported.paraphrase_of == quotation and reported.paraphrase_score >= similarity.PARAPHRASE_AT
    assert Claim.objects.filter(text__contains="harbour tolls").count() == 2  # linked, not merged


def test_a_different_reported_statement_is_not_linked():
    store(article(f'"{QUOTE}," Anders Holm, the port chairman, said on Monday.'))
    store(
        article(
            "Anders Holm, the port chairman, said that the rail line would close for repairs in winter.",
            day=4,
        )
    )
    assert not Claim.objects.filter(paraphrase_of__isnull=False).exists()


def test_after_an_editor_corrects_the_speaker_variants_follow_the_claim():
    store(article(f'"{QUOTE}," the chairman said on Monday.'))  # no name: no speaker
    claim = Claim.objects.get(text__contains="harbour tolls")
    holm = SpeakerFactory(name="Anders Holm")
    editor = UserFactory(username="corrector")
    editor.user_permissions.add(*Permission.objects.filter(codename="change_claim"))
    workflow.claim_edit(claim_id=claim.pk, changes={"speaker": holm}, user=editor)
    store(
        article(
            '"Cut harbour tolls for fishing boats by a third before the summer," Anders Holm said.', day=4
        )
    )
    assert Claim.objects.filter(text__contains="harbour tolls").count() == 1
    assert claim.appearances.count() == 2


def test_people_sharing_a_surname_are_told_apart_by_the_role_the_article_gives():
    hillary = SpeakerFactory(name="Hillary Clinton", description="former secretary of state")
    bill = SpeakerFactory(name="Bill Clinton", description="former president, husband of Hillary Clinton")
    store(
        article(
            '"The harbour deal is a good one for all of us," Clinton, the former secretary of state, said.'
        )
    )
    assert Claim.objects.get(text__contains="harbour deal").speaker == hillary
    store(
        article('"Fishing crews deserve lower tolls this year," Clinton, the former president, said.', day=4)
    )
    assert Claim.objects.get(text__contains="Fishing crews").speaker == bill


def test_a_speaker_split_by_an_editor_is_used_by_the_next_article(client):
    from django.contrib.auth.models import Group

    editor = UserFactory(username="splitter2", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    editor.user_permissions.add(*Permission.objects.filter(codename="add_speaker"))
    client.force_login(editor)
    store(
        article('"The mayor will repave the harbour road next spring," John Smith, the mayor of Alden, said.')
    )
    store(
        article(
            '"We will win the league cup again this season," John Smith, the United striker, said.', day=4
        )
    )
    smith = Speaker.objects.get(name="John Smith")
    footballer = Claim.objects.get(text__contains="league cup")
    claims_before, appearances_before = Claim.objects.count(), Appearance.objects.count()
    response = client.post(
        f"/admin/claims/speaker/{smith.pk}/split/",
        {"name": "John Smith", "description": "United striker", "claims": [footballer.pk]},
    )
    assert response.status_code == 302
    striker = Speaker.objects.get(homonym_of=smith)
    assert (Claim.objects.count(), Appearance.objects.count()) == (claims_before, appearances_before)
    footballer.refresh_from_db()
    assert footballer.speaker == striker
    assert footballer.events.get().action == "speaker_split"
    # Next articles: the role decides which John Smith.
    store(article('"Our defence was far too slow today," John Smith, the United striker, said.', day=5))
    store(article('"Harbour parking fees will rise in May," John Smith, the mayor, said.', day=6))
    assert Claim.objects.get(text__contains="defence").speaker == striker
    assert Claim.objects.get(text__contains="parking fees").speaker == smith


@given(st.lists(word, max_size=30), st.lists(word, max_size=30))
def test_the_cheap_bound_never_underestimates_the_score(a, b):
    assert similarity.containment(a, b) <= similarity.overlap_bound(a, b) + 1e-9


@pytest.mark.parametrize(
    ("name", "kind", "why"),
    [
        ("Mina Vale", "bogus", "“bogus” is not a kind of speaker"),
        ("Mina\x00Vale", "person", "control character (U+0000)"),
        ("Mina\x1bVale", "person", "control character (U+001B)"),
        ("!!!", "person", "has no letters"),
        ("M" * 301, "person", "at most 300 characters"),
    ],
)
def test_a_new_speaker_that_could_not_be_stored_is_refused_in_words(name, kind, why):
    from django.core.exceptions import ValidationError

    from claims.identity import resolution

    with pytest.raises(ValidationError, match=re.escape(why)):
        resolution.new_speaker(name=name, kind=kind)
    assert not Speaker.objects.exists()


# --- short forms an article spells out ---------------------------------------------------------
VOSSBERG = (
    "Vossberg showed a new electric van at the harbour fair. Vossberg has built six of them.\n\n"
    "VB says the van could reach the island market in 2026, if buyers want it."
)


@pytest.mark.django_db
def test_an_organisations_short_form_becomes_its_alias_for_later_articles():
    store(article(VOSSBERG))
    speaker = Speaker.objects.get(name="Vossberg")
    assert speaker.kind == Speaker.Kind.ORGANISATION
    assert speaker.aliases == ["VB"]
    store(article("VB said the ferry company would buy three of the vans before the summer.", day=4))
    later = Claim.objects.get(text__contains="buy three of the vans")
    assert later.speaker == speaker


@pytest.mark.django_db
def test_a_short_form_that_is_already_a_speakers_name_stays_that_speaker():
    other = SpeakerFactory(name="VB", kind=Speaker.Kind.ORGANISATION)
    store(article(VOSSBERG))
    assert Speaker.objects.get(name="Vossberg").aliases == []
    assert Claim.objects.get(text__contains="reach the island market").speaker != other
