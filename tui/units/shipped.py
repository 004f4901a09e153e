"""The catalogue shipped with the package (Chongqing), and the user's catalogue file.

The shipped members live in `data/chongqing.txt` (package data, read with importlib.resources);
the user's in `单位目录.txt` in the data directory, which a district office writes to list its 镇街
and departments.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from .catalogue_file import MemberCatalogue, load_catalogue_file, load_catalogue_text, merge

SHIPPED_SOURCE = "随程序附带(重庆市)"
SHIPPED_FILE = "chongqing.txt"
USER_CATALOGUE_FILE = "单位目录.txt"


@functools.cache
def shipped_catalogue() -> MemberCatalogue:
    """Chongqing's 38 区县 and 两江新区、重庆高新区、万盛经开区, with their aliases."""
    text = resources.files(__package__).joinpath("data", SHIPPED_FILE).read_text(encoding="utf-8")
    return load_catalogue_text(text, SHIPPED_SOURCE)


def user_catalogue_path(data_dir: Path) -> Path:
    return Path(data_dir) / USER_CATALOGUE_FILE


def load_user_catalogue(data_dir: Path) -> MemberCatalogue | None:
    """The user's catalogue in `data_dir`, or None when there is none. Raises CatalogueError."""
    path = user_catalogue_path(data_dir)
    return load_catalogue_file(path) if path.is_file() else None


def members_in_force(data_dir: Path | None = None) -> MemberCatalogue:
    """The shipped catalogue merged with the user's (if `data_dir` holds one)."""
    user = load_user_catalogue(data_dir) if data_dir is not None else None
    return merge(shipped_catalogue(), user)


# The 区县 of the shipped catalogue, for the callers that import the tuple.
DISTRICTS: tuple[str, ...] = tuple(shipped_catalogue().names("区县"))
