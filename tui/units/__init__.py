"""The unit catalogue: kinds and levels by rule, collectives and their members, aliases, resolve(name).

Rules are code (kinds.py, levels.py, members.py, aliases.py); member lists are data: the shipped
Chongqing catalogue (data/chongqing.txt) and the user's catalogue file (catalogue_file.py).
Nothing here imports textual, typer, openpyxl or pypinyin.

What build-db does, in order:
    members = members_in_force(data_dir)          # shipped + the user's 单位目录.txt (CatalogueError)
    level = document_level(doc.issuer) or "市"    # None: warn, and say 市 was assumed
    place = document_place(doc.issuer)
    name = canonical(name, members)               # every unit of the document and of every row
    t = unit_tables(doc_units, level, place, members)   # or the four calls it makes:
        specs = catalogue_specs(doc_units, level, members)
        memberships(specs, level); aliases(specs, level, place, members); empty_collectives(specs, level)
"""

from .aliases import SHORT_NAMES, aliases
from .catalogue_file import (Alias, CatalogueError, Entry, MemberCatalogue, describe_members, load_catalogue_file,
                             load_catalogue_text, merge)
from .kinds import (CITY_DEPT, COLLECTIVE, COUNTY, DISTRICT, OTHER, PARTY, PREFECTURE, TOWN, CollectiveClass,
                    collective_class, is_department, is_party_body, unit_kind)
from .levels import DEPARTMENT_KINDS, department_kind, document_level, document_place
from .members import (DIRECT, TO_CONFIRM, VIA_COLLECTIVE, VIA_LABEL, VIA_RANK, empty_collectives,
                      memberships)
from .resolve import Catalogue, UnknownUnit
from .shipped import (DISTRICTS, SHIPPED_SOURCE, USER_CATALOGUE_FILE, load_user_catalogue, members_in_force,
                      shipped_catalogue, user_catalogue_path)
from .specs import UnitSpec, canonical, catalogue_specs
from .tables import UnitTables, unit_tables

# Collectives of subordinate governments, whose members come from a catalogue.
GOVERNMENT_GROUPS = (DISTRICT, TOWN, PREFECTURE, COUNTY)

# Names of the 2021 document's collectives, for the callers that use them.
ALL_DISTRICTS = "各区县政府"
ALL_DEPARTMENTS = "市政府各部门"
RELEVANT_DEPARTMENTS = "市政府有关部门"

__all__ = [
    "ALL_DEPARTMENTS", "ALL_DISTRICTS", "GOVERNMENT_GROUPS", "CITY_DEPT", "COLLECTIVE", "COUNTY", "DEPARTMENT_KINDS", "DIRECT",
    "DISTRICT", "DISTRICTS", "OTHER", "PARTY", "PREFECTURE", "RELEVANT_DEPARTMENTS", "SHIPPED_SOURCE",
    "SHORT_NAMES", "TO_CONFIRM", "TOWN", "USER_CATALOGUE_FILE", "VIA_COLLECTIVE", "VIA_LABEL", "VIA_RANK",
    "Alias", "Catalogue", "CatalogueError", "CollectiveClass", "Entry", "MemberCatalogue", "UnitSpec",
    "UnitTables", "UnknownUnit", "aliases", "canonical", "catalogue_specs", "collective_class",
    "department_kind", "describe_members", "document_level", "document_place", "empty_collectives",
    "is_department", "is_party_body", "load_catalogue_file", "load_catalogue_text", "load_user_catalogue",
    "members_in_force", "memberships", "merge", "shipped_catalogue", "unit_kind", "unit_tables",
    "user_catalogue_path",
]
