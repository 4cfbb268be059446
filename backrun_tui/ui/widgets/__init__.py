"""Widgets the screens share: the big countdown clock (`bigclock`), the plan timeline
(`timeline`), and the editor's and finish screen's parts. Each is imported from its own
module, so that a screen loads only the widgets it shows."""
