"""XML parsing that never expands entities or follows external references, and keeps
each element's line and column for diagnostics."""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .base import Reporter

MAX_DEPTH = 64


class _PositionedBuilder(TreeBuilder):
    """Records where each element starts; expat knows the position while the start tag is handled."""

    def __init__(self) -> None:
        super().__init__()
        self.expat = None
        self.positions: dict[int, tuple[int, int]] = {}
        self.depth = 0

    def start(self, tag, attrs):  # noqa: D401 - TreeBuilder API
        element = super().start(tag, attrs)
        self.positions[id(element)] = (self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep(self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber + 1)
        return element

    def end(self, tag):
        self.depth -= 1
        return super().end(tag)


class _TooDeep(Exception):
    def __init__(self, line: int, column: int):
        super().__init__(line, column)
        self.position = (line, column)


class XmlDocument:
    def __init__(self, root: Element, positions: dict[int, tuple[int, int]]):
        self.root = root
        self._positions = positions

    def position(self, element: Element) -> tuple[int, int]:
        return self._positions.get(id(element), (0, 0))


def parse_xml(text: str, reporter: Reporter, *, allow_dtd: bool = False) -> XmlDocument | None:
    """The parsed document, or None with a diagnostic. DTDs are refused unless ``allow_dtd``;
    entity declarations and external references are refused always."""
    builder = _PositionedBuilder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=not allow_dtd, forbid_entities=True, forbid_external=True)
    builder.expat = parser.parser
    try:
        parser.feed(text)
        root = parser.close()
    except DefusedXmlException as exc:
        line, column = parser.parser.CurrentLineNumber, parser.parser.CurrentColumnNumber + 1
        reporter.report("TI003", f"XML {_describe(exc)} refused: taxgen never expands entities or loads external "
                                 "references", reporter.at(line, column),
                        "remove the <!DOCTYPE …> block; a label configuration does not need one")
        return None
    except _TooDeep as exc:
        reporter.report("TI002", f"XML is nested deeper than {MAX_DEPTH} levels", reporter.at(*exc.position))
        return None
    except ParseError as exc:
        line, column = exc.position
        message = str(exc).split(":", 1)[0]
        reporter.report("TI002", f"not well-formed XML: {message}", reporter.at(line, column + 1))
        return None
    return XmlDocument(root, builder.positions)


def _describe(exc: DefusedXmlException) -> str:
    name = type(exc).__name__
    return {"DTDForbidden": "document type declaration", "EntitiesForbidden": "entity declaration",
            "ExternalReferenceForbidden": "external reference"}.get(name, "construct")


def local_name(tag: str) -> str:
    """'{http://…}Label' -> 'Label'."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
