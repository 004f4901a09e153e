"""Errors the store raises; each carries a message a user can act on."""


class StoreError(RuntimeError):
    """A database that cannot be used as asked (missing, damaged, locked, wrong version)."""


class InputError(ValueError):
    """Bad input to a store write: unknown item, bad status, bad evidence."""
