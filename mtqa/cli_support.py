"""How the ``mtqa`` command ends: exit codes, interrupts and internal errors, never a traceback.

Exit codes (README "Exit codes"):

* 0 — done.
* 1 — bad input (one line naming the file and line), findings at or above
  ``--fail-on``, or an internal error (one line; ``--debug`` or ``MTQA_DEBUG=1``
  shows the traceback).
* 2 — usage error (click's).
* 130 — interrupted (Ctrl-C, SIGINT); 143 — terminated (SIGTERM). Either way the
  report file is not written and no temporary file is left behind.
* 141 — the program reading standard output closed it early (``mtqa ... | head``).
"""
from __future__ import annotations

import errno
import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Any, Iterator

import click

EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141
EXIT_TERMINATED = 143
DEBUG_ENV = "MTQA_DEBUG"


class Terminated(SystemExit):
    """Raised in the main thread on SIGTERM so that ``finally`` blocks (temporary files) run."""


class SafeGroup(click.Group):
    """A click group whose commands end with a one-line message and a documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug")) or os.environ.get(DEBUG_ENV, "") not in ("", "0")
        with _sigterm_raises():
            try:
                return super().invoke(ctx)
            except (click.exceptions.Exit, click.Abort, click.ClickException):
                raise
            except KeyboardInterrupt:
                _say("mtqa: interrupted; no report written")
                raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
            except Terminated:
                _say("mtqa: terminated; no report written")
                raise click.exceptions.Exit(EXIT_TERMINATED) from None
            except BrokenPipeError:
                _quiet_stdout()
                raise click.exceptions.Exit(EXIT_BROKEN_PIPE) from None
            except Exception as exc:  # noqa: BLE001 - the point: no traceback for users
                if debug:
                    raise
                if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
                    _quiet_stdout()
                    raise click.exceptions.Exit(EXIT_BROKEN_PIPE) from None
                _say(f"mtqa: internal error: {type(exc).__name__}: {_one_line(exc)} — this is a bug in mtqa; "
                     f"please report it with the input that caused it (run with --debug or {DEBUG_ENV}=1 for "
                     "the traceback)")
                raise click.exceptions.Exit(1) from None


def language_code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Click callback: a language code (``zh``, ``en``, ``pt-BR``) or a usage error (exit 2)."""
    if value is None:
        return None
    from .io.readers import LANGUAGE_CODE
    if not LANGUAGE_CODE.match(value):
        raise click.BadParameter(f"{value!r} is not a language code (zh, en, pt-BR...)")
    return value


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] + ("…" if len(text) > 300 else "")


def _say(message: str) -> None:
    try:
        click.echo(message, err=True)
    except Exception:  # noqa: BLE001 - stderr gone too: nothing left to tell
        pass


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so that the exit-time flush does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests)
        pass


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """While the command runs, SIGTERM raises :class:`Terminated` in the main thread (then restored)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):  # noqa: ARG001
        raise Terminated(EXIT_TERMINATED)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):  # pragma: no cover - no signals here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
