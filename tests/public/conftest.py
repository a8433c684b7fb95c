import datetime as dt
import hashlib

import pytest
from django.utils import timezone

from claims.models import Claim, Rating
from tests.factories import AppearanceFactory, ClaimFactory, SourceFactory, SpeakerFactory

ARTICLE = (
    "Budget day.\n\n"
    '"Harbour tolls will fall by a third," the minister, Ada Quill, said.\n\n'
    '"Draft words nobody may see yet," Ada Quill added.'
)


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


@pytest.fixture
def record(db):
    """One article with a published claim and an unpublished one by the same speaker, plus a
    speaker and a source that have only drafts."""
    speaker = SpeakerFactory(name="Ada Quill")
    source = SourceFactory(
        title="Budget day", text=ARTICLE, content_hash=hashlib.sha256(ARTICLE.encode()).hexdigest()
    )
    published = ClaimFactory(
        text="Harbour tolls will fall by a third,",
        speaker=speaker,
        state=Claim.State.PUBLISHED,
        verdict=Rating.objects.get(value=2),
        verdict_explanation="Tolls fall by a quarter, not a third.",
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    start, end = _span(ARTICLE, published.text)
    AppearanceFactory(
        claim=published, source=source, text=published.text, start=start, end=end, role="minister"
    )
    drafts = []
    for state in (Claim.State.NEW, Claim.State.ACCEPTED, Claim.State.REVIEWED, Claim.State.REJECTED):
        draft = ClaimFactory(text=f"Draft words nobody may see yet ({state}),", speaker=speaker, state=state)
        drafts.append(draft)
    start, end = _span(ARTICLE, "Draft words nobody may see yet,")
    AppearanceFactory(
        claim=drafts[0], source=source, text="Draft words nobody may see yet,", start=start, end=end
    )
    hidden_speaker = SpeakerFactory(name="Hidden Person")
    hidden_claim = ClaimFactory(text="Secret plan words,", speaker=hidden_speaker, state=Claim.State.REVIEWED)
    hidden_source = AppearanceFactory(claim=hidden_claim).source
    return {
        "speaker": speaker,
        "source": source,
        "published": published,
        "drafts": drafts,
        "hidden_speaker": hidden_speaker,
        "hidden_claim": hidden_claim,
        "hidden_source": hidden_source,
    }
