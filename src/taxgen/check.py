"""Run the rules over a loaded project and apply the project's rule settings."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity, sorted_diagnostics
from .loading.project import load_project
from .model import Config, Project
from .rules import RULES, Context


class DiagnosticCounts:
    """Mixin for results holding ``diagnostics``: how many are errors and warnings."""

    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        return sum(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity is Severity.WARNING for d in self.diagnostics)


@dataclass(frozen=True)
class CheckResult(DiagnosticCounts):
    project: Project
    diagnostics: tuple[Diagnostic, ...]


@contextmanager
def _collector_paused():
    """Rules make hundreds of thousands of short-lived objects and no reference cycles; the cyclic
    garbage collector's passes over a 100,000-label model would cost more than the rules themselves.
    Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def run_rules(project: Project, scope: str | None = None) -> list[Diagnostic]:
    """Every enabled rule's findings (or only those of the rules of ``scope``)."""
    ctx = Context(project)
    out: list[Diagnostic] = []
    with _collector_paused():
        for info in RULES.values():
            setting = project.config.rules.get(info.code)
            if info.check is None or (setting is not None and not setting.enabled):
                continue
            if scope is not None and info.scope != scope:
                continue
            out.extend(info.check(ctx))
    return out


def apply_settings(diagnostics, config: Config) -> list[Diagnostic]:
    """Drop disabled rules and apply severity overrides, then sort for stable output."""
    out = []
    for diagnostic in diagnostics:
        setting = config.rules.get(diagnostic.code)
        if setting is not None:
            if not setting.enabled:
                continue
            if setting.severity:
                diagnostic = diagnostic.with_severity(Severity(setting.severity))
        out.append(diagnostic)
    return sorted_diagnostics(out)


def check_project(project: Project, load_diagnostics=()) -> CheckResult:
    found = run_rules(project)
    with _collector_paused():
        diagnostics = apply_settings([*load_diagnostics, *found], project.config)
    return CheckResult(project, tuple(diagnostics))


def check_path(root: Path, config: Config | None = None) -> CheckResult:
    """Load and check the project at ``root``."""
    loaded = load_project(root, config)
    return check_project(loaded.project, loaded.diagnostics)
