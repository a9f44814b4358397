"""Just enough semantic versioning for the diff's version checks."""

from __future__ import annotations

import re

_SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")


def parse(version: str) -> tuple[int, int, int, tuple] | None:
    """A sortable key (pre-releases sort before their release), or None when not semver."""
    match = _SEMVER.match(version.strip())
    if match is None:
        return None
    major, minor, patch, pre = match.groups()
    pre_key: tuple = (1,) if pre is None else (0, *(
        (0, int(part), "") if part.isdigit() else (1, 0, part) for part in pre.split(".")))
    return int(major), int(minor), int(patch), pre_key


def compatibility_line(version: str) -> tuple[int, ...] | None:
    """What must change for a breaking release: MAJOR, or MINOR while MAJOR is 0 (as Cargo does)."""
    key = parse(version)
    if key is None:
        return None
    major, minor = key[0], key[1]
    return (0, minor) if major == 0 else (major,)


def bumped_breaking(old: str, new: str) -> bool:
    """True when ``new`` starts a new compatibility line after ``old``."""
    old_line, new_line = compatibility_line(old), compatibility_line(new)
    return old_line is not None and new_line is not None and new_line > old_line


def decreased(old: str, new: str) -> bool:
    old_key, new_key = parse(old), parse(new)
    return old_key is not None and new_key is not None and new_key < old_key
