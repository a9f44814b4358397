"""The MkDocs plugin (entry point ``taxgen``): the edge where the site touches files and MkDocs.

It loads and checks the project, compiles it, asks ``pages.site_plan`` for the pages and adds
them as in-memory files, so ``mkdocs serve`` rebuilds them when a taxonomy or guideline changes.
Errors in the project stop the build with every diagnostic logged as file:line:col.
"""

from __future__ import annotations

import json
import logging
import os
from importlib import resources
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from ..check import check_project
from ..diagnostics import Diagnostic, Location, Severity
from ..loading.config import CONFIG_FILE, OPTIONS, config_from_options
from ..loading.project import load_project
from ..model import Config, Project
from ..report.text import printable
from ..writer import write_atomic
from .html import esc
from .layout import QUALITY
from .pages import SitePlan, site_plan
from .sanitize import sanitize_html
from .search_index import trimmed_index
from .taxonomy_pages import Download

log = logging.getLogger("mkdocs.plugins.taxgen")

CSS = "assets/taxgen/taxgen.css"
# Runs material's search worker on pages opened from file://; replaces the shim material's offline
# plugin would fetch from unpkg.com, so a site on a file share searches without the internet.
WORKER_SHIM = "assets/taxgen/iframe-worker.js"
MAX_NOTES = 20  # warnings and notes logged one by one during a build; `taxgen check` lists them all
_ANY = (str, int, float, bool, list, dict)
# Extensions the generated pages rely on (tables and admonitions, fenced code in rule docs).
_EXTENSIONS = ("tables", "admonition", "attr_list", "toc")
_FENCES = ("fenced_code", "pymdownx.superfences")


# Mirrors loading.config.OPTIONS; values are checked by config_from_options, as the CLI checks them.
TaxgenPluginConfig = type("TaxgenPluginConfig", (base.Config,), {name: c.Optional(c.Type(_ANY)) for name in OPTIONS})


def format_diagnostic(diagnostic: Diagnostic) -> str:
    hint = f" ({diagnostic.hint})" if diagnostic.hint else ""
    return printable(f"{diagnostic.location}: {diagnostic.severity.value} {diagnostic.code} {diagnostic.message}{hint}")


def report(diagnostics) -> int:
    """Log diagnostics; errors as MkDocs errors, the first few others as information (`taxgen check`
    is the linter: a build of a big taxonomy must not print thousands of warnings)."""
    errors = notes = 0
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.ERROR:
            errors += 1
            log.error(format_diagnostic(diagnostic))
        else:
            notes += 1
            if notes <= MAX_NOTES:
                log.info(format_diagnostic(diagnostic))
    if notes > MAX_NOTES:
        log.info(f"taxgen: {notes - MAX_NOTES} more warnings and notes (`taxgen check` lists them all)")
    return errors


def asset(name: str) -> bytes:
    return resources.files("taxgen.site").joinpath(f"assets/{name}").read_bytes()


def use_own_worker_shim(config) -> bool:
    """Swap the worker shim material's offline plugin loads from unpkg.com for taxgen's own file."""
    polyfills = list(config.extra.get("polyfills") or ())
    shims = [url for url in polyfills if "iframe-worker" in str(url) and "unpkg.com" in str(url)]
    if not shims:
        return False
    config.extra["polyfills"] = [WORKER_SHIM if url in shims else url for url in polyfills]
    return True


def nav_config(entries) -> list:
    """Site navigation in mkdocs.yml form; titles escaped, as the theme prints them as HTML."""
    return [{esc(title): nav_config(target) if isinstance(target, list) else target} for title, target in entries]


