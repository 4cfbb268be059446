"""Textual's terminal driver for Linux and macOS, with an input thread that sleeps.

Textual's thread that reads the keyboard looks for input ten times a second, whether or
not a key was pressed: to notice that it is told to stop, and to let a lone Escape go once
no sequence follows it. Over a session that is 36,000 wake-ups an hour for the handful of
keys a runner presses, and about a fifth of the CPU the run screen uses. Here the thread
waits with no time limit while nothing is pending: a byte on a pipe of its own wakes it
when it is to stop, and it checks ten times a second, as Textual does, only in the moments
after input came, while an escape sequence may still be waiting for its end.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import time
from codecs import getincrementaldecoder
from typing import TYPE_CHECKING, Any

from textual import constants
from textual._parser import ParseError
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
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        os.set_blocking(self._wake_write, False)
        self._closed = False

    def disable_input(self) -> None:
        # Textual's disable_input sets its exit event and then waits for the thread, with
        # no moment between the two to wake it: the thread stops on `_stopping` instead.
        self._stopping = True
        with contextlib.suppress(BlockingIOError):  # full of wake-ups already
            os.write(self._wake_write, b"\0")
        try:
            super().disable_input()
        finally:
            self._stopping = False

    def close(self) -> None:
        super().close()
        if not self._closed:
            self._closed = True
            os.close(self._wake_read)
            os.close(self._wake_write)

    def run_input_thread(self) -> None:
        """Read keys and mouse events and pass them on, until told to stop."""
        wake = self._wake_read
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
        reading = True
        try:
            while not (self.exit_event.is_set() or self._stopping):
                pending = time.monotonic() - last_input < settled_after
                for key, _mask in selector.select(TICK_SECONDS if pending else None):
                    if key.fd == wake:
                        self._drain(wake)
                        continue
                    data = decode(os.read(self.fileno, 4096))
                    if not data:
                        # The terminal is gone (end of input): no more to read here, and
                        # select would report it ready again at once, forever.
                        selector.unregister(self.fileno)
                        reading = False
                        continue
                    last_input = time.monotonic()
                    for event in parser.feed(data):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            if reading:
                selector.unregister(self.fileno)
            selector.close()
            self._drain(wake)
            try:
                for _event in parser.feed(""):
                    pass
            except (EOFError, ParseError):  # a sequence cut short at the end
                pass

    @staticmethod
    def _drain(fd: int) -> None:
        with contextlib.suppress(BlockingIOError):
            while os.read(fd, 512):
                pass
