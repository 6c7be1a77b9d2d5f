"""kg serve: the Oxigraph SPARQL server, read-only, over the store that kg build writes, until Ctrl-C.

The server is the `oxigraph` command of the PyPI package of that name: it speaks the SPARQL 1.1 protocol at
/query in every W3C result format and reads the store while other readers read it. This module checks what a
user can get wrong before starting it (the address, the store), so that each mistake is one numbered line,
makes the union of the named graphs (one per article) the default graph, and turns the way it ends into an
exit code.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
from pathlib import Path
from typing import Callable, TextIO

from kg.errors import KgError

# HOST:PORT, the host a name, an IPv4 address or an IPv6 address in brackets.
BIND = re.compile(r"(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s:\[\]]+):(?P<port>[0-9]{1,5})")
LISTENING = re.compile(r"Listening for requests at (\S+)")
# anyhow prints a stack trace under each error when RUST_BACKTRACE is set: its first line is what a user needs.
QUIET_RUST = {"RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}


def serve_store(store: Path, bind: str, timeout: int, say: Callable[[str], None]) -> None:
    """Serve the store read-only at bind until Ctrl-C or SIGTERM; raise KgError if it cannot start or stops.

    A query that runs longer than timeout seconds (0: no limit) is cancelled: the server goes on evaluating a
    query whose client has gone away.
    """
    host, port = parse_bind(bind)
    check_store(store)
    check_address(host, port, bind)
    command = [find_server(), "serve-read-only", "--location", str(store), "--bind", bind, "--union-default-graph"]
    if timeout:
        command += ["--timeout-s", str(timeout)]
    # Ctrl-C stops the server even when a script started it in the background, where a shell ignores SIGINT;
    # SIGTERM stops it the same way, so that the server process never outlives this one.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    server = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=sys.stderr, stderr=subprocess.PIPE,
                              env={**os.environ, **QUIET_RUST}, text=True, errors="replace")
    try:
        url = wait_until_listening(server)
        say(f"answering SPARQL queries at {url}/query from {store} (read-only); Ctrl-C stops")
        # What the server says from now on (errors of its own) goes on to our stderr, and never fills the pipe.
        threading.Thread(target=relay, args=(server.stderr,), daemon=True).start()
        status = server.wait()
    except KeyboardInterrupt:
        return
    finally:
        server.terminate()
        server.wait()
    # A terminal's Ctrl-C reaches the server too: it may die of it just before we see the interrupt.
    if status != -signal.SIGINT:
        raise KgError("E615", detail=ending(status))


def parse_bind(bind: str) -> tuple[str, int]:
    """Split HOST:PORT into the host (without the brackets of an IPv6 address) and a port from 1 to 65535."""
    match = BIND.fullmatch(bind)
    if not match or not 1 <= int(match["port"]) <= 65535:
        raise KgError("E613", value=bind)
    return match["host"].strip("[]"), int(match["port"])


def check_store(store: Path) -> None:
    """Refuse a store directory that is missing or empty, or that Oxigraph cannot open; wait for a build writing it."""
    from kg.store import opened_for_reading

    with opened_for_reading(store):
        pass


def check_address(host: str, port: int, bind: str) -> None:
    """Refuse an address the server could not listen on: an unknown host, a port taken or not ours to use."""
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as err:
        raise KgError("E614", bind=bind, detail=f"unknown host {host} ({err.strerror})") from None
    failures = []
    # The server listens on the first address that it can bind, as this probe does.
    for family, kind, protocol, _, address in addresses:
        with socket.socket(family, kind, protocol) as probe:
            # The server reuses addresses, so that connections closing on the port do not count as a listener.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
                return
            except OSError as err:
                failures.append(err)
    err = failures[0]
    detail = "the port is taken (another server listens there)" if err.errno == errno.EADDRINUSE else err.strerror
    raise KgError("E614", bind=bind, detail=detail)


def find_server() -> str:
    """Return the oxigraph command installed with this Python's packages, else the one on the PATH."""
    beside = Path(sysconfig.get_path("scripts")) / "oxigraph"
    program = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if program is None:
        raise KgError("E616")
    return program


def wait_until_listening(server: subprocess.Popen) -> str:
    """Read the server's stderr until it listens and return its URL; raise E615 with its error if it ends first."""
    said = []
    for line in server.stderr:
        listening = LISTENING.search(line)
        if listening:
            return listening.group(1)
        said.append(line)
    errors = [line.removeprefix("Error: ") for line in said if line.startswith("Error: ")]
    raise KgError("E615", detail=first_line(errors[0]) if errors else ending(server.wait()))


def relay(stream: TextIO) -> None:
    """Pass on each line the server writes to its stderr, as it comes."""
    for line in stream:
        sys.stderr.write(line)
        sys.stderr.flush()


def ending(status: int) -> str:
    """Say how the server process ended, from its return code."""
    if status < 0:
        return f"killed by signal {signal.Signals(-status).name}"
    return f"exit status {status}"


def first_line(text: str) -> str:
    """Keep the first line of a message."""
    return text.strip().split("\n")[0]
