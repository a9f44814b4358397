"""The ``taxgen`` block of mkdocs.yml: one configuration for the CLI and the site."""

from __future__ import annotations

import difflib
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..diagnostics import Diagnostic, Location, Severity
from ..model import Config, RuleSetting
from .yaml_source import YamlDocument, YamlError, decode_source, parse_yaml

CONFIG_FILE = "mkdocs.yml"

# option name -> (python type, Config field)
OPTIONS: dict[str, tuple[type | tuple, str]] = {
    "taxonomies": (str, "taxonomies_dir"),
    "guidelines": (str, "guidelines_dir"),
    "build_dir": (str, "build_dir"),
    "golden_items": (str, "golden_items"),
    "targets": (list, "targets"),
    "rules": (dict, "rules"),
    "score_report": (str, "score_report"),
    "label_pages_threshold": (int, "label_pages_threshold"),
    "mermaid_max_labels": (int, "mermaid_max_labels"),
}
RULE_LEVELS = ("off", "error", "warning", "info")
NAME_MAX = 255  # bytes in one file or folder name, on every common file system


def find_project_root(start: Path) -> Path | None:
    """The folder holding mkdocs.yml at or above ``start``."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def _plugin_block(doc: YamlDocument) -> tuple[dict, list]:
    """The taxgen plugin options and their JSON path inside mkdocs.yml."""
    data = doc.data if isinstance(doc.data, dict) else {}
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):
        block = plugins.get("taxgen")
        return (block if isinstance(block, dict) else {}), ["plugins", "taxgen"]
    if isinstance(plugins, list):
        for index, entry in enumerate(plugins):
            if isinstance(entry, dict) and "taxgen" in entry:
                block = entry["taxgen"]
                return (block if isinstance(block, dict) else {}), ["plugins", index, "taxgen"]
    return {}, []


def config_from_options(options: dict, locate=None, path: str = CONFIG_FILE) -> tuple[Config, list[Diagnostic]]:
    """Build a Config from plugin options; unknown or ill-typed options become diagnostics."""
    locate = locate or (lambda *_args, **_kw: Location(path))
    diagnostics: list[Diagnostic] = []
    values: dict[str, Any] = {}
    for key, value in options.items():
        if key not in OPTIONS:
            close = difflib.get_close_matches(str(key), list(OPTIONS), n=1)
            diagnostics.append(Diagnostic(
                "TG009", Severity.ERROR, f"unknown taxgen option '{key}'", locate(key, key=True),
                f"did you mean '{close[0]}'?" if close else f"options: {', '.join(OPTIONS)}"))
            continue
        kind, field_name = OPTIONS[key]
        if value is None:
            continue
        if not isinstance(value, kind) or isinstance(value, bool) and kind is int:
            diagnostics.append(Diagnostic("TG009", Severity.ERROR,
                                          f"taxgen option '{key}' must be a {kind.__name__}", locate(key)))
            continue
        values[field_name] = value
    diagnostics += _check_paths(values, locate)
    if "golden_items" in values and values["golden_items"] not in ("show", "hide"):
        diagnostics.append(Diagnostic("TG009", Severity.ERROR, "golden_items must be 'show' or 'hide'",
                                      locate("golden_items")))
        values.pop("golden_items")
    if "targets" in values:
        values["targets"] = tuple(str(t) for t in values["targets"])
    if "rules" in values:
        values["rules"], more = _rule_settings(values["rules"], locate)
        diagnostics += more
    return Config(**values), diagnostics


def _check_paths(values: dict, locate) -> list[Diagnostic]:
    out = []
    for option, field_name in (("taxonomies", "taxonomies_dir"), ("guidelines", "guidelines_dir"), ("build_dir", "build_dir"),
                               ("score_report", "score_report")):
        value = values.get(field_name)
        if value is None:
            continue
        parts = Path(value).parts
        if Path(value).is_absolute() or ".." in parts:
            out.append(Diagnostic("TG009", Severity.ERROR, f"taxgen option '{option}' leaves the project: {value!r}",
                                  locate(option), "use a path inside the project folder"))
            values.pop(field_name)
        elif "\0" in value or any(len(part.encode("utf-8", "surrogatepass")) > NAME_MAX for part in parts):
            # the file system refuses such a path (ValueError, ENAMETOOLONG) wherever taxgen would use it
            out.append(Diagnostic("TG009", Severity.ERROR,
                                  f"taxgen option '{option}' is not a usable path: it holds a NUL character or a "
                                  f"name longer than {NAME_MAX} bytes", locate(option), "use a short folder name"))
            values.pop(field_name)
        else:
            values[field_name] = Path(value).as_posix().rstrip("/") or "."
    return out


def _rule_settings(rules: dict, locate) -> tuple[MappingProxyType, list[Diagnostic]]:
    from ..rules import RULES  # the registry; imported late to keep loading independent of checks

    settings: dict[str, RuleSetting] = {}
    diagnostics = []
    for code, level in rules.items():
        code = str(code)
        if code not in RULES:
            close = difflib.get_close_matches(code, list(RULES), n=1)
            diagnostics.append(Diagnostic("TG009", Severity.ERROR, f"unknown rule '{code}' in taxgen rules",
                                          locate("rules", code, key=True),
                                          f"did you mean '{close[0]}'?" if close else "see `taxgen rules`"))
            continue
        level = {False: "off", True: "error"}.get(level, level) if isinstance(level, bool) else level
        if level not in RULE_LEVELS:
            diagnostics.append(Diagnostic("TG009", Severity.ERROR,
                                          f"rule {code}: level must be one of {', '.join(RULE_LEVELS)}",
                                          locate("rules", code)))
            continue
        settings[code] = RuleSetting(enabled=level != "off", severity=None if level == "off" else level)
    return MappingProxyType(settings), diagnostics


def read_config(root: Path) -> tuple[Config, list[Diagnostic]]:
    """Config from ``root/mkdocs.yml``; defaults when the file or the block is absent."""
    path = root / CONFIG_FILE
    if not path.is_file():
        return Config(), []
    try:
        doc = parse_yaml(decode_source(path.read_bytes(), CONFIG_FILE), CONFIG_FILE, lenient_tags=True)
    except YamlError as exc:
        return Config(), [exc.diagnostic]
    except OSError as exc:
        return Config(), [Diagnostic("TG010", Severity.ERROR, f"cannot read {CONFIG_FILE}: {exc.strerror}",
                                     Location(CONFIG_FILE))]
    if doc.data is not None and not isinstance(doc.data, dict):
        return Config(), [Diagnostic("TG009", Severity.ERROR, f"{CONFIG_FILE} must hold a mapping at the top level",
                                     Location(CONFIG_FILE, *doc.root), "start it with 'site_name: ...'")]
    block, base = _plugin_block(doc)

    def locate(*steps, key: bool = False) -> Location:
        return doc.locate(base + list(steps), key=key)

    config, diagnostics = config_from_options(block, locate)
    return config, _inherited_problems(root, doc) + diagnostics


def _inherited_problems(root: Path, doc: YamlDocument, depth: int = 0) -> list[Diagnostic]:
    """MkDocs reads the file named by INHERIT as it reads mkdocs.yml (code tags and all): it must
    be a file of the project, and is checked as mkdocs.yml is."""
    parent = doc.data.get("INHERIT") if isinstance(doc.data, dict) else None
    if not isinstance(parent, str):
        return []
    location = doc.locate(["INHERIT"])
    path = (root / Path(doc.path).parent / parent).resolve()
    if Path(parent).is_absolute() or root.resolve() not in path.parents:
        return [Diagnostic("TG009", Severity.ERROR, f"INHERIT leaves the project: {parent!r}", location,
                           "keep the shared settings in a file inside the project folder")]
    rel = path.relative_to(root.resolve()).as_posix()
    if depth >= 8 or not path.is_file():
        return []  # MkDocs reports a missing file and an endless chain itself
    try:
        inherited = parse_yaml(decode_source(path.read_bytes(), rel), rel, lenient_tags=True)
    except YamlError as exc:
        return [exc.diagnostic]
    except OSError as exc:
        return [Diagnostic("TG010", Severity.ERROR, f"cannot read {rel}: {exc.strerror}", Location(rel))]
    return _inherited_problems(root, inherited, depth + 1)
