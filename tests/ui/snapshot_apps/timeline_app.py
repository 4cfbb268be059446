"""Two timelines of one plan: a preview without a marker, and a run 40 % of the way through."""

from textual.app import App, ComposeResult
from textual.widgets import Static

from backrun_tui.ui.theme import kind_variables
from backrun_tui.ui.widgets.timeline import Timeline

PLAN = [
    ("warmup", 300.0),
    *[("backward", 60.0), ("forward", 120.0)] * 4,
    ("rest", 60.0),
    ("rest", 60.0),
    ("cooldown", 300.0),
]


class TimelineApp(App[None]):
    CSS = """
    #running { height: 2; }
    """

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return kind_variables()

    def compose(self) -> ComposeResult:
        yield Static("preview")
        yield Timeline(PLAN, id="preview")
        yield Static("running, 40 % done", classes="label")
        yield Timeline(PLAN, position=0.4, id="running")


app = TimelineApp()

if __name__ == "__main__":
    app.run()
