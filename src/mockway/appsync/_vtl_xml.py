"""``$util.xml`` of AppSync's mapping templates: XML read as org.json's XML conversion reads
it (the reference's examples give its rules)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._vtl import UtilError, VBool, VList, VMap, to_json

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

__all__ = ["Xml"]

_XML_INTEGER = re.compile(r"-?[0-9]+")
_XML_DECIMAL = re.compile(r"-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
_JAVA_LONG = 2**63


def _xml_value(text: str, keep_strings: bool) -> Any:
    """A text or attribute as org.json's XML conversion reads it: ``true``, ``false`` and
    ``null`` (in any case) and numbers as such, unless ``keep_strings``."""
    if keep_strings or not text:
        return text
    lowered = text.lower()
    if lowered in ("true", "false"):
        return VBool(lowered == "true")
    if lowered == "null":
        return None
    if _XML_INTEGER.fullmatch(text):
        number = int(text)  # as Java's Long, and only when it prints back the same
        return number if str(number) == text and -_JAVA_LONG <= number < _JAVA_LONG else text
    if _XML_DECIMAL.fullmatch(text) and text[0] != ".":
        return float(text)
    return text


def _xml_name(name: str, scope: Mapping[str, str]) -> str:
    """ElementTree's ``{uri}local`` as written in the document: ``prefix:local``."""
    if not name.startswith("{"):
        return name
    uri, _, local = name[1:].partition("}")
    prefix = scope.get(uri, "")
    return f"{prefix}:{local}" if prefix else local


def _xml_parsed(text: Any) -> Element:
    """The document's root, its names (and ``xmlns`` declarations, as attributes) as
    written."""
    from xml.etree.ElementTree import Element, ParseError, XMLPullParser

    parser: XMLPullParser[Element] = XMLPullParser(events=("start-ns", "start", "end"))
    try:
        parser.feed(str(text))
        parser.close()
    except ParseError as error:
        raise UtilError(f"Unable to parse the XML document: {error}") from None
    scopes: list[dict[str, str]] = [{_XML_NAMESPACE: "xml"}]
    declared: list[tuple[str, str]] = []
    root: Element | None = None
    for read in parser.read_events():
        event, item = read[0], read[-1]
        if isinstance(item, tuple):  # start-ns: (prefix, uri)
            declared.append((item[0], item[1]))
        elif event == "start" and isinstance(item, Element):
            scope = dict(scopes[-1])
            attributes = {}
            for prefix, uri in declared:
                scope[uri] = prefix
                attributes[f"xmlns:{prefix}" if prefix else "xmlns"] = uri
            declared = []
            scopes.append(scope)
            item.tag = _xml_name(item.tag, scope)
            for name, value in item.attrib.items():
                attributes[_xml_name(name, scope)] = value
            item.attrib = attributes
            root = item if root is None else root
        elif event == "end":
            scopes.pop()
    assert root is not None
    return root


def _xml_content(element: Element, keep_strings: bool) -> Any:
    """An element as org.json makes it: its attributes, children (repeated ones as a list)
    and text (``content``) in a map; only text, the text; nothing, ``""``."""
    found: dict[str, list[Any]] = {}
    for name, value in element.attrib.items():
        found.setdefault(name, []).append(_xml_value(value, keep_strings))
    texts = [element.text]
    for child in element:
        found.setdefault(child.tag, []).append(_xml_content(child, keep_strings))
        texts.append(child.tail)
    for text in texts:
        if text and text.strip():
            found.setdefault("content", []).append(_xml_value(text.strip(), keep_strings))
    if not found:
        return ""
    if list(found) == ["content"] and len(found["content"]) == 1:
        return found["content"][0]
    return VMap((k, v[0] if len(v) == 1 else VList(v)) for k, v in found.items())


def _xml_map(text: Any, keep_strings: bool) -> VMap:
    root = _xml_parsed(text)
    return VMap({root.tag: _xml_content(root, keep_strings)})


class Xml:
    """``$util.xml``."""

    def toMap(self, text: Any) -> VMap:
        return _xml_map(text, False)

    def toJsonString(self, text: Any, keep_strings: Any = False) -> str:
        """``keep_strings``: texts are not read as numbers, booleans or null (org.json's
        ``keepStrings``, which the reference calls string-encoding the JSON)."""
        return to_json(_xml_map(text, bool(keep_strings)))