class TaxgenPlugin(BasePlugin[TaxgenPluginConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.root = Path.cwd()
        self.project_config = Config()
        self.sanitized: set[str] = set()
        self.plan: SitePlan | None = None
        self.worker_shim = False
        self.watched_media: list[Path] = []

    # ---- configuration -----------------------------------------------------------------------------
    @event_priority(-100)  # after material's offline plugin has added its worker shim
    def on_config(self, config):
        self.root = Path(config.config_file_path or CONFIG_FILE).resolve().parent
        options = {name: value for name, value in self.config.items() if value is not None}
        self.project_config, problems = config_from_options(options)
        if report(problems):
            raise PluginError(f"taxgen: the taxgen options in {CONFIG_FILE} have errors (see above)")
        for extension in _EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if not any(fence in config.markdown_extensions for fence in _FENCES):
            config.markdown_extensions.append("fenced_code")
        if CSS not in config.extra_css:
            config.extra_css.append(CSS)
        self.worker_shim = use_own_worker_shim(config)
        return config

    # ---- pages -------------------------------------------------------------------------------------
    def load(self) -> Project:
        loaded = load_project(self.root, self.project_config)
        result = check_project(loaded.project, loaded.diagnostics)
        errors = report(result.diagnostics)
        if errors:
            raise PluginError(f"taxgen: the project has {errors} error{'s' if errors != 1 else ''} (listed above); "
                              "fix them, or run `taxgen check` for details")
        return result.project

    def downloads(self, project: Project) -> tuple[dict[str, list[Download]], dict[str, bytes]]:
        """Compiled schemas per taxonomy, and their bytes by site path."""
        from ..compile import compile_project

        compiled, problems = compile_project(project, project.config.targets or None)
        if report(problems):
            raise PluginError("taxgen: compiling the label configurations failed (see above)")
        by_taxonomy: dict[str, list[Download]] = {}
        contents: dict[str, bytes] = {}
        for rel in sorted(compiled):
            parts = rel.split("/")
            if parts[0] == "schemas":
                parts = parts[1:]
            if parts == ["index.json"]:  # every file with its sha256, for tools that fetch them
                contents["schemas/index.json"] = compiled[rel]
                continue
            if len(parts) < 2 or project.taxonomy(parts[0]) is None:
                continue
            site_path = "schemas/" + "/".join(parts)
            data = compiled[rel]
            contents[site_path] = data.encode("utf-8") if isinstance(data, str) else data
            by_taxonomy.setdefault(parts[0], []).append(Download("/".join(parts[1:]), site_path))
        return by_taxonomy, contents

    def quality(self, project: Project) -> str | None:
        from ..score.site_page import quality_markdown

        name = project.config.score_report
        if name is None:
            return None
        path = self.root / name
        if self.root not in path.resolve().parents:
            raise PluginError(f"taxgen: the score report {name} is a link to a place outside the project")
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError, RecursionError) as exc:  # RecursionError: JSON nested thousands deep
            raise PluginError(f"taxgen: cannot read the score report {name}: {exc}") from None
        return quality_markdown(data, project, page=QUALITY)

    def media(self, project: Project) -> dict[str, Path]:
        """Golden items' files inside the project, by project-relative path."""
        out = {}
        for item in project.golden_items:
            if not item.file:
                continue
            path = (self.root / item.file).resolve()
            if (self.root in path.parents) and path.is_file():
                out[item.file] = path
        return out

    def outside_files(self, files: Files, config) -> list[Diagnostic]:
        """Files MkDocs would publish from the docs folder (or the theme's custom_dir) that lie
        outside the project: the docs folder set to one, or links out of it (MkDocs follows them)."""
        own = {Path(folder).resolve() for folder in (config.docs_dir, config.theme.custom_dir) if folder}
        found: dict[str, Diagnostic] = {}
        for file in files:
            if file.src_dir is None or Path(file.src_dir).resolve() not in own:
                continue
            entry = self._way_out(Path(file.src_dir), Path(file.src_uri).parts)
            if entry is not None and entry not in found:
                shown = Path(os.path.relpath(entry, self.root)).as_posix()
                found[entry] = Diagnostic("TG008", Severity.ERROR,
                                          f"'{shown}' leads outside the project, to {Path(entry).resolve()}",
                                          Location(shown), "the site publishes only files inside the project; copy them in")
        return list(found.values())

    def _way_out(self, folder: Path, parts: tuple[str, ...]) -> str | None:
        """The first of ``folder`` and the steps down to a file that resolves outside the project."""
        for depth in range(len(parts) + 1):
            step = folder.joinpath(*parts[:depth])
            if self.root not in step.resolve().parents and step.resolve() != self.root:
                return str(step)
        return None

    def on_files(self, files: Files, config) -> Files:
        if report(self.outside_files(files, config)):
            raise PluginError("taxgen: the site would publish files from outside the project (listed above)")
        project = self.load()
        downloads, compiled = self.downloads(project)
        media = self.media(project)
        self.plan = site_plan(project, directory_urls=config.use_directory_urls, downloads=downloads,
                              quality_markdown=self.quality(project), media=frozenset(media))
        user_pages = {f.src_uri for f in files.documentation_pages()}
        self.sanitized = set()
        for page in self.plan.pages:
            if page.path in user_pages:
                log.info(f"taxgen: docs/{page.path} is yours; the generated page of that name is left out")
                continue
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.path, content=page.markdown, inclusion=inclusion))
            if page.user_markdown:
                self.sanitized.add(page.path)
        for site_path, data in compiled.items():
            files.append(File.generated(config, site_path, content=data))
        for rel, path in sorted(media.items()):
            files.append(File.generated(config, f"media/{rel}", abs_src_path=str(path)))
        files.append(File.generated(config, CSS, content=asset("taxgen.css")))
        if self.worker_shim:
            files.append(File.generated(config, WORKER_SHIM, content=asset("iframe-worker.js")))
        self.watched_media = sorted(set(media.values()))
        config.nav = self.navigation(config.nav, user_pages)
        return files

    def navigation(self, user_nav, user_pages: set[str]) -> list:
        """The user's nav (or their own pages) first, then the generated sections."""
        generated = nav_config(self.plan.nav)
        if user_nav is not None:
            return list(user_nav) + generated[1:]
        return generated[:1] + sorted(user_pages - {"index.md"}) + generated[1:]

    @event_priority(-50)  # after the Markdown is rendered, before search indexes the page
    def on_page_content(self, html: str, page, config, files) -> str:
        if page.file.src_uri in self.sanitized:
            return sanitize_html(html)
        return html

    @event_priority(-50)  # after material's search plugin writes the index, before offline inlines it
    def on_post_build(self, config) -> None:
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file() and (trimmed := trimmed_index(index.read_text(encoding="utf-8"))) is not None:
            write_atomic(index, trimmed)

    # ---- serve -------------------------------------------------------------------------------------
    def on_serve(self, server, config, builder):
        """Rebuild when a taxonomy, guideline, golden item's file or the score report changes."""
        for path in self.watched_paths():
            server.watch(str(path))
        return server

    def watched_paths(self) -> list[Path]:
        folders = [self.root / self.project_config.taxonomies_dir, self.root / self.project_config.guidelines_dir]
        paths = [folder for folder in folders if folder.is_dir()]
        report_file = self.project_config.score_report
        if report_file and (self.root / report_file).is_file():
            paths.append(self.root / report_file)
        # media inside the watched folders are already covered
        return paths + [m for m in self.watched_media if not any(f in m.parents for f in paths)]
