"""PlanTree: a plan as a tree, repeat blocks with their count and their items indented.

Every node's data is the item's path (see `model.edit`), so the editor always knows which
item is selected, whatever was collapsed or scrolled. Intervals show their kind in its
colour, duration, speed, incline and label, lined up in columns.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from backrun_tui.model import display
from backrun_tui.model.edit import Path, rows
from backrun_tui.model.kinds import Kind, Units
from backrun_tui.model.plan import Interval, Plan, Repeat
from backrun_tui.present import plain
from backrun_tui.ui.theme import kind_variables

_KIND_WIDTH = max(len(kind.word) for kind in Kind)


class PlanTree(Tree[Path]):
    """The editor's view of the plan; `show` puts a plan in it and selects a path."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("plan", id=id)
        self.show_root = False

    def show(self, plan: Plan, units: Units, selected: Path) -> None:
        """Rebuild the tree for `plan`, every block open, with the cursor on `selected`."""
        self.clear()
        nodes: dict[Path, TreeNode[Path]] = {}
        line = 0
        for i, row in enumerate(rows(plan)):
            parent = nodes.get(row.path[:-1], self.root)
            if isinstance(row.item, Repeat):
                nodes[row.path] = parent.add(
                    self._block_label(row.item), data=row.path, expand=True, allow_expand=False
                )
            else:
                parent.add_leaf(self._interval_label(row.item, units), data=row.path)
            if row.path == selected:
                line = i
        self.root.expand()
        self.cursor_line = line

    @property
    def selected_path(self) -> Path | None:
        node = self.cursor_node
        return None if node is None else node.data

    def _block_label(self, block: Repeat) -> Text:
        seconds = block.count * Plan(block.items).total_seconds
        return Text.assemble(
            (f"{block.count}×", Style(bold=True)),
            (f"  repeat, {display.clock(seconds)} in all", Style(dim=True)),
        )

    def _interval_label(self, interval: Interval, units: Units) -> Text:
        speed = "" if interval.speed is None else display.speed(interval.speed.kmh, units)
        incline = "" if interval.incline_pct is None else display.incline(interval.incline_pct)
        text = Text.assemble(
            (interval.kind.word.ljust(_KIND_WIDTH), self._kind_style(interval.kind)),
            f" {display.clock(interval.seconds):>7}  {speed:<10} {incline:<7}",
        )
        if interval.label:
            text.append(f'"{plain(interval.label)}"', Style(italic=True))
        text.rstrip()
        return text

    def _kind_style(self, kind: Kind) -> Style:
        name = f"kind-{kind.value}"
        colour = self.app.theme_variables.get(name) or kind_variables()[name]
        return Style(color=colour, bold=True)
