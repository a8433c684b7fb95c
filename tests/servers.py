"""HTTP servers on 127.0.0.1 that the tests start (feeds, articles, redirects, errors), serving
documents written here: one Server class, and the `http_server` fixture (tests/conftest.py) that
starts one and stops it at once when the test ends."""

import gzip
import http.server
import threading
import time
from collections.abc import Callable


class Route:
    def __init__(self, status=200, body: bytes = b"", content_type="text/html; charset=utf-8", headers=None):
        self.status, self.body, self.content_type = status, body, content_type
        self.headers = headers or {}

    def respond(self, handler: "Handler") -> None:
        handler.send_response(self.status)
        if self.content_type:
            handler.send_header("Content-Type", self.content_type)
        for name, value in self.headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(self.body)))
        handler.end_headers()
        handler.wfile.write(self.body)


class Conditional(Route):
    """Answers 304 to a request carrying its ETag."""

    def respond(self, handler):
        if handler.headers.get("If-None-Match") == self.headers.get("ETag"):
            handler.send_response(304)
            handler.send_header("ETag", self.headers["ETag"])
            handler.end_headers()
            return
        super().respond(handler)


class Slow(Route):
    """Sends its headers, then nothing for `seconds`."""

    def __init__(self, seconds: float, **kwargs):
        super().__init__(**kwargs)
        self.seconds = seconds

    def respond(self, handler):
        handler.send_response(200)
        handler.send_header("Content-Type", self.content_type)
        handler.end_headers()
        time.sleep(self.seconds)
        handler.wfile.write(self.body)


class Gzipped(Route):
    def respond(self, handler):
        body = gzip.compress(self.body)
        handler.send_response(200)
        handler.send_header("Content-Type", self.content_type)
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


class Handler(http.server.BaseHTTPRequestHandler):
    server: "Server"

    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        route = self.server.routes.get(self.path.split("?")[0])
        if callable(route) and not isinstance(route, Route):
            route = route()
        (route or Route(404, b"not found", "text/plain")).respond(self)

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.server.posts.append((self.path, dict(self.headers), self.rfile.read(length)))
        route = self.server.routes.get(self.path.split("?")[0])
        if callable(route) and not isinstance(route, Route):
            route = route()
        (route or Route(404, b"not found", "text/plain")).respond(self)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route | Callable[[], Route]]):
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes = routes
        self.requests: list[tuple[str, dict]] = []
        self.posts: list[tuple[str, dict, bytes]] = []  # (path, headers, body) of each POST
        self.base = f"http://127.0.0.1:{self.server_port}"

    def __enter__(self):
        # A short poll: shutdown() waits for the loop's next turn, half a second by default.
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]
