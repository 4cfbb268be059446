"""A BigClock alone on a screen, coloured as the run screen colours a backward interval."""

from textual.app import App, ComposeResult

from backrun_tui.ui.widgets.bigclock import BigClock


class BigClockApp(App[None]):
    CSS = """
    BigClock.backward { color: #ff8c1a; }
    """

    def compose(self) -> ComposeResult:
        yield BigClock("12:34", classes="backward")


app = BigClockApp()

if __name__ == "__main__":
    app.run()
