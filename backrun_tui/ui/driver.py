"""Textual's terminal driver for Linux and macOS, with an input thread that sleeps.

Textual's thread that reads the keyboard looks for input ten times a second, whether or
not a key was pressed: to notice that it is told to stop, and to let a lone Escape go once
no sequence follows it. Over a session that is 36,000 wake-ups an hour for the handful of
keys a runner presses, and about a fifth of the CPU the run screen uses. Here the thread
waits with no time limit while nothing is pending: a byte on a pipe of its own wakes it
when it is to stop, and it checks ten times a second, as Textual does, only in the moments
after input came, while an escape sequence may still be waiting for its end. What it
reads goes through Textual's own parser, as in Textual's drivers.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import time
from codecs import getincrementaldecoder
from typing import TYPE_CHECKING, Any

from textual import constants
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

if TYPE_CHECKING:
    from textual.app import App

#: How often the input is looked at while a sequence may be pending, as in Textual.
TICK_SECONDS = 0.1


class QuietInputDriver(LinuxDriver):
    """A LinuxDriver whose input thread wakes for input, for a pending key, and to stop."""

    def __init__(
        self,
        app: App[Any],
        *,
        debug: bool = False,
        mouse: bool = True,
        size: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(app, debug=debug, mouse=mouse, size=size)
        self._stopping = False
        """Set while the input thread is being stopped, and the thread is woken to see it."""
        self._wake: tuple[int, int] | None = None
        """The pipe that wakes the input thread: from the start of application mode to
        `close`, which Textual also calls when it suspends (and starts again after)."""

    def start_application_mode(self) -> None:
        if self._key_thread is not None and self._key_thread.is_alive():
            # Textual's SIGCONT handler starts application mode again whether or not it was
            # suspended: a second input thread would share the wake pipe with the first, and
            # one of them could sleep through the wake-up at the end.
            return
        self.open_wake_pipe()  # before the input thread starts
        super().start_application_mode()  # type: ignore[no-untyped-call]

    def open_wake_pipe(self) -> None:
        if self._wake is None:
            self._wake = os.pipe()
            for end in self._wake:
                os.set_blocking(end, False)

    def disable_input(self) -> None:
        # Textual's disable_input sets its exit event and then waits for the thread, with
        # no moment between the two to wake it: the thread stops on `_stopping` instead.
        self._stopping = True
        if self._wake is not None:
            with contextlib.suppress(BlockingIOError):  # full of wake-ups already
                os.write(self._wake[1], b"\0")
        try:
            super().disable_input()
        finally:
            self._stopping = False

    def close(self) -> None:
        super().close()
        if self._wake is not None:
            for end in self._wake:
                os.close(end)
            self._wake = None

    def run_input_thread(self) -> None:
        """Read keys and mouse events and pass them on, until told to stop."""
        assert self._wake is not None, "opened by start_application_mode"
        wake = self._wake[0]
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        # As in Textual: select works with a terminal on every platform this driver serves.
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(wake, selectors.EVENT_READ)
        # A sequence left unfinished is given up ESCAPE_DELAY after its last character:
        # past that, with nothing new, no key can be pending.
        settled_after = constants.ESCAPE_DELAY + 2 * TICK_SECONDS
        last_input = time.monotonic()
        try:
            while not (self.exit_event.is_set() or self._stopping):
                pending = time.monotonic() - last_input < settled_after
                for key, _mask in selector.select(TICK_SECONDS if pending else None):
                    if key.fd == wake:
                        self._drain(wake)
                        continue
                    data = os.read(self.fileno, 4096)
                    if not data:
                        # The terminal is gone (end of input): nothing more will come, and
                        # select would report it ready again at once, forever.
                        selector.unregister(self.fileno)
                        continue
                    # A character cut in two by the read decodes to nothing until its end
                    # comes; and an empty feed would tell the parser that input has ended.
                    if text := decode(data):
                        for event in parser.feed(text):
                            self.process_message(event)
                    # From when the feed is done: a long read, passed on to a busy App,
                    # may end in an Escape whose wait only starts as the parser reaches it.
                    last_input = time.monotonic()
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()
            self._drain(wake)

    @staticmethod
    def _drain(fd: int) -> None:
        with contextlib.suppress(OSError):  # empty (or, at worst, closed already)
            while os.read(fd, 512):
                pass
