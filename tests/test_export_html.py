"""Card Markdown -> HTML for Anki: MathJax delimiters, code, and the parser's fast path."""

from __future__ import annotations

import glob

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from flashdeck import paths
from flashdeck.drills.catalog import list_drills
from flashdeck.export.html import _fast_paragraph, _parser, code_block, markdown_to_html


def full(text: str) -> str:
    return _parser().render(text.strip("\n")).strip()


def test_math_becomes_mathjax_and_money_stays_text():
    assert markdown_to_html(r"Why $\sqrt{d_k}$? It costs $5 and $10.") == \
        r"<p>Why \(\sqrt{d_k}\)? It costs $5 and $10.</p>"
    assert markdown_to_html("$$\na < b\n$$") == r'<div class="fd-math">\[a &lt; b\]</div>'
    assert markdown_to_html("see $$x^2$$ inline") == r"<p>see \[x^2\] inline</p>"
    assert markdown_to_html(r"in code: `$x$` and $y_i$") == r"<p>in code: <code>$x$</code> and \(y_i\)</p>"
    assert markdown_to_html("<b>raw</b> html") == "<p>&lt;b&gt;raw&lt;/b&gt; html</p>"


def test_code_keeps_its_language():
    assert markdown_to_html("```python\nx = '$a$' < 1\n```") == \
        "<pre><code class=\"language-python\">x = '$a$' &lt; 1\n</code></pre>"
    assert code_block("def f(x):\n    return x < 1\n") == \
        '<pre><code class="language-python">def f(x):\n    return x &lt; 1</code></pre>'


def _corpus() -> list[str]:
    texts = []
    for path in glob.glob(str(paths.bundled_decks_dir() / "*.yaml")):
        for card in yaml.safe_load(open(path, encoding="utf-8"))["cards"]:
            texts += [card.get(k) or "" for k in ("front", "back", "explanation", "source")]
    for drill in list_drills():
        texts += [drill.prompt(), *drill.hints()]
    return [t for t in texts if t.strip()]


def test_fast_path_equals_the_parser_on_every_bundled_text():
    used = 0
    for text in _corpus():
        fast = _fast_paragraph(text.strip("\n"))
        if fast is not None:
            used += 1
            assert fast == full(text), text
    assert used > 300  # most fronts and backs take it


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="ab1 $$\\{}_^-+=*`\"'<&\n.:()", max_size=40))
def test_fast_path_equals_the_parser_on_generated_text(text):
    if not text.strip():
        return
    fast = _fast_paragraph(text.strip("\n"))
    if fast is not None:
        assert fast == full(text)
