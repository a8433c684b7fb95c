"""New claims matched against editors' subscriptions: each editor who follows the claim's speaker,
a publisher or feed it appeared through, or a saved search it matches, finds it once in their
inbox (however many of their subscriptions match), and by email."""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction

from claims.models import Appearance, Claim, IngestJob, Notification, Subscription
from claims.notify import inbox

_WORD = re.compile(r"\w+")


def words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text).casefold()
    return set(_WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch))))


def matching_search(query: str, claim: Claim) -> bool:
    """A saved search matches a claim whose statement and speaker's name hold every word of it."""
    wanted = words(query)
    speaker = claim.speaker.name if claim.speaker is not None else ""
    return bool(wanted) and wanted <= words(f"{claim.text} {speaker}")


def notify_new_claims(*, claim_ids: Iterable[int]) -> list[Notification]:
    """Tell subscribers of these new claims (call it once they are committed); the notifications
    made. A claim already notified to an editor is not notified to them again."""
    # Subscriptions first: with none (the usual case for a worker storing articles), the new
    # claims are never read.
    subscriptions = list(Subscription.objects.select_related("user", "speaker", "publisher", "feed"))
    if not subscriptions:
        return []
    claims = list(Claim.objects.select_related("speaker").filter(pk__in=list(claim_ids)))
    if not claims:
        return []
    ids = [c.pk for c in claims]
    publishers: dict[int, set[int]] = defaultdict(set)
    sources: dict[int, set[int]] = defaultdict(set)
    for claim_id, source_id, publisher_id in Appearance.objects.filter(claim_id__in=ids).values_list(
        "claim_id", "source_id", "source__publisher_id"
    ):
        sources[claim_id].add(source_id)
        if publisher_id is not None:
            publishers[claim_id].add(publisher_id)
    feeds_of_source: dict[int, set[int]] = defaultdict(set)
    all_sources = {s for ss in sources.values() for s in ss}
    for source_id, feed_id in IngestJob.objects.filter(
        source_id__in=all_sources, feed__isnull=False
    ).values_list("source_id", "feed_id"):
        feeds_of_source[source_id].add(feed_id)

    def matches(subscription: Subscription, claim: Claim) -> bool:
        kind = subscription.kind
        if kind == Subscription.Kind.SPEAKER:
            return claim.speaker_id == subscription.speaker_id
        if kind == Subscription.Kind.PUBLISHER:
            return subscription.publisher_id in publishers[claim.pk]
        if kind == Subscription.Kind.FEED:
            return any(subscription.feed_id in feeds_of_source[s] for s in sources[claim.pk])
        return matching_search(subscription.query, claim)

    # New claims are drafts: only those who may see them are told of them (Claim.is_visible_to).
    wanted: dict[tuple[int, int], Notification] = {}
    for claim in claims:
        for subscription in subscriptions:
            key = (subscription.user_id, claim.pk)
            if (
                key in wanted
                or not claim.is_visible_to(subscription.user)
                or not matches(subscription, claim)
            ):
                continue
            wanted[key] = Notification(
                user_id=subscription.user_id,
                claim=claim,
                reason=Notification.Reason.MATCH,
                subscription=subscription,
                message=f"New claim from the {subscription.subject} you follow: {inbox.short(claim)}"[:500],
            )
    if not wanted:
        return []
    already = set(
        Notification.objects.filter(
            reason=Notification.Reason.MATCH, claim_id__in=ids, user_id__in={u for u, _ in wanted}
        ).values_list("user_id", "claim_id")
    )
    new = [n for key, n in wanted.items() if key not in already]
    with transaction.atomic():
        # ignore_conflicts: another worker telling of the same claim at the same moment wins.
        Notification.objects.bulk_create(new, ignore_conflicts=True)
    made = list(
        Notification.objects.filter(
            reason=Notification.Reason.MATCH, claim_id__in=ids, emailed_at__isnull=True
        ).values_list("pk", flat=True)
    )
    inbox.email(made)
    return new
