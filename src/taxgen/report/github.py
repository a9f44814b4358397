"""GitHub Actions workflow commands, shown as annotations on the pull request's files."""

from __future__ import annotations

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics, summary: dict, **_options) -> str:
    lines = []
    for d in diagnostics:
        props = [f"file={_escape_property(d.path)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={_escape_property(d.code)}")
        message = d.message + (f" ({d.hint})" if d.hint else "")
        lines.append(f"::{_LEVEL[d.severity.value]} {','.join(props)}::{_escape_data(message)}")
    lines.append(f"taxgen: {summary['errors']} errors, {summary['warnings']} warnings")
    return "\n".join(lines) + "\n"
