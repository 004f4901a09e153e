"""Every key of the app by its binding id (the ids `快捷键` in the settings file remaps, through
Textual's keymap): read from the BINDINGS of each screen, dialog and widget class."""

from __future__ import annotations

from textual.binding import Binding


def _classes() -> list[type]:
    from . import (
        assign_dialog,
        checklist_view,
        dialogs,
        document_picker,
        evidence_screen,
        export_dialog,
        load_dialog,
        main_screen,
        review_screen,
        review_unit,
        rollup_screen,
        status_menu,
        steps_dialog,
        sub_units_dialog,
        text_editor,
        unit_picker,
    )

    modules = (
        main_screen,
        checklist_view,
        dialogs,
        document_picker,
        evidence_screen,
        export_dialog,
        load_dialog,
        review_screen,
        review_unit,
        rollup_screen,
        assign_dialog,
        status_menu,
        steps_dialog,
        sub_units_dialog,
        text_editor,
        unit_picker,
    )
    return [
        c
        for m in modules
        for c in vars(m).values()
        if isinstance(c, type) and "BINDINGS" in vars(c) and c.__module__ == m.__name__
    ]


def binding_ids(app_class: type | None = None) -> dict[str, tuple[str, str]]:
    """id → (its default keys, what it does), in the order the classes declare them; the App's
    own (the command palette) first when its class is given (app.py passes itself: this module
    never imports it, so there is no circle)."""
    out: dict[str, tuple[str, str]] = {}
    for cls in ([app_class] if app_class is not None else []) + _classes():
        for b in getattr(cls, "BINDINGS", ()):
            if isinstance(b, Binding) and b.id and b.id not in out:
                out[b.id] = (b.key, b.description or b.action)
    return out
