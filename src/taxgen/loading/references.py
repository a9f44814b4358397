"""File references must stay inside the project: golden items' media files (the site publishes
them) and the links and images of guidelines. The loader asks these questions, since only it
may look at the file system; each answer is a TG008 message and hint, or None.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Iterator
from urllib.parse import unquote

RELATIVE_HINT = "write the path relative to the project folder, e.g. media/cat.jpg, and keep the file inside it"

# Markdown links and images `](target`, reference definitions `[x]: target`, HTML src= and href=.
_TARGETS = re.compile(r"\]\(\s*<?(?P<md>[^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?(?P<ref>[^\s>]+)"
                      r"|\b(?:src|href)\s*=\s*[\"']?(?P<html>[^\"'\s>]+)", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).+?\1")


def media_problem(root: Path, reference: str) -> tuple[str, str] | None:
    """Why the media file ``reference`` (relative to the project ``root``) cannot be published."""
    if "\0" in reference:  # no file can have such a name (and resolving it raises ValueError)
        return f"media file '{reference}' holds a NUL character", "remove the NUL character (\\0) from the path"
    path = PurePosixPath(reference.replace("\\", "/"))
    if path.is_absolute() or PureWindowsPath(reference).drive:
        return f"media file '{reference}' is an absolute path, outside the project", RELATIVE_HINT
    if ".." in path.parts:
        return f"media file '{reference}' leaves the project with '..'", RELATIVE_HINT
    if any(part.startswith(".") for part in path.parts):
        return (f"media file '{reference}' is hidden (a name starting with '.'); hidden files are never published",
                "move the file to a folder such as media/")
    resolved = (root / path).resolve()
    if resolved != root and root not in resolved.parents:
        return (f"media file '{reference}' is a link to a place outside the project",
                "copy the file into the project instead of linking to it")
    return None


def guideline_link_problems(source: str, body: str, body_line: int) -> Iterator[tuple[int, int, str, str]]:
    """(line, column, message, hint) for each link or image of a guideline that leads out of the project.

    ``source`` is the guideline's project-relative path; a relative target is resolved from its
    folder. Links inside code (fenced blocks and `code spans`) are text, not links.
    """
    fenced = False
    for number, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for match in _TARGETS.finditer(visible):
            group = "md" if match.group("md") else "ref" if match.group("ref") else "html"
            problem = _link_problem(source, match.group(group))
            if problem:
                yield (body_line + number, match.start(group) + 1, *problem)


def _link_problem(source: str, target: str) -> tuple[str, str] | None:
    if target.lower().startswith("file:"):
        return (f"guideline links to a local file '{target}'; readers of the site cannot open it",
                "put the file in the site (e.g. in docs/) and link to it relatively, or link to an https:// address")
    if _SCHEME.match(target) or target.startswith(("/", "#")):
        return None
    path = unquote(re.split(r"[?#]", target, maxsplit=1)[0])  # browsers read %2e%2e as ..
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if resolved == ".." or resolved.startswith("../"):
        return (f"guideline links to '{target}', outside the project",
                "link to pages and files inside the project, or to an https:// address")
    return None
