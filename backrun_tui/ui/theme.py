"""backrun's themes: a colour per interval kind, as theme variables the CSS can use."""

from __future__ import annotations

from textual.theme import BUILTIN_THEMES, Theme

from backrun_tui.model.kinds import Kind
from backrun_tui.store.config import DEFAULT_THEME

#: Chosen to stay apart for the common colour-vision deficiencies: backward (orange) and
#: forward (blue) are the pair a runner must never confuse.
KIND_COLOURS: dict[Kind, str] = {
    Kind.WARMUP: "#e9c46a",
    Kind.BACKWARD: "#ff8c1a",
    Kind.FORWARD: "#3b9eff",
    Kind.REST: "#5cc46b",
    Kind.COOLDOWN: "#b48ead",
}


def kind_variables() -> dict[str, str]:
    """`kind-backward` and friends, for `App.get_theme_variable_defaults`."""
    return {f"kind-{kind.value}": colour for kind, colour in KIND_COLOURS.items()}


BACKRUN_DARK = Theme(
    name=DEFAULT_THEME,
    primary="#ff8c1a",
    secondary="#3b9eff",
    accent="#e9c46a",
    warning="#ffb000",
    error="#ff4d4d",
    success="#5cc46b",
    background="#0b0d10",
    surface="#15181d",
    panel="#1f242b",
    dark=True,
    variables=kind_variables(),
)

BACKRUN_LIGHT = Theme(
    name="backrun-light",
    primary="#c75a00",
    secondary="#0060c0",
    accent="#8a6d00",
    warning="#b36b00",
    error="#c00000",
    success="#2d7d3a",
    background="#fafafa",
    surface="#ffffff",
    panel="#e8e8e8",
    dark=False,
    variables={
        "kind-warmup": "#8a6d00",
        "kind-backward": "#c75a00",
        "kind-forward": "#0060c0",
        "kind-rest": "#2d7d3a",
        "kind-cooldown": "#7a4f8a",
    },
)

#: For a bright gym: black on white, nothing faded, and kind colours dark enough to read as
#: text on white and to carry white text (each at least 7:1 against white).
BACKRUN_HIGH_CONTRAST = Theme(
    name="backrun-high-contrast",
    primary="#000000",
    secondary="#003d99",
    accent="#000000",
    foreground="#000000",
    warning="#8a4b00",
    error="#b00000",
    success="#1a5c26",
    background="#ffffff",
    surface="#ebebeb",
    panel="#d9d9d9",
    dark=False,
    text_alpha=1.0,
    variables={
        "kind-warmup": "#5c4700",
        "kind-backward": "#9a3300",
        "kind-forward": "#003d99",
        "kind-rest": "#1a5c26",
        "kind-cooldown": "#5a2d82",
        "text-muted": "#000000",
        "footer-key-foreground": "#003d99",
        "border": "#000000",
        "border-blurred": "#000000",
    },
)

BACKRUN_THEMES = [BACKRUN_DARK, BACKRUN_LIGHT, BACKRUN_HIGH_CONTRAST]


def theme_names() -> list[str]:
    """Every theme the settings may name: backrun's own first, then Textual's."""
    own = [theme.name for theme in BACKRUN_THEMES]
    return own + [name for name in BUILTIN_THEMES if name not in own]
