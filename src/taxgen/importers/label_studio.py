"""Label Studio labeling configuration (XML) -> one taxonomy per control tag that holds labels.

``<Labels>``-like tags give span, box or polygon taxonomies; ``<Choices>`` a single- or
multi-label one; ``<Taxonomy>`` a hierarchy from nested ``<Choice>`` tags. The label's stored
value (``alias`` if set, else ``value``) becomes its id when it is a valid id, ``value`` its
name, ``hint`` its definition, ``background`` its color. A ``<Choices>``, ``<TextArea>`` or
``<Number>`` shown for one label only (``visibleWhen="region-selected" whenLabelValue=…`` or
``visibleWhen="choice-selected" whenTagName=… whenChoiceValue=…``) becomes an attribute of
that label rather than a taxonomy of its own.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ..model import Task, Taxonomy
from .base import ImportOptions, ImportResult, LabelSet, Reporter, humanize, part_id, read_document
from .safe_xml import XmlDocument, local_name, parse_xml

FORMAT = "label-studio"
TITLE = "Label Studio"
SUFFIXES = (".xml",)

# Data tags: what is being labeled. Video and time series have no taxgen data kind; the
# nearest one is used and said so.
OBJECT_TAGS = {
    "Text": "text", "HyperText": "text", "Paragraphs": "text", "Chat": "text", "Table": "text", "List": "text",
    "Markdown": "text", "Image": "image", "Audio": "audio", "AudioPlus": "audio", "Pdf": "document",
    "Video": "image", "TimeSeries": "audio",
}
NEAREST_DATA = {"Video": "video", "TimeSeries": "time series"}

# Control tags holding <Label> children, and the task kind they mean.
REGION_CONTROLS = {
    "Labels": "spans", "HyperTextLabels": "spans", "ParagraphLabels": "spans", "TimeSeriesLabels": "spans",
    "TimelineLabels": "spans", "RectangleLabels": "boxes", "EllipseLabels": "boxes", "KeyPointLabels": "boxes",
    "OcrLabels": "boxes", "PolygonLabels": "polygons", "BrushLabels": "polygons", "BitmaskLabels": "polygons",
    "VectorLabels": "polygons",
}
CHOICE_CONTROLS = ("Choices", "Taxonomy")
CONTROL_ATTRIBUTES = {"name", "toName", "choice", "leafsOnly", "maxUsages", "value", "apiUrl"}
# Free-form inputs: an attribute when shown for one label, otherwise not a label set.
INPUT_CONTROLS = {"TextArea": "text", "Number": "number"}
# Known tags without a label set: layout, tools and free-form inputs.
OTHER_TAGS = {
    "View", "Header", "Style", "Filter", "Collapse", "Panel", "Channel", "Bucket", "Relations", "Relation",
    "Rating", "DateTime", "Ranker", "Pairwise", "Rectangle", "Polygon", "KeyPoint",
    "Ellipse", "Brush", "MagicWand", "VideoRectangle", "Bitmask", "Vector", "Shortcut", "Repeater", "Item",
    "Choice", "Label", "MultiChannel", "Magicwand", "ReactCode", "Timeline",
}
# Label attributes with a taxgen home; the rest (selected, html, opacity, …) are display settings.
KEPT_ATTRIBUTES = {"value", "alias", "hint", "hotkey", "background"}


def read(data: bytes, options: ImportOptions) -> ImportResult:
    reporter, doc = read_document(data, options, parse_xml)
    if doc is None:
        return reporter.result()
    return reporter.result(_Reader(doc, options, reporter).taxonomies())


class _Reader:
    def __init__(self, doc: XmlDocument, options: ImportOptions, reporter: Reporter):
        self.doc, self.options, self.reporter = doc, options, reporter
        self.objects: dict[str, str] = {}  # object tag name -> tag
        self.instructions: dict[int, str] = {}  # id(control) -> text of the <Header> just before it
        self.dropped: set[str] = set()

    def where(self, element: Element):
        return self.reporter.at(*self.doc.position(element))

    def taxonomies(self) -> list[Taxonomy]:
        if local_name(self.doc.root.tag) != "View":
            self.reporter.report("TI004", f"the root tag is <{local_name(self.doc.root.tag)}>, not <View>",
                                 self.where(self.doc.root))
        controls = self._scan(self.doc.root)
        for control in controls:
            if not control.get("name"):
                self.reporter.report("TI010", f"<{local_name(control.tag)}> has no name attribute; skipped",
                                     self.where(control), "every control tag needs a unique name")
        named = [c for c in controls if c.get("name")]
        candidates = [c for c in named if _attribute_of(c) is not None]
        label_controls = [c for c in named if c not in candidates and local_name(c.tag) not in INPUT_CONTROLS]
        sets = {c.get("name"): (c, self._label_set(c, len(label_controls) > 1)) for c in label_controls}
        for control in candidates:
            if not self._attach(control, sets) and local_name(control.tag) not in INPUT_CONTROLS:
                sets[control.get("name")] = (control, self._label_set(control, True))
        taxonomies = [labels.taxonomy(humanize(control.get("name")), self._task(control, local_name(control.tag)))
                      for control, labels in sets.values() if labels is not None]
        if self.dropped:
            self.reporter.report("TI009", "Label Studio settings not kept: " + ", ".join(sorted(self.dropped)),
                                 hint="taxgen keeps labels, hierarchy, names, hints, colors, hotkeys and "
                                      "per-label questions (as attributes)")
        return taxonomies

    def _scan(self, root: Element) -> list[Element]:
        """Control tags that hold labels or can be a label's attribute, in document order;
        object tags and the <Header> above each control on the way."""
        controls: list[Element] = []
        header = None
        for element in _walk_outside_controls(root):
            tag = local_name(element.tag)
            if tag in OBJECT_TAGS and element.get("name"):
                self.objects[element.get("name")] = tag
            if tag == "Header":
                header = (element.get("value") or "".join(element.itertext())).strip()
            elif tag in REGION_CONTROLS or tag in CHOICE_CONTROLS or tag in INPUT_CONTROLS:
                controls.append(element)
                if header:
                    self.instructions[id(element)] = header
                header = None
            elif tag not in OBJECT_TAGS and tag not in OTHER_TAGS:
                self.reporter.report("TI004", f"unknown tag <{tag}>; skipped", self.where(element),
                                     "taxgen reads Label Studio's labeling tags; check the spelling")
        return controls

    def _label_set(self, control: Element, several: bool) -> LabelSet | None:
        tag, name = local_name(control.tag), control.get("name")
        labels = LabelSet(part_id(self.options, name, several), self.reporter)
        if tag == "Taxonomy":
            self._choices(control, labels, parent=None)
        else:
            child = "Choice" if tag == "Choices" else "Label"
            for element in _items(control, child, self.reporter, self.where):
                self._add(element, labels, parent=None)
        if not labels.drafts:
            dynamic = control.get("value", "").startswith("$") or control.get("apiUrl")
            self.reporter.report("TI005" if not dynamic else "TI009",
                                 f"<{tag} name=\"{name}\"> has no labels" +
                                 ("; they come from the task data or an API at labeling time" if dynamic else ""),
                                 self.where(control))
            return None
        return labels

    def _attach(self, control: Element, sets: dict) -> bool:
        """Make a control shown only for one label (visibleWhen) an attribute of that label."""
        owner_control, value = _attribute_of(control)
        owners = [sets[owner_control]] if owner_control in sets else \
            [entry for entry in sets.values() if not owner_control and local_name(entry[0].tag) in REGION_CONTROLS]
        for _owner, labels in owners:
            draft = labels.find(value) if labels is not None else None
            if draft is not None:
                draft.attributes.append(self._attribute(control, labels))
                return True
        return False

    def _attribute(self, control: Element, labels: LabelSet):
        tag, name = local_name(control.tag), control.get("name").rsplit("/", 1)[-1]
        description = self.instructions.get(id(control), "")
        description = "" if description == name else description
        if tag in INPUT_CONTROLS:
            return labels.attribute(name, INPUT_CONTROLS[tag], description=description, where=self.where(control))
        options = [o for o in _items(control, "Choice", self.reporter, self.where) if o.get("value")]
        values = [o.get("value") for o in options]
        default = next((o.get("value") for o in options if o.get("selected") == "true"), None)
        if control.get("choice") == "multiple" and len(options) == 1:  # one box to tick
            return labels.attribute(name, "checkbox", default=default is not None,
                                    description=values[0] if values[0] != name else "", where=self.where(control))
        if control.get("choice") == "multiple":
            self.reporter.report("TI006", f"'{name}' allows several answers; taxgen attributes take one",
                                 self.where(control))
        kind = "select" if control.get("layout") == "select" or control.get("choice") == "multiple" else "radio"
        return labels.attribute(name, kind, values, default=default, description=description,
                                where=self.where(control))

    def _choices(self, parent_element: Element, labels: LabelSet, parent: str | None) -> None:
        for element in _items(parent_element, "Choice", self.reporter, self.where):
            draft = self._add(element, labels, parent)
            if draft is not None:
                self._choices(element, labels, draft.id)

    def _add(self, element: Element, labels: LabelSet, parent: str | None):
        value = element.get("value")
        if value is None or not value.strip():
            self.reporter.report("TI010", f"<{local_name(element.tag)}> without a value; skipped", self.where(element))
            return None
        alias = element.get("alias")
        self.dropped.update(set(element.attrib) - KEPT_ATTRIBUTES)
        return labels.add(value, key=alias or value, parent=parent, where=self.where(element),
                          definition=(element.get("hint") or "").strip(), hotkey=element.get("hotkey"),
                          color=element.get("background"))

    def _task(self, control: Element, tag: str) -> Task:
        target = (control.get("toName") or "").split(",")[0].strip()
        object_tag = self.objects.get(target)
        data = OBJECT_TAGS.get(object_tag, "text")
        if object_tag is None:
            self.reporter.report("TI004", f"toName=\"{target}\" names no data tag; assuming text", self.where(control))
        elif object_tag in NEAREST_DATA:
            self.reporter.report("TI006", f"taxgen has no '{NEAREST_DATA[object_tag]}' data kind; wrote '{data}'",
                                 self.where(control))
        if tag == "Choices":
            kind = "multi-label" if control.get("choice") == "multiple" else "single-label"
        elif tag == "Taxonomy":
            kind = "single-label" if control.get("maxUsages") == "1" else "multi-label"
        else:
            kind = REGION_CONTROLS[tag]
            if kind == "spans" and data == "image":
                kind = "boxes"
        leaf_only = tag != "Taxonomy" or control.get("leafsOnly", "").lower() == "true"
        self.dropped.update(set(control.attrib) - CONTROL_ATTRIBUTES)
        instructions = self.instructions.get(id(control)) or _inner_header(control)
        return Task(kind=kind, data=data, leaf_only=leaf_only, instructions=instructions)


def _walk_outside_controls(root: Element):
    """Every element in document order, not descending into control tags (their children are labels)."""
    yield root
    tag = local_name(root.tag)
    if tag in REGION_CONTROLS or tag in CHOICE_CONTROLS:
        return
    for child in root:
        yield from _walk_outside_controls(child)


def _attribute_of(control: Element) -> tuple[str, str] | None:
    """(owning control name or "", label value) when the control is shown for exactly one label."""
    shown, tag_name = control.get("visibleWhen"), control.get("whenTagName") or ""
    value = control.get("whenLabelValue") if shown == "region-selected" else \
        control.get("whenChoiceValue") if shown == "choice-selected" and tag_name else None
    if not value or "," in value:
        return None
    return tag_name, value


def _inner_header(control: Element) -> str:
    """A <Header> placed inside the control, above its choices: the question asked."""
    for element in control.iter():
        if local_name(element.tag) == "Header":
            return (element.get("value") or "".join(element.itertext())).strip()
    return ""


def _items(parent: Element, child_tag: str, reporter: Reporter, where):
    """Direct ``child_tag`` children, looking through layout tags (<View>, <Header>) inside the control."""
    for child in parent:
        tag = local_name(child.tag)
        if tag == child_tag:
            yield child
        elif tag in ("View", "Header", "Style", "Collapse", "Panel"):
            yield from _items(child, child_tag, reporter, where)
        else:
            reporter.report("TI004", f"unexpected <{tag}> inside a control; skipped", where(child))
