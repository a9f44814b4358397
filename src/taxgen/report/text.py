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
    errors, warnings = summary["errors"], summary["warnings"]
    tail = (f"{summary['files']} files, {summary['taxonomies']} taxonomies, {summary['labels']} labels: "
            f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}")
    lines.append(tail)
    return "\n".join(lines) + "\n"
