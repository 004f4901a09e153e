"""SQLite: schema, queries, progress and history writes. Never imports textual, typer or openpyxl."""

from .api import Store
from .errors import InputError, StoreError
from .queries import Entry
from .schema import STATUSES

__all__ = ["Entry", "InputError", "STATUSES", "Store", "StoreError"]
