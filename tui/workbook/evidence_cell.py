"""A 佐证材料 cell read as people write it: the splitting lives in the store layer
(tui/store/evidence_text.py) so that the app splits pasted evidence the same way."""

from ..store.evidence_text import NOTE, EvidenceCell, read_evidence_cell

__all__ = ["NOTE", "EvidenceCell", "read_evidence_cell"]
