"""`$...$` and `$$...$$` in a Markdown card, rendered by latex_to_unicode so that Textual's
Markdown widget never shows raw backslashes; code (fenced or inline) is left alone."""

from __future__ import annotations

import re

from flashdeck.render.latex import latex_to_unicode

__all__ = ["render_markdown_math"]

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})")
_MD_SPECIAL = set("\\`*_[]<>|~&#")
# Display math is indented with U+2800 BRAILLE PATTERN BLANK: it shows as a blank cell but
# is not whitespace, so neither Markdown's paragraph stripping nor Textual's collapsing of
# whitespace runs (re.sub(r"\s+", " ", ...)) removes it, as they would NBSP.
_INDENT = "\u2800" * 4
_LIST_MARKER = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])?\s*$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _md_escape(s: str) -> str:
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in s)


def _split_code_fences(md: str) -> list[tuple[bool, str]]:
    """[(is_code, text)] with fenced code blocks (fence lines included) marked as code."""
    parts: list[tuple[bool, str]] = []
    lines = md.splitlines(keepends=True)
    buf: list[str] = []
    fence: str | None = None
    for line in lines:
        if fence is None:
            m = _FENCE.match(line)
            if m and not (m.group(2)[0] == "`" and "`" in line[m.end() :]):
                if buf:
                    parts.append((False, "".join(buf)))
                buf = [line]
                fence = m.group(2)
            else:
                buf.append(line)
        else:
            buf.append(line)
            stripped = line.strip()
            if (
                len(line) - len(line.lstrip(" ")) <= 3
                and stripped
                and set(stripped) == {fence[0]}
                and len(stripped) >= len(fence)
            ):
                parts.append((True, "".join(buf)))
                buf = []
                fence = None
    if buf:
        parts.append((fence is not None, "".join(buf)))
    return parts


def _find_inline_close(text: str, start: int) -> int:
    """Index of the '$' closing inline math opened just before `start`, or -1.

    The first unescaped '$' after the opening one must be the closing one: it has a
    non-space character right before it and no digit right after it. The span may not
    contain a blank line (it stays within one paragraph).
    """
    k = start
    n = len(text)
    while k < n:
        ch = text[k]
        if ch == "\\":
            k += 2
            continue
        if ch == "\n" and _BLANK_LINE.match(text, k):
            return -1
        if ch == "$":  # the first '$' must close it, else this was no math ("$5 or $6")
            if text[k - 1].isspace() or (k + 1 < n and text[k + 1].isdigit()):
                return -1
            return k
        k += 1
    return -1


def _render_text(text: str) -> str:
    out: list[str] = []
    i = 0
    n = len(text)

    def current_line() -> str:
        joined = "".join(out)
        return joined[joined.rfind("\n") + 1 :]

    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n:
            out.append(text[i : i + 2])
            i += 2
            continue
        if ch == "`":
            j = i
            while j < n and text[j] == "`":
                j += 1
            run = text[i:j]
            close = re.compile(r"(?<!`)" + run + r"(?!`)").search(text, j)
            if close:
                out.append(text[i : close.end()])
                i = close.end()
            else:
                out.append(run)
                i = j
            continue
        if text.startswith("$$", i):
            close = text.find("$$", i + 2)
            while close != -1 and text[close - 1] == "\\":
                close = text.find("$$", close + 2)
            if (
                close == -1
                or close == i + 2
                or _BLANK_LINE.search(text[i + 2 : close])
                or text[close + 2 : close + 3].isdigit()  # "$$5 and $$10": money, not math
            ):
                out.append("$$")
                i += 2
                continue
            rendered = latex_to_unicode(text[i + 2 : close])
            before = current_line()
            if _LIST_MARKER.match(before):
                prefix = re.sub(r"[-*+]|\d{1,9}[.)]", lambda m: " " * len(m.group()), before)
                if not before.strip():
                    # a display block at a line start: break the line before it (if any)
                    joined = "".join(out)
                    cut = len(joined) - len(before)
                    if cut > 0 and joined[cut - 1] == "\n":
                        prev_start = joined.rfind("\n", 0, cut - 1) + 1
                        prev_line = joined[prev_start : cut - 1]
                        if prev_line.strip() and not prev_line.endswith("  "):
                            out[:] = [joined[: cut - 1] + "  \n" + before]
            else:
                out[:] = ["".join(out).rstrip(" \t"), "  \n"]
                prefix = re.match(r"\s*", before).group()
            lines = [_md_escape(line) for line in rendered.split("\n")] or [""]
            out.append(_INDENT + ("  \n" + prefix + _INDENT).join(lines))
            i = close + 2
            rest = text[i : text.find("\n", i) if "\n" in text[i:] else n]
            if rest.strip():
                out.append("  \n" + prefix)
                while i < n and text[i] in " \t":
                    i += 1
            elif i < n:
                out.append("  ")
            continue
        if ch == "$":
            if i + 1 < n and not text[i + 1].isspace():
                close = _find_inline_close(text, i + 1)
                if close != -1:
                    rendered = latex_to_unicode(text[i + 1 : close]).replace("\n", "; ")
                    escaped = _md_escape(rendered)
                    if not current_line().strip() and escaped[:1] in ("-", "+", "="):
                        escaped = "\\" + escaped
                    out.append(escaped)
                    i = close + 1
                    continue
            out.append("$")
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def render_markdown_math(md: str) -> str:
    """Replace `$…$` and `$$…$$` in Markdown with readable Unicode.

    Fenced code blocks and inline `code` are left as they are. Inline math needs a
    non-space right after the opening `$`, a non-space right before the closing `$`
    (which is not followed by a digit) and no blank line in between, so "$5 and $10"
    stays text. `\\$` stays a literal dollar. Markdown-special characters in the
    rendering are backslash-escaped (Markdown shows them without the backslash); display
    math goes on its own lines, indented with blank cells (U+2800) and joined by hard
    line breaks, so it stays inside the paragraph or list item it was written in.
    """
    if "$" not in md:
        return md
    return "".join(part if is_code else _render_text(part) for is_code, part in
                   _split_code_fences(md))  # fmt: skip
