"""A web page as text: bytes decoded the way browsers do, hostile parts removed, and the
visible text cut into blocks (one paragraph, heading, list item or quote each).

The page is a stranger's: nothing in it runs, nothing it links to is loaded, and text taken
from it is stripped of control characters before it goes anywhere.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag
from bs4.dammit import EncodingDetector

# Elements whose content is never text a reader sees.
INVISIBLE_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
                  "canvas", "video", "audio", "map", "input", "button", "select", "textarea", "option",
                  "head", "title", "meta", "link", "base", "dialog")
# Elements that start a new block of text; everything else is inline and joins its neighbours.
BLOCK_TAGS = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))
_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
# Labels browsers read as windows-1252, whatever Python calls them (WHATWG Encoding Standard).
_WINDOWS_1252 = {"ascii", "latin-1", "iso8859-1", "cp1252"}
_BINARY_MAGIC = {b"%PDF-": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                 b"GIF8": "a GIF image", b"PK\x03\x04": "a ZIP archive", b"\x1f\x8b": "gzip-compressed data",
                 b"\x7fELF": "a program"}
# C0 and C1 controls other than tab and newline, and the characters that reorder text
# (bidirectional overrides and isolates), which can make a line read other than it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]")
_LINE_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[ \t\r\n\f]+")
# Blocks that are one paragraph however many lines they have.
_ONE_BLOCK = frozenset(("p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "caption", "summary", "legend"))


class NotAPage(Exception):
    """The bytes are not an HTML page we can read."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # Python's codec name
    declared_by: str  # "from the byte-order mark", "from the HTTP header", "from the <meta> tag", "from --encoding", "detected"


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in _WINDOWS_1252:
        return "cp1252"
    if name.startswith(("utf-16", "utf-32")):  # a <meta> cannot declare these; browsers use UTF-8
        return "utf-8"
    return name


def refuse_binary(data: bytes) -> None:
    """Raise ``NotAPage`` for bytes that are plainly not HTML (a PDF, an image, a program)."""
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise NotAPage(f"it is {what}, not an HTML page")
    head = data[:4096]
    # A stray NUL happens in real pages; many of them mean binary data (UTF-16 has a BOM).
    if head.count(b"\x00") * 100 > len(head) and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise NotAPage("it is binary data, not an HTML page")


def decode(data: bytes, http_charset: str | None = None, override: str | None = None) -> Decoded:
    """Bytes to text in the browsers' order: a byte-order mark, the HTTP header, a ``<meta>``
    declaration, then detection (UTF-8 if it decodes, else windows-1252, the web's legacy
    default). Numeric character references are the parser's business, not this."""
    refuse_binary(data)
    for bom, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return Decoded(data[len(bom):].decode(name, errors="replace"), name, "from the byte-order mark")
    candidates = (
        (_codec(override), "from --encoding"),
        (_codec(http_charset), "from the HTTP header"),
        (_codec(EncodingDetector.find_declared_encoding(data[:16384], is_html=True, search_entire_document=True)), "from the <meta> tag"),
    )
    for name, source in candidates:
        if name:
            return Decoded(data.decode(name, errors="replace"), name, source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "detected")
    except UnicodeDecodeError:
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252", "detected")


def clean_text(text: str) -> str:
    """One line of text: no control or reordering characters, white space collapsed."""
    text = _LINE_SEPARATORS.sub(" ", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def parse(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "lxml")


def _is_hidden(tag: Tag) -> bool:
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(str(style)))


def strip_invisible(soup: BeautifulSoup) -> None:
    """Remove what a reader never sees: scripts, styles, templates, embedded objects, form
    controls, comments, and elements hidden with ``hidden``, ``aria-hidden`` or inline CSS
    (paywalled text often sits in the page that way)."""
    doomed: list = []
    invisible = set(INVISIBLE_TAGS)
    for node in soup.descendants:  # one pass; removing while walking would lose our place
        if isinstance(node, Tag):
            if node.name in invisible or _is_hidden(node):
                doomed.append(node)
        elif isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            doomed.append(node)
    for node in doomed:
        if isinstance(node, Tag):
            if not node.decomposed:
                node.decompose()
        else:
            node.extract()


def split_br_paragraphs(soup: BeautifulSoup) -> None:
    """Text separated only by ``<br>`` (Blogger, old CMSs) becomes one ``<p>`` per run, so the
    extractor sees the paragraphs the writer meant. Only block elements' own children are
    regrouped; a ``<br>`` inside a paragraph is left for ``blocks`` to cut at."""
    parents = {id(br.parent): br.parent for br in soup.find_all("br")}
    for parent in parents.values():
        if parent is None or parent.name not in BLOCK_TAGS or parent.name in _ONE_BLOCK:
            continue
        run: list = []
        rebuilt: list = []

        def close_run() -> None:
            if any(clean_text(n.get_text() if isinstance(n, Tag) else str(n)) for n in run):
                paragraph = soup.new_tag("p")
                for node in run:
                    paragraph.append(node)
                rebuilt.append(paragraph)
            run.clear()

        for child in list(parent.contents):
            child.extract()
            if isinstance(child, Tag) and child.name == "br":
                close_run()
            elif isinstance(child, Tag) and child.name in BLOCK_TAGS:
                close_run()
                rebuilt.append(child)
            else:
                run.append(child)
        close_run()
        for node in rebuilt:
            parent.append(node)


@dataclass(frozen=True)
class Block:
    """A run of text the page shows as one unit: a paragraph, heading, list item, cell or quote line."""

    number: int  # 1-based, in document order
    text: str
    tag: str  # the innermost block element around it

    @property
    def words(self) -> int:
        return len(self.text.split())


def blocks(root: Tag) -> list[Block]:
    """The visible text below ``root``, cut at block elements and ``<br>``, in reading order.

    Inline elements join their neighbours as written (``the <a>Post</a>'s`` is "the Post's").
    Walks without recursion, so a page nested thousands deep cannot exhaust the stack.
    """
    out: list[Block] = []
    pieces: list[str] = []
    context: list[str] = [root.name or "body"]

    def flush() -> None:
        text = clean_text("".join(pieces))
        pieces.clear()
        if text:
            out.append(Block(len(out) + 1, text, context[-1]))

    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if isinstance(node, Tag):
            is_block = node.name in BLOCK_TAGS
            if closing:
                if is_block:
                    flush()
                    context.pop()
                continue
            if node.name == "br":
                flush()
                continue
            if is_block:
                flush()
                context.append(node.name)
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, (Comment, Doctype, ProcessingInstruction)):
            pieces.append(str(node))
    flush()
    return out
