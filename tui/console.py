"""Console output that never crashes on a character the console's encoding lacks.

On Chinese Windows, output redirected to a file or a pipe is encoded in GBK (code page 936),
and so is a Linux terminal set to zh_CN.GBK. GBK has no U+00A0 or U+2002 (both in the
source document), no emoji and no rarer CJK characters a user may have typed into a note:
printing one would raise UnicodeEncodeError half way through a listing. Such characters are
printed as a space (the space-like ones) or `?` instead. UTF-8 output is left alone.

Standard library only: the console script calls this before anything else loads.
"""

from __future__ import annotations

import codecs
import sys

ERROR_HANDLER = "gongkai-tui-console"
_SPACES = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000")


def _replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(" " if ch in _SPACES else "?" for ch in bad), error.end


def tolerate_unencodable_output() -> None:
    """Make sys.stdout and sys.stderr replace what their (non-UTF) encoding cannot encode."""
    try:
        codecs.lookup_error(ERROR_HANDLER)
    except LookupError:
        codecs.register_error(ERROR_HANDLER, _replace)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            if codecs.lookup(stream.encoding).name.startswith("utf"):
                continue
            reconfigure(errors=ERROR_HANDLER)
        except (AttributeError, LookupError, OSError, TypeError, ValueError):
            pass
