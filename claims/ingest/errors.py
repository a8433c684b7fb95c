"""Why an ingest job could not finish, split by whether trying again can help."""


class IngestError(Exception):
    """Base class: the message is shown on the job to editors and API clients, so it must read as
    a sentence and name nothing internal; `detail`, for the log and the admin, may (the address a
    refused host resolved to)."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail or message


class UnusableInput(IngestError):
    """The input itself is the problem (empty, binary, too large, no article): do not retry."""


class TemporaryFailure(IngestError):
    """The network or a server failed us this time: retry with backoff."""
