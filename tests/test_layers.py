"""The layers below the screens import without textual: model, engine, live session, store,
audio, the wording module, the reports and the exports."""

from __future__ import annotations

import subprocess
import sys

#: Python that makes any import of textual fail from then on.
NO_TEXTUAL = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name == "textual" or name.startswith("textual."):
            raise ImportError("textual is blocked in this test")
        return None
sys.meta_path.insert(0, Block())
"""

BLOCK_TEXTUAL = (
    NO_TEXTUAL
    + """
import importlib
for module in sys.argv[1:]:
    importlib.import_module(module)
print("imported", len(sys.argv) - 1)
"""
)

PURE = [
    "backrun_tui.model",
    "backrun_tui.model.notation",
    "backrun_tui.model.totals",
    "backrun_tui.model.display",
    "backrun_tui.model.draft",
    "backrun_tui.model.form",
    "backrun_tui.engine",
    "backrun_tui.engine_types",
    "backrun_tui.live_session",
    "backrun_tui.live_record",
    "backrun_tui.lead_in",
    "backrun_tui.audio.clips",
    "backrun_tui.audio.player",
    "backrun_tui.audio.cues",
    "backrun_tui.clock",
    "backrun_tui.store",
    "backrun_tui.store.library",
    "backrun_tui.store.workout_edit",
    "backrun_tui.present",
    "backrun_tui.report",
    "backrun_tui.export.history",
    "backrun_tui.export.to_file",
    "backrun_tui.store.session_update",
    "backrun_tui.history_table",
    "backrun_tui.export.session",
    "backrun_tui.progress",
]


def test_pure_layers_import_without_textual() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL, *PURE], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"imported {len(PURE)}"


def test_the_block_does_stop_textual() -> None:
    done = subprocess.run(
        [sys.executable, "-c", BLOCK_TEXTUAL, "backrun_tui.ui.app"], capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "textual is blocked" in done.stderr
