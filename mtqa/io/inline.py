"""Inline codes of XLIFF and TMX segments, kept in the text as placeholders.

A segment's ``<source>``/``<target>``/``<seg>`` element is flattened to text in
which every inline code becomes a short tag-like placeholder that names the
element and its id, so that the ``placeholders`` check can compare source and
target and the other checks leave it alone (it is markup, see ``mtqa.text``):

==========================================  ==================================
element                                     placeholder
==========================================  ==================================
paired with content: ``g`` ``pc`` ``hi``     ``<g id="1">`` text ``</g>``
standalone / native code: ``x`` ``bx``       ``<x id="1"/>``
``ex`` ``ph`` ``bpt`` ``ept`` ``it`` ``sc``
``ec`` ``ut``
annotations ``mrk`` (content kept), ``sm``   nothing
``em``; ``cp`` (a code point)                the character
==========================================  ==================================

The id is the element's ``id`` (``i``/``x`` in TMX, ``startRef`` for ``ec``).
Every placeholder maps back to its element in ``codes`` so that a writer can
re-emit the original markup.
"""
from __future__ import annotations

from .xmlsafe import local

PAIRED = frozenset({"g", "pc", "hi"})
STANDALONE = frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it", "sc", "ec", "ut"})
ANNOTATION = frozenset({"mrk"})
MARKERS = frozenset({"sm", "em"})


def code_id(el) -> str:
    """The id an inline element is known by (``id``, TMX ``i``/``x``, XLIFF 2 ``startRef``), or ""."""
    for attr in ("id", "i", "x", "startRef", "rid"):
        v = el.get(attr)
        if v:
            return v
    return ""


def inline_text(el, codes: dict[str, object] | None = None) -> str:
    """Text of ``el`` with inline codes as placeholders; ``codes`` collects placeholder -> element."""
    parts = [el.text or ""]
    for child in el:
        name = local(child)
        if name in PAIRED:
            cid = code_id(child)
            attr = f' id="{cid}"' if cid else ""
            opening, closing = f"<{name}{attr}>", f"</{name}>"
            if codes is not None:
                codes.setdefault(opening, child)
            parts += [opening, inline_text(child, codes), closing]
        elif name in STANDALONE:
            cid = code_id(child)
            token = f'<{name} id="{cid}"/>' if cid else f"<{name}/>"
            if codes is not None:
                codes.setdefault(token, child)
            parts.append(token)
        elif name in ANNOTATION:
            parts.append(inline_text(child, codes))
        elif name == "cp":
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except ValueError:
                pass
        elif name in MARKERS or name == "":
            pass
        else:  # an unknown element (a tool's extension): keep its text
            parts.append(inline_text(child, codes))
        parts.append(child.tail or "")
    return "".join(parts)
