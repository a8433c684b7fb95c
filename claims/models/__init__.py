"""The app's models, split by stage (as Zulip splits zerver/models/), each module with the rules
of its rows on its models and querysets:

- validation: what text people write may hold; the ids a URL may name.
- visibility: who may see drafts (may_see_drafts), the one rule every visible_to applies.
- sources: publishers, sources, a transcript's turns, near-duplicate sketches.
- speakers: speakers and their aliases.
- claims: claims (their fingerprint, the published rule, the workflow's table), the verdict
  scale, anchors and appearances.
- curation: the audit history (ClaimEvent) and public corrections.
- ingestion: ingest jobs, feeds, per-host fetch turns.
- search: a claim's search entry; other fact-checkers' reviews and their links to claims.
- notifications: subscriptions, the inbox, webhooks and their deliveries.
- tokens: API keys.

Every model is imported here: `from claims.models import Claim` is how code reads them, and the
app label ("claims") and the migrations are the same as when they were one module.
"""

from claims.models.claims import (
    IS_PUBLISHED,
    KIND_CHOICES,
    NEXT_STATES,
    STANCE_CHOICES,
    Appearance,
    Claim,
    ClaimAnchor,
    ClaimKind,
    ClaimQuerySet,
    ClaimStance,
    ClaimState,
    Rating,
)
from claims.models.curation import ClaimEvent, ClaimEventAction, Correction
from claims.models.ingestion import (
    Feed,
    FeedKind,
    HostTurn,
    IngestJob,
    IngestJobQuerySet,
    JobKind,
    JobState,
    without_credentials,
)
from claims.models.notifications import (
    Notification,
    Subscription,
    Webhook,
    WebhookDelivery,
    WebhookEvent,
    _sealed_webhook_secret,
    _webhook_secret,
)
from claims.models.search import (
    ClaimSearchEntry,
    ExternalReview,
    ExternalReviewLink,
    ExternalReviewLinkQuerySet,
    ExternalReviewQuerySet,
)
from claims.models.sources import (
    Publisher,
    PublisherDomain,
    PublisherQuerySet,
    Source,
    SourceQuerySet,
    SourceSketch,
    Turn,
    moment_link,
)
from claims.models.speakers import Speaker, SpeakerAlias, SpeakerQuerySet
from claims.models.tokens import ApiToken
from claims.models.validation import CONTROL_CHARACTERS, MAX_ID, printable, validate_plain_text, within_ids
from claims.models.visibility import Viewer, may_see_drafts

__all__ = [
    "CONTROL_CHARACTERS",
    "IS_PUBLISHED",
    "KIND_CHOICES",
    "MAX_ID",
    "NEXT_STATES",
    "STANCE_CHOICES",
    "ApiToken",
    "Appearance",
    "Claim",
    "ClaimAnchor",
    "ClaimEvent",
    "ClaimEventAction",
    "ClaimKind",
    "ClaimQuerySet",
    "ClaimSearchEntry",
    "ClaimStance",
    "ClaimState",
    "Correction",
    "ExternalReview",
    "ExternalReviewLink",
    "ExternalReviewLinkQuerySet",
    "ExternalReviewQuerySet",
    "Feed",
    "FeedKind",
    "HostTurn",
    "IngestJob",
    "IngestJobQuerySet",
    "JobKind",
    "JobState",
    "Notification",
    "Publisher",
    "PublisherDomain",
    "PublisherQuerySet",
    "Rating",
    "Source",
    "SourceQuerySet",
    "SourceSketch",
    "Speaker",
    "SpeakerAlias",
    "SpeakerQuerySet",
    "Subscription",
    "Turn",
    "Viewer",
    "Webhook",
    "WebhookDelivery",
    "WebhookEvent",
    "_sealed_webhook_secret",
    "_webhook_secret",
    "may_see_drafts",
    "moment_link",
    "printable",
    "validate_plain_text",
    "within_ids",
    "without_credentials",
]
