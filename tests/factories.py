import hashlib

import factory
from django.contrib.auth import get_user_model

from claims.identity.names import name_key, surname_key
from claims.models import Appearance, Claim, IngestJob, Publisher, Source, Speaker
from claims.retrieval import service as retrieval


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"Example News {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Story {n}")
    text = factory.Sequence(lambda n: f'Story {n}.\n\n"We will win," Jane Doe said on Monday.')
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.text.encode()).hexdigest())
    publisher = factory.SubFactory(PublisherFactory)
    raw_format = "text"
    extractor_version = "test"


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker Number{n}")
    name_key = factory.LazyAttribute(lambda o: name_key(o.name))
    surname_key = factory.LazyAttribute(lambda o: surname_key(o.name))


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim
        skip_postgeneration_save = True

    text = factory.Sequence(lambda n: f'"Statement number {n} is true,"')
    speaker = factory.SubFactory(SpeakerFactory)
    stance = Claim.Stance.ASSERTED
    fingerprint = factory.LazyAttribute(
        lambda o: Claim.fingerprint_of(
            text=o.text, speaker_key=o.speaker.name_key if o.speaker else "", stance=o.stance
        )
    )
    kind = Claim.Kind.DIRECT

    @factory.post_generation
    def indexed(claim, create, extracted, **kwargs):
        """Indexed for search, as ingestion indexes the claims it stores (indexed=False: not)."""
        if create and extracted is not False:
            retrieval.index_claims(claim_ids=[claim.pk])


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    text = factory.LazyAttribute(lambda o: o.claim.text)
    start = 0
    end = factory.LazyAttribute(lambda o: len(o.text))


class IngestJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IngestJob

    kind = IngestJob.Kind.TEXT
    payload = b"placeholder"
