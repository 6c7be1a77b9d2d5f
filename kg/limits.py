"""Run the work of kg query in a child process within a time and a memory limit, passing on its output as it comes.

pyoxigraph evaluates in Rust and cannot be cancelled, rdflib's parser can spend minutes on a long query, and a
hostile query or graph can exhaust the memory or the stack. A child process can be killed at the deadline, the
kernel caps its memory, and if a parser crashes it dies alone: the parent turns each of those ends into one
numbered line. The child forks from the parent after its imports, so the isolation costs a few milliseconds.
"""

from __future__ import annotations

import marshal
import math
import os
import resource
import select
import signal
import sys
import threading
import time
from dataclasses import dataclass
from typing import BinaryIO, Callable, NoReturn

from kg.errors import KgError

# pyoxigraph's parser and optimizer recurse once per operand of a chain (`a/b/c`, `1 + 2 + 3`, a join of many
# triple patterns), about 3.2 kB of stack each: the work runs on a thread whose stack holds the longest query
# kg query accepts several times over. It is reserved, not used: the kernel gives it pages as they are touched.
WORKER_STACK = 256 * 2**20
# rdflib's parser recurses in Python, about ten frames per triple pattern of a group.
RECURSION_LIMIT = 200_000
CHUNK = 65536
MEGABYTE = 10**6
# What Rust prints when an allocation fails, just before it aborts the process.
RUST_OUT_OF_MEMORY = b"memory allocation of "
STDERR_KEPT = 65536
# poll() takes milliseconds in a C int: a longer wait is taken in turns.
POLL_LIMIT = 3600.0


@dataclass
class Child:
    """A forked child process, and its wait status once it has ended and been reaped."""

    pid: int
    status: int | None = None

    def ended(self) -> bool:
        """Reap the child if it has ended, without waiting; tell whether it has."""
        if self.status is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
        return self.status is not None

    def wait(self) -> int:
        """Wait for the child to end and return its wait status."""
        if self.status is None:
            self.status = os.waitpid(self.pid, 0)[1]
        return self.status

    def stop(self) -> None:
        """Kill the child unless it has ended, and reap it."""
        if self.status is None:
            os.kill(self.pid, signal.SIGKILL)
            self.wait()


def run_limited(work: Callable[[BinaryIO], int], out: BinaryIO, source: str, seconds: float | None,
                megabytes: int | None) -> int:
    """Run work(stream) in a child process, copy what it writes to out as it comes, and return the exit code it returns.

    A KgError raised by the work is raised here; the limits raise E431 (time) and E432 (memory), and a child that
    dies in any other way E415. The time counts from the fork to the end of the work, output included.
    """
    deadline = time.monotonic() + seconds if seconds else None
    try:
        data_read, data_write = os.pipe()
        report_read, report_write = os.pipe()
        stderr_read, stderr_write = os.pipe()
        pid = os.fork()
    except OSError as err:  # too many processes or open files: the process exits right after the message
        raise KgError("E415", source=source, detail=f"it cannot start: {err.strerror or err}") from None
    if pid == 0:
        for fd in (data_read, report_read, stderr_read):
            os.close(fd)
        run_child(work, data_write, report_write, stderr_write, seconds, megabytes)
    for fd in (data_write, report_write, stderr_write):
        os.close(fd)
    child = Child(pid)
    try:
        report, stderr = relay(child, data_read, report_read, stderr_read, out, deadline, source, seconds)
        status = child.wait()
    finally:
        child.stop()  # after the deadline, an interrupt or a reader that went away
        for fd in (data_read, report_read, stderr_read):
            os.close(fd)
    return outcome(report, stderr, status, source, megabytes)


def relay(child: Child, data: int, report: int, stderr: int, out: BinaryIO, deadline: float | None, source: str,
          seconds: float | None) -> tuple[bytes, bytes]:
    """Copy the child's output to out until all its pipes close; return its report and the end of its stderr."""
    poller = select.poll()
    for fd in (data, report, stderr):
        poller.register(fd, select.POLLIN)
    open_pipes = {data, report, stderr}
    kept = {report: b"", stderr: b""}
    while open_pipes:
        wait = None
        if deadline is not None and not child.ended():  # once the work has ended, what it wrote is drained
            wait = deadline - time.monotonic()
            if wait <= 0:
                raise KgError("E431", source=source, seconds=f"{seconds:g}")
        for fd, _ in poller.poll(None if wait is None else math.ceil(min(wait, POLL_LIMIT) * 1000)):
            chunk = os.read(fd, CHUNK)
            if not chunk:
                poller.unregister(fd)
                open_pipes.discard(fd)
            elif fd == data:
                write_all(out, chunk)
            else:
                kept[fd] = (kept[fd] + chunk)[-STDERR_KEPT:] if fd == stderr else kept[fd] + chunk
    return kept[report], kept[stderr]


