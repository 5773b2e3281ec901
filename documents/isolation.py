"""Template renders in a separate process, bounded in time and memory.

Uploaded templates are hostile input. The sandbox (``documents.rendering``) keeps them from
the interpreter's internals and bounds single expressions, but not a render as a whole:
loops inside loops, a macro calling itself, or filters building ever longer text can run
for hours or fill the memory. :func:`run_limited` therefore runs a render in a *render
process*: a child forked from the calling process once (so it has everything imported) and
kept, with its own template cache, for the renders that follow. For each render

- the caller waits at most ``DOCUMENTS_RENDER_TIMEOUT`` seconds (default 10), then kills
  the render process; the process also sets its own ``RLIMIT_CPU`` that far ahead, so it
  stops even when its caller died (a web worker killed by its own timeout);
- the render process sets ``RLIMIT_AS`` to its address space before the render plus
  ``DOCUMENTS_RENDER_MEMORY_MB`` (default 512): an allocation beyond it fails with
  ``MemoryError``.

Either limit reached raises :class:`RenderLimitExceeded` in the caller with a translated
message for the user, and the render process is replaced on the next render. A render's
own failure is re-raised in the caller: results and exceptions come back pickled, and the
caller unpickles only builtin values and exceptions of Jinja and the standard library
(:class:`RenderFailed`, with the name and text, stands in for any other).

A process has one render process, used under a lock (renders wait for each other). It
reads template files but never touches the database or logging, and leaves with
``os._exit`` so no inherited connection is closed on the caller's behalf; it exits when the
caller closes its pipe (or exits).
"""

from __future__ import annotations

import builtins
import contextlib
import gc
import io
import math
import os
import pickle
import resource
import select
import signal
import struct
import threading
import time
from collections.abc import Callable
from typing import Any, NoReturn

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

_MB = 1024 * 1024
_HEADER = struct.Struct("!Q")  # every message: its length, then the pickle
# Modules whose exception classes a render's failure may be unpickled as.
_EXCEPTION_MODULES = frozenset({"builtins", "jinja2.exceptions", "zipfile"})


class RenderLimitExceeded(Exception):
    """A render took too long or needed too much memory, and was stopped."""


class RenderFailed(Exception):
    """A render failed with an exception the caller does not unpickle (its name and text)."""


def timeout_seconds() -> float:
    return settings.DOCUMENTS_RENDER_TIMEOUT


def memory_mb() -> int:
    return settings.DOCUMENTS_RENDER_MEMORY_MB


def describe(exc: BaseException) -> str:
    """How a render failure reads for the user (a limit's message is already written)."""
    if isinstance(exc, RenderLimitExceeded | RenderFailed):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def run_limited(func: Callable[..., Any], *args: Any) -> Any:
    """``func(*args)`` computed in the render process under the limits; its result, or
    the exception it raised, re-raised here. ``func`` must be a module-level function
    (it is pickled by name), ``args`` picklable, and the result builtin values (bytes,
    str, tuples of them), the only ones the caller unpickles."""
    return _render_process.call(func, args, timeout_seconds(), memory_mb())


class _RenderProcess:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid = 0
        self._owner = 0  # the process that started it (a forked caller starts its own)
        self._to_child = -1
        self._from_child = -1

    def call(self, func: Callable[..., Any], args: tuple[Any, ...], timeout: float,
             memory: int) -> Any:
        request = pickle.dumps((func, args, timeout, memory, translation.get_language()))
        with self._lock:
            if self._owner != os.getpid():
                self._start()
            deadline = time.monotonic() + timeout
            try:
                _write_message(self._to_child, request, deadline)
                status, value, fallback = _ValuesUnpickler(
                    io.BytesIO(_read_message(self._from_child, deadline))).load()
            except TimeoutError:
                self._stop()
                raise RenderLimitExceeded(_too_long(timeout)) from None
            except (EOFError, OSError):
                if self._stop() == signal.SIGXCPU:
                    raise RenderLimitExceeded(_too_long(timeout)) from None
                raise RenderLimitExceeded(
                    _("The template's render stopped before it finished (it may need more "
                      "than %(mb)s MB of memory).") % {"mb": memory}) from None
            except BaseException:
                self._stop()  # its reply would answer the next request
                raise
            if status == "memory":
                self._stop()
        if status == "ok":
            return value
        if status == "memory":
            raise RenderLimitExceeded(
                _("The template needed more than %(mb)s MB of memory to render and was "
                  "stopped.") % {"mb": memory})
        raise _exception(value, fallback)

    def _start(self) -> None:
        if self._owner:  # the pipes of the render process of the process we were forked from
            for fd in (self._to_child, self._from_child):
                with contextlib.suppress(OSError):
                    os.close(fd)
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            _close_inherited(keep=(to_child_r, from_child_w))
            _serve(to_child_r, from_child_w)
        os.close(to_child_r)
        os.close(from_child_w)
        self._pid, self._owner = pid, os.getpid()
        self._to_child, self._from_child = to_child_w, from_child_r

    def _stop(self) -> int:
        """Kill and reap the render process; the signal that ended it (0 if none)."""
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self._pid, signal.SIGKILL)
        pid, self._pid, self._owner = self._pid, 0, 0
        try:
            _pid, status = os.waitpid(pid, 0)
        except ChildProcessError:  # reaped by a SIGCHLD handler of the caller's
            return 0
        return os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0


