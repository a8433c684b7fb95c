"""A fetch ends: a total deadline however slowly a server sends, and a body shorter than its
Content-Length is an error, not an article. Servers here run on 127.0.0.1."""

import socket
import threading
import time

import pytest

from claims.ingest import fetching
from claims.ingest.errors import TemporaryFailure

LOCAL = fetching.parse_networks(["127.0.0.1/32"])


class RawServer:
    """Answers every connection with `reply(connection)`: byte by byte when it likes."""

    def __init__(self, reply):
        self.reply = reply
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn):
        try:
            conn.recv(65536)
            self.reply(conn, self.stop)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self):
        self.stop.set()
        self.sock.close()


@pytest.fixture
def raw_server():
    servers = []

    def start(reply):
        server = RawServer(reply)
        servers.append(server)
        return f"http://127.0.0.1:{server.port}/page"

    yield start
    for server in servers:
        server.close()


def drip(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
    while not stop.is_set():
        conn.sendall(b"a")
        time.sleep(0.2)


def drip_headers(conn, stop):
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 10000:
        if stop.is_set():
            return
        conn.sendall(bytes([byte]))
        time.sleep(0.2)


def short(conn, stop):
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\nonly this much")


def get(url, **options):
    return fetching.fetch(
        url, timeout=5, max_bytes=1024 * 1024, user_agent="test", allowed_networks=LOCAL, **options
    )


@pytest.mark.parametrize("reply", [drip, drip_headers], ids=["body", "headers"])
def test_a_server_sending_a_byte_at_a_time_is_cut_off_at_the_total_deadline(raw_server, reply):
    url = raw_server(reply)
    started = time.monotonic()
    with pytest.raises(TemporaryFailure, match="took longer than 1 seconds in all"):
        get(url, total_timeout=1)
    # Each byte came well within the 5 s read timeout: only the deadline could end it.
    assert time.monotonic() - started < 4


def test_a_body_shorter_than_its_content_length_is_an_error(raw_server):
    url = raw_server(short)
    with pytest.raises(TemporaryFailure, match="closed after 14 of the 5000 bytes"):
        get(url, total_timeout=10)


def test_the_total_deadline_is_a_setting(settings):
    assert settings.CLAIMS_FETCH_TOTAL_TIMEOUT == 60
