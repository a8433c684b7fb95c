"""Why an ingest job could not finish, split by whether trying again can help."""


class IngestError(Exception):
    """Base class: the message is shown to editors on the job, so it must read as a sentence."""


class UnusableInput(IngestError):
    """The input itself is the problem (empty, binary, too large, no article): do not retry."""


class TemporaryFailure(IngestError):
    """The network or a server failed us this time: retry with backoff."""
