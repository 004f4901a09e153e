"""What `/` searches in, and the search itself: the text of every line, built once per
document and shared by every unit, and what the open unit wrote, read when first needed.

Owned by the Session (session.py); plain Python over the store API, tested without Textual.
"""

from __future__ import annotations

from typing import NamedTuple

from ..store import Entry, Store
from ..store.steps import step_search_text

# A row's units as search sees them: (the unit names and aliases with the Chinese
# spellings, lowered; the units' pinyin spellings and initials, lowered).
RowUnits = tuple[str, tuple[str, ...]]


def evidence_text(records: list[dict]) -> str:
    return "\n".join(f"{r.get('value') or ''} {r.get('caption') or ''}" for r in records).lower()


class DocumentText(NamedTuple):
    """The search text of one document that does not change with progress: ids repeat
    between documents (1.1.3-1 is in every year's), so each document has its own."""

    items: dict[str, str]  # item id → its id, text, pinyin initials and paths, lowered
    rows: dict[object, RowUnits]  # row id → its units; also a row's unit names → the same


class SearchIndex:
    """The search caches of one store: per document, the lines' text and every unit's
    pinyin (kept while the app runs: switching back to a document finds them built);
    per installed checklist, what the unit wrote and its evidence (read again after
    `install`, kept up to date by `refresh`)."""

    def __init__(self, store: Store):
        self.store = store
        self._documents: dict[int, DocumentText] = {}
        self._unit_words: dict[int, frozenset[str]] = {}
        self.text = self._document_text()
        self.unit = ""
        self._evidence_text: dict[str, str] | None = None  # item id → evidence values and captions
        self._written_text: dict[str, tuple[Entry, str]] = {}  # item id → (entry, its 备注… lowered)

    def install(self, unit: str) -> None:
        """A new checklist is shown (another unit or document): what the unit wrote is
        read again when next searched."""
        self.unit = unit
        self.text = self._document_text()
        self._evidence_text = None
        self._written_text = {}

    def _document_text(self) -> DocumentText:
        found = self._documents.get(self.store.doc)
        if found is None:
            found = self._documents[self.store.doc] = DocumentText({}, {})
        return found

    def refresh(self, item_ids: list[str]) -> None:
        """These items were written: their evidence read again if it has been read."""
        if self._evidence_text is not None:
            for item_id in item_ids:
                self._evidence_text[item_id] = evidence_text(self.store.evidence(self.unit, item_id))

    def _static_text(self, e: Entry) -> tuple[str, RowUnits]:
        """What search looks in that does not change with progress: the item's id, text,
        pinyin initials of its text and paths; and its row's units: (the unit names and
        aliases with their Chinese spellings, the units' pinyin spellings). Built once
        per document and shared by every unit."""
        items, rows = self.text
        text = items.get(e.id)
        if text is None:
            text = items[e.id] = "\n".join(
                [e.id, e.full_text, e.initials, " ".join(e.disclosure_paths), e.document_requirement or ""]
            ).lower()
        units = rows.get(e.row_id)
        if units is None:
            names = (*e.lead_units, *e.responsible_units)
            units = rows.get(names)  # rows naming the same units share one value
            if units is None:
                cat = self.store.catalogue
                chinese = [sp for u in names for sp in cat.spellings_of(u) if not sp.isascii()]
                spellings = tuple(sp.lower() for u in names for sp in cat.spellings_of(u) if sp.isascii())
                units = rows[names] = (" ".join([*names, *chinese]).lower(), spellings)
            rows[e.row_id] = units
        return text, units

    def unit_words(self) -> frozenset[str]:
        """Every unit's pinyin and initials in the document's catalogue (`fgw`, `wanzhouqu`)."""
        found = self._unit_words.get(self.store.doc)
        if found is None:
            found = self._unit_words[self.store.doc] = frozenset(
                sp.lower() for sp in self.store.catalogue.spellings if sp.isascii()
            )
        return found

    def _evidence_for_search(self) -> dict[str, str]:
        """item id → the unit's evidence values and captions, read once at the first search."""
        if self._evidence_text is None:
            self._evidence_text = {
                item_id: evidence_text(records) for item_id, records in self.store.evidence_map(self.unit).items()
            }
        return self._evidence_text

    def search(self, base: list[Entry], words: list[str]) -> list[Entry]:
        """The entries of `base` with every word in the item's text, id, paths or initials;
        in a unit's name or alias, or at the start of a unit's pinyin (so `gf` does not find
        every line through 各区县政府's gequxianzhengfu); or in what the unit wrote:
        工作要求, 责任科室, 责任人, 备注, evidence. A word that is a unit's whole pinyin or
        initials (`fgw`) matches only the unit columns, not the initials of item text.

        One pass with the caches held in locals: 20,000 lines are searched on a keystroke."""
        unit_words = self.unit_words()
        unit_only = [w for w in words if w in unit_words]  # a unit's whole pinyin or initials: its rows only
        free = [w for w in words if w not in unit_words]
        items, rows = self.text
        out = []
        for e in base:
            text, units = items.get(e.id), rows.get(e.row_id)
            if text is None or units is None:
                text, units = self._static_text(e)
            names, spellings = units
            for w in unit_only:
                if w not in spellings:
                    break
            else:
                for w in free:
                    if w not in text and w not in names and not self._found_elsewhere(e, w, spellings):
                        break
                else:
                    out.append(e)
        return out

    def warm(self, entries: list[Entry], start: int, count: int = 2000) -> int | None:
        """Build the search text of entries[start:start + count] ahead of the first search
        (the first keystroke in / would otherwise pay for 20,000 lines); the next start,
        or None when every entry has it."""
        items, rows = self.text
        for e in entries[start : start + count]:
            if e.id not in items or e.row_id not in rows:
                self._static_text(e)
            self._written(e)
        self.unit_words()
        end = start + count
        if end < len(entries):
            return end
        self._evidence_for_search()  # one query for the unit's evidence, last
        return None

    def _found_elsewhere(self, e: Entry, w: str, spellings: tuple[str, ...]) -> bool:
        """`w` at the start of a unit's pinyin, or in what the unit wrote (the slower checks)."""
        if w.isascii() and any(sp.startswith(w) for sp in spellings):
            return True
        if w in self._written(e):
            return True
        return bool(e.evidence_count) and w in self._evidence_for_search().get(e.id, "")

    def _written(self, e: Entry) -> str:
        """What the unit wrote on the entry (备注, 工作要求, 责任科室, 责任人, 具体完成情况, its
        细化 steps with their evidence), lowered, kept
        until a write replaces the entry object."""
        if not (e.note or e.requirement or e.office or e.person or e.narrative or e.steps):
            return ""
        cached = self._written_text.get(e.id)
        if cached is None or cached[0] is not e:
            cached = self._written_text[e.id] = (
                e,
                "\n".join(
                    v for v in (e.note, e.requirement, e.office, e.person, e.narrative, step_search_text(e.steps)) if v
                ).lower(),
            )
        return cached[1]
