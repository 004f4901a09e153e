"""A worker's own Store takes the document another Store already read (issue #24: the store
is no cache bag that callers fill through __dict__)."""

from __future__ import annotations

import pytest

from tui.store import Store

U = "渝中区"


def test_a_worker_store_shares_the_document_already_read_never_another(work_db):
    """Store.share_structure (issue #24: no store used as a cache bag): a second connection
    takes the rows the first one read, and refuses a structure of another document."""
    with Store(work_db, readonly=True) as first, Store(work_db, readonly=True) as second:
        second.share_structure(first.structure)
        assert second.structure is first.structure and not second.partial
        assert [e.id for e in second.checklist(U)] == [e.id for e in first.checklist(U)]
        other = type(first.structure)(**{**first.structure.__dict__, "document": {**first.document, "id": 99}})
        with pytest.raises(ValueError):
            second.share_structure(other)
