"""backrun's terminal driver, its input thread on a real pseudo-terminal.

What it must keep of Textual's thread (every key arrives, a lone Escape too, a character
cut in two by a read arrives whole) and what it changes (no wake-ups while nothing is
pending, a prompt stop, no spinning once the terminal is gone). The tests in
tests/e2e/test_input_thread.py drive it inside the installed backrun.
"""

from __future__ import annotations

import contextlib
import os
import pty
import signal
import sys
import threading
import time
import tty
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from textual import events
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.message import Message

from backrun_tui.ui.driver import TICK_SECONDS, QuietInputDriver
from tests.ui.apps import make_app

WAIT = 10.0


class Pty:
    """A driver reading a pseudo-terminal, its input thread running, and what it sent."""

    def __init__(self, driver: QuietInputDriver, master: int) -> None:
        self.driver = driver
        self.master = master
        self.sent: list[Message] = []
        self.thread = threading.Thread(target=driver.run_input_thread, name="input")

    def type(self, data: bytes) -> None:
        os.write(self.master, data)

    def keys(self) -> list[str]:
        return [m.key for m in list(self.sent) if isinstance(m, events.Key)]

    def characters(self) -> list[str | None]:
        return [m.character for m in list(self.sent) if isinstance(m, events.Key)]

    def wait_for(self, test: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT
        while not test():
            assert time.monotonic() < deadline, f"timed out waiting for {what}: {self.sent}"
            time.sleep(0.01)

    def wakes(self) -> int:
        """Voluntary context switches of the input thread so far."""
        status = Path(f"/proc/self/task/{self.thread.native_id}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("voluntary_ctxt_switches"))
        return int(line.split()[1])

    def stop(self) -> float:
        """Stop the thread as Textual does on the way out; how long that took, in seconds.

        A thread that sleeps through its wake-up would hang the suite: after WAIT seconds a
        key is typed, which wakes any thread, and the test fails."""
        late = threading.Event()

        def wake_by_hand() -> None:
            late.set()
            self.type(b"x")

        watchdog = threading.Timer(WAIT, wake_by_hand)
        watchdog.start()
        started = time.monotonic()
        self.driver.disable_input()  # in this, the main thread: it sets a signal handler
        took = time.monotonic() - started
        watchdog.cancel()
        assert not late.is_set(), "the input thread slept through its wake-up"
        assert not self.thread.is_alive()
        return took


@contextlib.asynccontextmanager
async def started_driver() -> AsyncIterator[Pty]:
    # The driver sets handlers for SIGTSTP and SIGCONT, and disable_input one for SIGWINCH:
    # this process's own are put back afterwards.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    saved[signal.SIGWINCH] = signal.getsignal(signal.SIGWINCH)
    master, slave = pty.openpty()
    tty.setraw(slave)
    driver = QuietInputDriver(App(), mouse=False)
    driver.fileno = slave
    term = Pty(driver, master)
    # What the thread would post to the App, kept here instead, in the thread.
    driver.process_message = term.sent.append  # type: ignore[method-assign]
    driver._key_thread = term.thread
    driver.open_wake_pipe()  # as start_application_mode does, which also sets up the terminal
    term.thread.start()
    try:
        yield term
    finally:
        if term.thread.is_alive():
            term.stop()
        driver.close()
        for fd in (master, slave):
            with contextlib.suppress(OSError):  # closed by the test
                os.close(fd)
        for sig, handler in saved.items():
            signal.signal(sig, handler)


@pytest.fixture
async def term() -> AsyncIterator[Pty]:
    async with started_driver() as term:
        yield term


async def test_keys_arrive_and_the_thread_sleeps_between_them(term: Pty) -> None:
    term.type(b"ab")
    term.wait_for(lambda: term.keys() == ["a", "b"], "a and b")
    time.sleep(1.0)  # past the moments after input, when a sequence may be pending
    before = term.wakes()
    time.sleep(1.0)
    assert term.wakes() - before <= 1  # Textual's thread: 10
    term.type(b"c")
    term.wait_for(lambda: term.keys() == ["a", "b", "c"], "c")


async def test_a_lone_escape_after_a_quiet_spell_arrives(term: Pty) -> None:
    time.sleep(1.0)
    term.type(b"\x1b")
    term.wait_for(lambda: term.keys() == ["escape"], "escape")


async def test_a_character_cut_in_two_arrives_whole(term: Pty) -> None:
    encoded = "é".encode()
    term.type(encoded[:1])
    time.sleep(3 * TICK_SECONDS)
    assert term.keys() == []
    term.type(encoded[1:])
    term.wait_for(
        lambda: [m.character for m in term.sent if isinstance(m, events.Key)] == ["é"], "é"
    )
    assert term.thread.is_alive()


async def test_the_thread_stops_at_once_while_it_sleeps(term: Pty) -> None:
    time.sleep(1.0)
    assert term.stop() < TICK_SECONDS  # not left to a timeout: there is none


async def test_the_thread_stops_at_once_just_after_a_key(term: Pty) -> None:
    term.type(b"a")
    term.wait_for(lambda: term.keys() == ["a"], "a")
    assert term.stop() < TICK_SECONDS


async def test_a_lone_escape_at_the_end_of_a_long_read_to_a_busy_app_arrives() -> None:
    """The Escape's wait starts when the parser reaches it, maybe well after the read: the
    thread keeps looking until then, and the Escape is not held for the next key."""
    async with started_driver() as term:
        # What the App is sent goes through its busy event loop: here 0.2 ms a message.
        def slow_send(message: Message) -> None:
            time.sleep(0.0002)
            term.sent.append(message)

        term.driver.process_message = slow_send  # type: ignore[method-assign]
        time.sleep(1.0)
        term.type(b"a" * 2000 + b"\x1b")
        term.wait_for(lambda: term.keys()[-1:] == ["escape"], "the escape")
        assert term.keys() == ["a"] * 2000 + ["escape"]


async def test_when_the_terminal_is_gone_the_thread_waits_without_spinning(term: Pty) -> None:
    os.close(term.master)  # the reading end sees the end of input
    time.sleep(0.5)
    cpu_before = time.thread_time()
    started = time.process_time()
    time.sleep(1.0)
    used = time.process_time() - started - (time.thread_time() - cpu_before)
    assert used < 0.2, f"{used:.2f} s of CPU in a second"
    assert term.thread.is_alive()
    term.stop()


def test_backrun_reads_the_terminal_with_this_driver_where_textual_uses_its_linux_one() -> None:
    assert make_app().driver_class is QuietInputDriver


def test_on_windows_textual_s_own_driver_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    # Textual chose its driver by its own test of the platform: here, its Linux one, which
    # backrun would replace anywhere but on Windows.
    monkeypatch.setattr(sys, "platform", "win32")
    assert make_app().driver_class is LinuxDriver
