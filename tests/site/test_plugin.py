"""The MkDocs plugin's hooks on their own: what `mkdocs serve` watches, the offline worker shim, bounded logs."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import Files
from site_helpers import copy_fixture

from taxgen.diagnostics import Diagnostic, Location, Severity
from taxgen.site.plugin import MAX_NOTES, WORKER_SHIM, report


class RecordingServer:
    """Stands in for MkDocs' LiveReloadServer: records what the plugin asks it to watch."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, *args, **kwargs) -> None:
        self.watched.append(path)


def configured(project: Path):
    """The project's MkDocs config after every plugin's on_config, and the taxgen plugin."""
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    return config, config.plugins["taxgen"]


def test_serve_watches_taxonomies_guidelines_media_and_the_score_report(tmp_path):
    project = copy_fixture(tmp_path, "golden_items: show\n      score_report: quality.json")
    (project / "quality.json").write_text("{}")
    config, plugin = configured(project)
    server = RecordingServer()
    assert plugin.on_serve(server, config=config, builder=None) is server
    root = project.resolve()
    assert server.watched == [str(root / "taxonomies"), str(root / "guidelines"), str(root / "quality.json")]


def test_serve_also_watches_golden_item_files_the_build_found(tmp_path):
    project = copy_fixture(tmp_path)
    config, plugin = configured(project)
    plugin.on_files(Files([]), config)  # the first build, which `mkdocs serve` runs before on_serve
    server = RecordingServer()
    plugin.on_serve(server, config=config, builder=None)
    root = project.resolve()
    assert server.watched == [str(root / "taxonomies"), str(root / "guidelines"), str(root / "media/lynx.svg")]


def test_folders_that_do_not_exist_are_not_watched(tmp_path):
    project = copy_fixture(tmp_path)
    shutil.rmtree(project / "guidelines")
    config, plugin = configured(project)
    server = RecordingServer()
    plugin.on_serve(server, config=config, builder=None)
    assert server.watched == [str(project.resolve() / "taxonomies")]


def test_offline_plugin_gets_taxgens_worker_shim_instead_of_one_from_the_internet(tmp_path):
    config, plugin = configured(copy_fixture(tmp_path))
    assert list(config.extra["polyfills"]) == [WORKER_SHIM]
    assert plugin.worker_shim


def test_without_the_offline_plugin_no_shim_is_added(tmp_path):
    project = copy_fixture(tmp_path)
    mkdocs_yml = project / "mkdocs.yml"
    mkdocs_yml.write_text(mkdocs_yml.read_text().replace("  - offline\n", ""))
    config, plugin = configured(project)
    assert not config.extra.get("polyfills") and not plugin.worker_shim
    files = plugin.on_files(Files([]), config)
    assert files.get_file_from_path(WORKER_SHIM) is None


def test_a_build_logs_a_bounded_number_of_warnings(caplog):
    warnings = [Diagnostic("TG403", Severity.WARNING, f"leaf label 'l{n}' has no golden item", Location("t.yaml", n, 5))
                for n in range(1, MAX_NOTES + 31)]
    error = Diagnostic("TG202", Severity.ERROR, "unknown parent", Location("t.yaml", 99, 5))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.taxgen"):
        assert report([*warnings, error]) == 1
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == MAX_NOTES + 2
    assert messages[0] == "t.yaml:1:5: warning TG403 leaf label 'l1' has no golden item"
    assert "t.yaml:99:5: error TG202 unknown parent" in messages
    assert messages[-1] == "taxgen: 30 more warnings and notes (`taxgen check` lists them all)"
