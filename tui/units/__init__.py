"""The unit catalogue: kinds and levels by rule, collectives and their members, aliases, resolve(name).

Rules are code (kinds.py, levels.py, members.py, aliases.py); member lists are data: the shipped
Chongqing catalogue (data/chongqing.txt) and the user's catalogue file (catalogue_file.py).
Nothing here imports textual, typer, openpyxl or pypinyin.

What build-db does, in order:
    members = members_in_force(data_dir)          # shipped + the user's 单位目录.txt (CatalogueError)
    level = document_level(doc.issuer) or "市"    # None: warn, and say 市 was assumed
    place = document_place(doc.issuer)
    name = canonical(name, members)               # every unit of the document and of every row
    name = synonyms.collective_names(names, level)[0][name]   # 各镇(街道) → 各镇街, as first written
    t = unit_tables(doc_units, level, place, members)   # or the four calls it makes:
        specs = catalogue_specs(doc_units, level, members)
        memberships(specs, level); aliases(specs, level, place, members); empty_collectives(specs, level)
"""

from .resolve import Catalogue, UnknownUnit
from .via import DIRECT, TO_CONFIRM, VIA_COLLECTIVE, VIA_LABEL, VIA_RANK

# Everything else loads on first use (the app's start-up needs only the names above).
_LAZY = {
    "SHORT_NAMES": "aliases",
    "aliases": "aliases",
    **{
        n: "catalogue_file"
        for n in (
            "Alias",
            "CatalogueError",
            "Entry",
            "MemberCatalogue",
            "describe_members",
            "load_catalogue_file",
            "load_catalogue_text",
            "merge",
            "place_level",
        )
    },
    **{
        n: "kinds"
        for n in (
            "CITY_DEPT",
            "COLLECTIVE",
            "COUNTY",
            "DISTRICT",
            "OTHER",
            "PARTY",
            "PREFECTURE",
            "TOWN",
            "CollectiveClass",
            "collective_class",
            "is_department",
            "is_party_body",
            "unit_kind",
        )
    },
    **{
        n: "levels"
        for n in (
            "DEPARTMENT_KINDS",
            "department_kind",
            "document_level",
            "document_place",
            "place_level",
            "title_place",
        )
    },
    **{n: "members" for n in ("empty_collectives", "memberships")},
    **{
        n: "shipped"
        for n in (
            "DISTRICTS",
            "SHIPPED_SOURCE",
            "USER_CATALOGUE_FILE",
            "load_user_catalogue",
            "members_in_force",
            "shipped_catalogue",
            "user_catalogue_path",
        )
    },
    **{n: "specs" for n in ("UnitSpec", "canonical", "catalogue_specs")},
    **{n: "tables" for n in ("UnitTables", "unit_tables")},
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    if name == "GOVERNMENT_GROUPS":
        from .kinds import COUNTY, DISTRICT, PREFECTURE, TOWN

        return (DISTRICT, TOWN, PREFECTURE, COUNTY)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# GOVERNMENT_GROUPS (lazy, above): the collectives of subordinate governments, whose members
# come from a catalogue.

# Names of the 2021 document's collectives, for the callers that use them.
ALL_DISTRICTS = "各区县政府"
ALL_DEPARTMENTS = "市政府各部门"
RELEVANT_DEPARTMENTS = "市政府有关部门"

__all__ = [
    "ALL_DEPARTMENTS",
    "ALL_DISTRICTS",
    "GOVERNMENT_GROUPS",
    "CITY_DEPT",
    "COLLECTIVE",
    "COUNTY",
    "DEPARTMENT_KINDS",
    "DIRECT",
    "DISTRICT",
    "DISTRICTS",
    "OTHER",
    "PARTY",
    "PREFECTURE",
    "RELEVANT_DEPARTMENTS",
    "SHIPPED_SOURCE",
    "SHORT_NAMES",
    "TO_CONFIRM",
    "TOWN",
    "USER_CATALOGUE_FILE",
    "VIA_COLLECTIVE",
    "VIA_LABEL",
    "VIA_RANK",
    "Alias",
    "Catalogue",
    "CatalogueError",
    "CollectiveClass",
    "Entry",
    "MemberCatalogue",
    "UnitSpec",
    "UnitTables",
    "UnknownUnit",
    "aliases",
    "canonical",
    "catalogue_specs",
    "collective_class",
    "department_kind",
    "describe_members",
    "document_level",
    "document_place",
    "empty_collectives",
    "is_department",
    "is_party_body",
    "load_catalogue_file",
    "load_catalogue_text",
    "load_user_catalogue",
    "members_in_force",
    "memberships",
    "merge",
    "shipped_catalogue",
    "title_place",
    "unit_kind",
    "unit_tables",
    "user_catalogue_path",
]