_render_process = _RenderProcess()


def _close_inherited(keep: tuple[int, ...]) -> None:
    """In the render process: close every file the caller had open but the standard
    streams and ``keep``. A worker's client sockets, its database connections, the pipes
    of a program it drives would otherwise stay open for as long as the render process
    lives, and whoever waits for their other end to close would wait for it (a browser
    driver waiting for its input to end never stopped).

    The caller's objects are frozen first: a socket object of the caller's collected here
    would close its descriptor's number again, by then perhaps a file this process opened.
    """
    gc.freeze()
    low = 3
    for fd in sorted(keep):
        os.closerange(low, fd)
        low = max(low, fd + 1)
    os.closerange(low, os.sysconf("SC_OPEN_MAX"))


def _too_long(timeout: float) -> str:
    return _("The template took longer than %(s)s seconds to render and was stopped.") % {
        "s": seconds_text(timeout)}


def seconds_text(seconds: float) -> str:
    """A time limit in a message: "120", "1.5", "0.5" (not ``int()``'s "0")."""
    return str(int(seconds)) if seconds == int(seconds) else f"{seconds:g}"


def _write_message(fd: int, data: bytes, deadline: float | None) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        _wait(fd, deadline, write=True)
        view = view[os.write(fd, view):]


def _wait(fd: int, deadline: float | None, *, write: bool = False) -> None:
    """Until ``fd`` is ready; TimeoutError at ``deadline`` (None: no deadline)."""
    if deadline is None:
        return
    remaining = deadline - time.monotonic()
    poller = select.poll()  # not select(): a web process may hold more than 1024 files
    poller.register(fd, select.POLLOUT if write else select.POLLIN)
    if remaining <= 0 or not poller.poll(remaining * 1000):
        raise TimeoutError


def _read_exactly(fd: int, size: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    while size:
        _wait(fd, deadline)
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _read_message(fd: int, deadline: float | None) -> bytes:
    (size,) = _HEADER.unpack(_read_exactly(fd, _HEADER.size, deadline))
    return _read_exactly(fd, size, deadline)


def _exception(value: bytes, fallback: str) -> BaseException:
    try:
        exc = _ExceptionUnpickler(io.BytesIO(value)).load()
    except (pickle.UnpicklingError, AttributeError, TypeError, ValueError, EOFError):
        exc = None
    return exc if isinstance(exc, BaseException) else RenderFailed(fallback)


class _ValuesUnpickler(pickle.Unpickler):
    """Unpickles builtin values (bytes, str, tuples …) and no class at all."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not a plain value")


class _ExceptionUnpickler(pickle.Unpickler):
    """Unpickles an exception of an allowed module, nothing else that names a class."""

    def find_class(self, module: str, name: str) -> Any:
        if module in _EXCEPTION_MODULES:
            found = getattr(builtins if module == "builtins" else
                            __import__(module, fromlist=[name]), name, None)
            if isinstance(found, type) and issubclass(found, BaseException):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not an allowed exception")


def _address_space() -> int:
    """This process's address space now, in bytes (/proc/self/statm's first field)."""
    with open("/proc/self/statm", "rb") as handle:
        pages = int(handle.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def _below(limit: int, hard: int) -> int:
    return limit if hard == resource.RLIM_INFINITY else min(limit, hard)


def _serve(requests: int, replies: int) -> NoReturn:
    """The render process: one render per request until the caller closes the pipe."""
    code = 0
    try:
        for signum in (signal.SIGXCPU, signal.SIGTERM, signal.SIGINT, signal.SIGALRM):
            signal.signal(signum, signal.SIG_DFL)
        while True:
            try:
                request = _read_message(requests, None)
            except EOFError:
                break
            func, args, timeout, memory, language = pickle.loads(request)  # noqa: S301
            translation.activate(language)  # the caller's, for any text made in the render
            reply, exhausted = _run(func, args, timeout, memory)
            _write_message(replies, reply, None)
            if exhausted:
                break  # a MemoryError may leave the process unsound: the caller starts anew
    except BaseException:  # noqa: BLE001 - nothing may escape into the caller's code
        code = 70
    finally:
        os._exit(code)


def _run(func: Callable[..., Any], args: tuple[Any, ...], timeout: float,
         memory: int) -> tuple[bytes, bool]:
    """One render under the limits: the pickled reply, and whether memory ran out."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = math.ceil(usage.ru_utime + usage.ru_stime + timeout) + 1
    _soft, cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (_below(cpu, cpu_hard), cpu_hard))
    _soft, as_hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS,
                       (_below(_address_space() + memory * _MB, as_hard), as_hard))
    try:
        result: tuple[str, Any, str] = ("ok", func(*args), "")
    except MemoryError:
        result = ("memory", None, "")
    except Exception as exc:  # noqa: BLE001 - the caller re-raises it
        fallback = f"{type(exc).__name__}: {exc}"
        try:
            result = ("error", pickle.dumps(exc), fallback)
        except Exception:  # noqa: BLE001 - an exception that cannot be pickled
            result = ("error", b"", fallback)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (as_hard, as_hard))
    return pickle.dumps(result), result[0] == "memory"
