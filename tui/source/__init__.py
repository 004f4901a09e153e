"""Reading 任务分工 documents into rows and items — pure, no database."""

from .model import Document, Item, Repair, Row, Section, Subsection
from .parser import ParseError, parse_document

__all__ = ["Document", "Item", "ParseError", "Repair", "Row", "Section", "Subsection", "parse_document"]
