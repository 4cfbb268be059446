"""backrun's themes: a colour per interval kind, as theme variables the CSS can use."""

from __future__ import annotations

from textual.theme import Theme

from backrun_tui.model.kinds import Kind

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
    name="backrun-dark",
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
