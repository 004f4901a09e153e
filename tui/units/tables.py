"""Everything build-db writes about units, in the order it must be computed."""

from __future__ import annotations

from dataclasses import dataclass

from .aliases import aliases
from .catalogue_file import MemberCatalogue
from .members import empty_collectives, memberships
from .specs import UnitSpec, canonical, catalogue_specs


@dataclass(frozen=True)
class UnitTables:
    specs: list[UnitSpec]
    memberships: list[tuple[str, str, str]]
    aliases: list[tuple[str, str]]
    empty_collectives: list[str]


def unit_tables(
    document_units: list[str], doc_level: str = "市", place: str | None = None, members: MemberCatalogue | None = None
) -> UnitTables:
    """Specs, memberships, aliases and the collectives nobody belongs to, for one document.

    `document_units` must already be canonical (`canonical(name, members)`), as the row unit
    cells written next to them must be; catalogue_specs canonicalises again, which changes nothing.
    """
    specs = catalogue_specs([canonical(n, members) for n in document_units], doc_level, members)
    return UnitTables(
        specs,
        memberships(specs, doc_level),
        aliases(specs, doc_level, place, members),
        empty_collectives(specs, doc_level),
    )
