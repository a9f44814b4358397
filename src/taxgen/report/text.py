"""Compiler-style lines: ``path:line:col: error TG104 message (hint)``."""

from __future__ import annotations

_COLORS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"


def render(diagnostics, summary: dict, *, color: bool = False) -> str:
    lines = []
    for d in diagnostics:
        where = str(d.location)
        severity = d.severity.value
        hint = f" ({d.hint})" if d.hint else ""
        if color:
            lines.append(f"{_BOLD}{where}:{_RESET} {_COLORS[severity]}{severity}{_RESET} {_DIM}{d.code}{_RESET} "
                         f"{d.message}{_DIM}{hint}{_RESET}")
        else:
            lines.append(f"{where}: {severity} {d.code} {d.message}{hint}")
    counts = [(summary["files"], "file", "files"), (summary["taxonomies"], "taxonomy", "taxonomies"),
              (summary["labels"], "label", "labels")]
    problems = [(summary["errors"], "error", "errors"), (summary["warnings"], "warning", "warnings")]
    lines.append(f"{_counted(counts)}: {_counted(problems)}")
    return "\n".join(lines) + "\n"


def _counted(items) -> str:
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in items)
