"""A faster way for pdfplumber to turn a page's characters into dicts, giving the very same dicts.

In: a `pdfplumber.page.Page` (pdfplumber pinned in pyproject; a test compares with the stock path).
Out: the page, whose `objects` (so `chars`, `edges`, `extract_words`, `find_tables`) are built by
`process_object` below.

Why: profiling `extract_document` shows about half of all time in pdfplumber's
`Page.process_object`, nearly all of it spent on the characters: for each attribute of each char it
calls `resolve_all` (a recursive walk looking for PDF object references, which a char's numbers,
strings and matrix never hold) and decodes the char's colour-space name again (one name per page,
thousands of chars). Here the char path skips the walk for values that cannot hold a reference and
decodes each colour-space name once per page; any other value, and every non-char object (lines,
rects, curves), goes through pdfplumber's own code.
"""

from __future__ import annotations

from types import MethodType
from typing import Any
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS, Page
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

_PLAIN = (float, int, str, bool, type(None))
_stock = Page.process_object


def _value(v: Any) -> Any:
    t = type(v)
    if t in _PLAIN:
        return v
    if t is tuple and all(type(x) in _PLAIN for x in v):
        return v  # resolve_all would build an equal tuple
    return resolve_all(v)


def process_object(self: Page, obj: Any) -> dict:
    if type(obj) is not LTChar:
        return _stock(self, obj)
    attr = {k: v if type(v) in _PLAIN else _value(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
    attr["object_type"] = "char"
    attr["page_number"] = self.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            name = getattr(obj, cs).name
            cache = self.__dict__.setdefault("_cs_names", {})
            key = (type(name), name)
            try:
                attr[cs] = cache[key]
            except (KeyError, TypeError):  # TypeError: an unhashable name, decoded each time as stock does
                attr[cs] = resolve_and_decode(name)
                try:
                    cache[key] = attr[cs]
                except TypeError:
                    pass
    text = obj.get_text()
    attr["text"] = normalize_unicode(self.pdf.unicode_norm, text) if self.pdf.unicode_norm is not None else text
    gs = obj.graphicstate
    attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
    attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
    if isinstance(attr["fontname"], bytes):
        return _stock(self, obj)  # rare byte-encoded font names: pdfplumber's own fix-up
    mb_x0, mb_top = self.mediabox[:2]
    if "y0" in attr:
        attr["top"] = (self.height - attr["y1"]) + mb_top
        attr["bottom"] = (self.height - attr["y0"]) + mb_top
        attr["doctop"] = self.initial_doctop + attr["top"]
    if "x0" in attr and mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def fast(page: Page) -> Page:
    """Make this one page build its objects through `process_object` above (no global patching)."""
    page.process_object = MethodType(process_object, page)
    return page
