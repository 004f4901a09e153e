"""The base of the project's exception family (tui/errors/__init__.py says what belongs to it and
maps each to what a user reads). A module of its own so that every layer's error classes can
derive from it without importing the map, which knows those layers."""

from __future__ import annotations


class GongkaiError(Exception):
    """An expected failure: its message is the Chinese text the user reads."""

    # A document that cannot be read: the message ends with the way out (the table workbook).
    way_out = False
