"""Compiler-style lines: ``path:line:col: error TG104 message (hint)``."""

from __future__ import annotations

import re

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"


# C0 and C1 controls but tab, line and paragraph separators, and the bidirectional overrides and
# isolates that make a terminal show text in another order ("Trojan Source").
_UNPRINTABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` fit for one terminal line: control characters written as escapes (``\\x1b``, ``\\n``),
    so a name from a file can neither drive the terminal nor fake another line of output."""
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def render(diagnostics, summary: dict, *, color: bool = False) -> str:
    lines = []
    for d in diagnostics:
        where = printable(str(d.location))
        severity = d.severity.value
        hint = f" ({printable(d.hint)})" if d.hint else ""
        if color:
            lines.append(f"{_BOLD}{where}:{_RESET} {_COLORS[severity]}{severity}{_RESET} {_DIM}{d.code}{_RESET} "
                         f"{printable(d.message)}{_DIM}{hint}{_RESET}")
        else:
            lines.append(f"{where}: {severity} {d.code} {printable(d.message)}{hint}")
    counts = [(summary["files"], "file", "files"), (summary["taxonomies"], "taxonomy", "taxonomies"),
              (summary["labels"], "label", "labels")]
    problems = [(summary["errors"], "error", "errors"), (summary["warnings"], "warning", "warnings")]
    lines.append(f"{_counted(counts)}: {_counted(problems)}")
    return "\n".join(lines) + "\n"


def _counted(items) -> str:
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in items)