def write_all(out: BinaryIO, data: bytes) -> None:
    """Write all of data to standard output and flush, so that a reader sees each row as it comes."""
    # Under PYTHONUNBUFFERED, stdout is a raw file whose write may take only part of the data.
    remaining = memoryview(data)
    try:
        while remaining:
            remaining = remaining[out.write(remaining):]
        out.flush()
    except BrokenPipeError:  # the reader went away (`| head`): click ends the command quietly, with exit code 1
        raise
    except OSError as err:  # a full disk, a device that takes no data
        raise KgError("E201", path="standard output", detail=err.strerror or str(err)) from None


def outcome(report: bytes, stderr: bytes, status: int, source: str, megabytes: int | None) -> int:
    """Turn the child's report, or the way it died, into an exit code or a KgError."""
    if report:
        kind, value = marshal.loads(report)
        if stderr:  # warnings of the libraries, if any: the child's stderr is a pipe
            sys.stderr.write(stderr.decode("utf-8", "replace"))
        if kind == "exit":
            return value
        if kind == "error":
            code, fields = value
            raise KgError(code, **fields)
        if kind == "memory" and megabytes:
            raise KgError("E432", source=source, megabytes=megabytes)
        raise KgError("E415", source=source, detail=value)
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if RUST_OUT_OF_MEMORY in stderr and megabytes:
            raise KgError("E432", source=source, megabytes=megabytes)
        raise KgError("E415", source=source, detail=signal.Signals(number).name)
    raise KgError("E415", source=source, detail=f"exit status {os.waitstatus_to_exitcode(status)}")


def run_child(work: Callable[[BinaryIO], int], data: int, report: int, stderr: int, seconds: float | None,
              megabytes: int | None) -> NoReturn:
    """Set the child's limits and run the work on a thread with a deep stack; never return into the parent's code."""
    try:
        os.dup2(stderr, 2)
        os.close(stderr)
        # The results go through the data pipe: the child holds no descriptor of the command's output, so a
        # reader of it (`kg query … | less`) sees its end when the parent ends, whatever the child does then.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches both processes: the parent ends the child
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash is reported in one line, not dumped
        if seconds:
            # The parent kills the child at the deadline; should the parent itself be killed, this stops the child
            # (SIGXCPU at the soft limit; the hard one, a second later, would be a plain SIGKILL). The work runs on
            # one thread, so its CPU time never reaches the limit before the parent's clock does.
            cpu = math.ceil(seconds) + 1
            lower_limit(resource.RLIMIT_CPU, cpu, cpu + 1)
        if megabytes:
            # RLIMIT_DATA counts the heap and private mappings, which includes the worker's stack reservation.
            limit = megabytes * MEGABYTE + WORKER_STACK
            lower_limit(resource.RLIMIT_DATA, limit, limit)
        sys.setrecursionlimit(RECURSION_LIMIT)
        threading.stack_size(WORKER_STACK)
        try:
            worker = threading.Thread(target=serve, args=(work, data, report), name="kg-query")
            worker.start()
        except (RuntimeError, MemoryError):  # no room for the worker's stack under the memory limit
            send(report, ("memory", "out of memory"))
        else:
            worker.join()  # serve() ends the process
    finally:
        os._exit(70)  # only if the setting up failed: the parent reports this exit status


def lower_limit(kind: int, soft: int, hard: int) -> None:
    """Set a resource limit of this process, never above the hard limit it already has."""
    current = resource.getrlimit(kind)[1]
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(kind, (soft, hard))


def serve(work: Callable[[BinaryIO], int], data: int, report: int) -> NoReturn:
    """Run the work on a stream over the data pipe, report how it ended, and end the process."""
    # Everything pyoxigraph makes is made and dropped on this thread, as its objects require.
    try:
        with open(data, "wb") as stream:
            result: tuple[str, object] = ("exit", work(stream))
    except KgError as err:  # its fields as text, which is all that its message shows of them
        result = ("error", (err.code, {name: str(value) for name, value in err.fields.items()}))
    except MemoryError:
        result = ("memory", "out of memory")
    except BaseException as err:  # a crash of a library or of kg itself: one line, with where it happened
        result = ("failure", describe(err))
    try:
        send(report, result)
    finally:
        os._exit(0)


def send(report: int, result: tuple[str, object]) -> None:
    """Write the child's report to the parent: a pair of plain values, which marshal writes and reads fastest."""
    payload = marshal.dumps(result)
    while payload:
        payload = payload[os.write(report, payload):]


def describe(err: BaseException) -> str:
    """Name an unexpected exception in one line: its type, its message and the line that raised it."""
    import traceback

    frames = traceback.extract_tb(err.__traceback__)
    where = f" at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno}" if frames else ""
    message = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}{': ' + message if message else ''}{where}"
