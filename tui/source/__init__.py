"""Reading 任务分工 documents into rows and items — pure, no database.

The parser (regular expressions compiled at import) loads on first use, so that
opening the app does not pay for it.
"""

from .errors import ParseError
from .model import Document, Item, Repair, Row, Section, Subsection


def parse_document(text: str) -> Document:
    """Parse the full text of a 任务分工 document (see parser.py)."""
    from .parser import parse_document as parse

    return parse(text)


__all__ = ["Document", "Item", "ParseError", "Repair", "Row", "Section", "Subsection", "parse_document"]
