"""flashdeck.render.latex: LaTeX in cards as readable terminal text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashdeck.render.latex import latex_to_unicode
from flashdeck.render.markdown_math import render_markdown_math

INDENT = "\u2800" * 4  # blank cells that Markdown and Textual do not strip or collapse


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        # Greek
        (r"\alpha + \beta", "α + β"),
        (r"\Omega, \omega, \Sigma, \sigma, \Delta, \delta", "Ω, ω, Σ, σ, Δ, δ"),
        (r"\varepsilon, \epsilon, \theta, \lambda", "ε, ε, θ, λ"),
        (r"\mu, \pi, \phi, \varphi", "μ, π, ϕ, φ"),
        (r"\alpha x + \lambda \mathbf{I}", "αx + λI"),
        (r"\sigma (x)", "σ (x)"),
        # fractions
        (r"\frac{a}{b}", "a/b"),
        (r"\frac{a+b}{c}", "(a+b)/c"),
        (r"\frac{a}{b+c}", "a/(b+c)"),
        (r"\frac{1}{2}", "1/2"),
        (r"\tfrac12", "1/2"),
        (r"\dfrac{x-\mu}{\sigma}", "(x-μ)/σ"),
        (r"\frac{1}{2\sigma^2}", "1/(2σ²)"),
        (r"\frac{n(n-1)}{2}", "n(n-1)/2"),
        (r"\frac{\frac{a}{b}}{c}", "(a/b)/c"),
        (r"\frac{\partial L}{\partial z_i}", "∂L/∂zᵢ"),
        # a fraction run into a factor is bracketed: (1/n)Xᵀ, not 1/nXᵀ (which reads 1/(nXᵀ))
        (r"\tfrac{1}{n}X^\top X", "(1/n)Xᵀ X"),
        (r"\frac{1}{\sqrt{d_k}}QK^\top", "(1/√dₖ)QKᵀ"),
        (r"\frac{1}{2}(x+y)", "(1/2)(x+y)"),
        (r"\frac{a}{b} + c", "a/b + c"),
        (r"\frac{a}{b}\cdot c", "a/b·c"),
        # one formula writes its subscripts one way: q has no Unicode subscript
        (r"\frac{S_{xy}}{S_{xx} + \lambda}", "S_xy/(S_xx + λ)"),
        (r"W_{q} x_i", "W_q x_i"),
        (r"x_i + y_{ij}", "xᵢ + yᵢⱼ"),
        # roots
        (r"\sqrt{x}", "√x"),
        (r"\sqrt{x+1}", "√(x+1)"),
        (r"\sqrt{d_k}", "√dₖ"),
        (r"\sqrt{2\pi}", "√(2π)"),
        (r"\sqrt[3]{x}", "∛x"),
        (r"\sqrt[4]{x}", "∜x"),
        (r"\sqrt[n]{x}", "ⁿ√x"),
        (r"\frac{1}{\sqrt{2\pi\sigma^2}}", "1/√(2πσ²)"),
        # scripts
        (r"x^2", "x²"),
        (r"d_k", "dₖ"),
        (r"x^{n+1}", "xⁿ⁺¹"),
        (r"x^{-1}", "x⁻¹"),
        (r"10^{-3}", "10⁻³"),
        (r"x_{i,j}", "x_(i,j)"),
        (r"\pi_\theta", "π_θ"),
        (r"\pi_{ref}", "π_ref"),
        (r"y_w", "y_w"),
        (r"x^{\frac{1}{2}}", "x^(1/2)"),
        (r"x_i^2", "xᵢ²"),
        (r"R_{lcs}P_{lcs}", "R_(lcs)P_lcs"),  # parentheses only when a letter follows
        (r"x_{a_{bc}}d", "x_(a_bc)d"),
        (r"a_{\text{max}}", "aₘₐₓ"),
        (r"\theta^*", "θ*"),
        (r"f'(x)", "f′(x)"),
        (r"\|x\|_2^2", "‖x‖₂²"),
        # transpose
        (r"W^\top x", "Wᵀ x"),
        (r"A^T", "Aᵀ"),
        (r"\mathbf{x}^\top \mathbf{W}", "xᵀ W"),
        (r"\top", "⊤"),
        # big operators with limits
        (r"\sum_{i=1}^{n} x_i", "∑ᵢ₌₁ⁿ xᵢ"),
        (r"\sum_{i=1}^{N} x_i", "∑ᵢ₌₁ᴺ xᵢ"),
        (r"\sum_{k=1}^{S} x", "∑ₖ₌₁^S x"),
        (r"\prod_{i=1}^n p_i", "∏ᵢ₌₁ⁿ pᵢ"),
        (r"\int_0^1 f(x)\,dx", "∫₀¹ f(x) dx"),
        (r"\int_{-\infty}^{\infty}", "∫_(-∞)^∞"),
        (r"\sum\limits_{j} e^{z_j}", "∑ⱼ e^zⱼ"),
        # operators and relations
        (r"a \cdot b", "a · b"),
        (r"q\cdot k", "q·k"),
        (r"a \times b", "a × b"),
        (r"a \le b \ne c \approx d \to \infty", "a ≤ b ≠ c ≈ d → ∞"),
        (r"a \leq b \geq c \ge d", "a ≤ b ≥ c ≥ d"),
        (r"\partial f + \nabla g", "∂f + ∇g"),
        (r"A = Q \Lambda Q^\top", "A = QΛQᵀ"),  # a product, as TeX shows it
        (r"2 \pi r", "2πr"),
        (r"\text{with } \alpha x", "with αx"),
        (r"x \in \mathbb{R}^d", "x ∈ ℝᵈ"),
        (r"p \propto q", "p ∝ q"),
        (r"a \ll b \gg c", "a ≪ b ≫ c"),
        (r"\pm 1", "±1"),
        (r"p(y \mid x)", "p(y | x)"),
        (r"\|w\|", "‖w‖"),
        (r"\langle q, k \rangle", "⟨q, k ⟩"),
        (r"\langle q,k\rangle", "⟨q,k⟩"),
        (r"a \not\in B", "a ∉ B"),
        (r"x \sim \mathcal{N}(0, 1)", "x ∼ N(0, 1)"),
        # named operators
        (r"\log x", "log x"),
        (r"\log(x)", "log(x)"),
        (r"2\log n", "2 log n"),
        (r"\exp(-x)", "exp(-x)"),
        (r"\max_i x_i", "maxᵢ xᵢ"),
        (r"\min(a, b)", "min(a, b)"),
        (r"\arg\max_\theta J", "arg max_θ J"),
        (r"\operatorname{KL}(p\|q)", "KL(p‖q)"),
        (r"\operatorname*{argmax}_x f", "argmaxₓ f"),
        (r"\softmax(z)_i", "softmax(z)ᵢ"),
        (r"\log\frac{a}{b}", "log(a/b)"),
        (r"\beta\log\sigma", "β log σ"),
        # fonts and text
        (r"\text{if } x \ge 0", "if x ≥ 0"),
        (r"\mathrm{softmax}(z)", "softmax(z)"),
        (r"\mathrm{d}x", "dx"),
        (r"\mathbf{W}", "W"),
        (r"\boldsymbol{\theta}", "θ"),
        (r"\mathcal{L}", "L"),
        (r"\mathbb{R}", "ℝ"),
        (r"\mathbb{E}[X]", "𝔼[X]"),
        (r"\mathbb{1}", "𝟙"),
        (r"\mathbb{N} \mathbb{Z} \mathbb{Q} \mathbb{C}", "ℕ ℤ ℚ ℂ"),
        # accents
        (r"\hat{x}", "x\u0302"),
        (r"\hat{y}_i", "y\u0302ᵢ"),
        (r"\tilde{x}", "x\u0303"),
        (r"\bar{x}", "x\u0304"),
        (r"\vec{v}", "v\u20d7"),
        (r"\hat{\theta}", "θ\u0302"),
        # delimiters
        (r"\left( x \right)", "( x )"),
        (r"\left(\frac{a}{b}\right)", "(a/b)"),
        (r"\left[ x \right]", "[ x ]"),
        (r"\left\{ x \right\}", "{ x }"),
        (r"\left. x \right|_0", "x |₀"),
        (r"\bigl( x \bigr)", "( x )"),
        (r"\{1, 2\}", "{1, 2}"),
        (r"\lfloor x \rfloor", "⌊x ⌋"),
        # spacing
        (r"a\,b", "a b"),
        (r"a\;b", "a b"),
        (r"a\quad b", "a\u2003b"),
        (r"a\!b", "ab"),
        # environments
        (
            r"f(x)=\begin{cases} 1 & x>0 \\ 0 & \text{otherwise}\end{cases}",
            "f(x)={ 1, x>0; 0, otherwise }",
        ),
        (r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", "(a, b; c, d)"),
        (r"\begin{bmatrix}1\\2\end{bmatrix}", "[1; 2]"),
        (r"\begin{vmatrix} a & b \\ c & d \end{vmatrix}", "|a, b; c, d|"),
        (r"\begin{array}{cc} a & b \end{array}", "a, b"),
        (r"\begin{aligned} a &= b \\ &= c \end{aligned}", "a = b\n= c"),
        # misc
        (r"\binom{n}{k}", "(n choose k)"),
        (r"50\%", "50%"),
        (r"\$5", "$5"),
        (r"\underset{\theta}{\arg\min}\, L", "arg min_θ L"),
        (r"\mathcal{O}(n^2 d)", "O(n² d)"),
        (r"e^{-x}", "e⁻ˣ"),
    ],
)
def test_constructs(src, expected):
    assert latex_to_unicode(src) == expected


def test_unknown_commands_keep_their_name():
    assert latex_to_unicode(r"\foo") == "foo"
    assert latex_to_unicode(r"\KLdiv(p, q)") == "KLdiv(p, q)"
    assert latex_to_unicode(r"a \weird b") == "a weird b"


@pytest.mark.parametrize(
    "src",
    [
        "{", "}", "}}}{{{", "\\", "\\\\\\", r"\frac", r"\frac{a", r"\sqrt[", r"\sqrt[3",
        r"x^", r"x_", "^", "_{}", r"\left(", r"\right", r"\begin{cases} x", r"\end{cases}",
        r"\begin{", r"\not", r"\text{", r"\mathbb", "{" * 500 + "x", "x" + "}" * 500,
        r"\left\right", r"\operatorname", r"\hat", r"x^^2", "$", "&&&", r"\\\\ &",
    ],
)  # fmt: skip
def test_malformed_input_never_crashes(src):
    out = latex_to_unicode(src)
    assert isinstance(out, str)
    assert "\\" not in out


def test_control_characters_in_the_source_are_dropped():
    assert latex_to_unicode("x\x00_\x02a\x01b") == "xₐb"


def test_unbalanced_braces_keep_the_content():
    assert latex_to_unicode(r"\frac{a+b}{c") == "(a+b)/c"
    assert latex_to_unicode(r"x}+y") == "x+y"


CORPUS = [
    r"\mathrm{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V",
    r"\sum_{i=1}^{n} p_i \log q_i",
    r"\frac{\partial L}{\partial z_i} = p_i - y_i",
    r"\mathcal{L}_{DPO} = -\log\sigma\left(\beta \log\frac{\pi_\theta(y_w|x)}"
    r"{\pi_{ref}(y_w|x)} - \beta\log\frac{\pi_\theta(y_l|x)}{\pi_{ref}(y_l|x)}\right)",
    r"\sigma(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}",
    r"\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\left(\frac{QK^T}{\sqrt{d_k}}\right)V",
    r"H(p, q) = -\sum_x p(x) \log q(x)",
    r"D_{KL}(P \| Q) = \sum_i P(i) \log \frac{P(i)}{Q(i)}",
    r"\mathbb{E}_{x \sim p}\left[f(x)\right] \approx \frac{1}{N}\sum_{n=1}^{N} f(x_n)",
    r"\theta_{t+1} = \theta_t - \eta \nabla_\theta \mathcal{L}(\theta_t)",
    r"m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t, \quad \hat{m}_t = \frac{m_t}{1-\beta_1^t}",
    r"\theta_t = \theta_{t-1} - \alpha \frac{\hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon}",
    r"\mathrm{LayerNorm}(x) = \gamma \odot \frac{x - \mu}{\sqrt{\sigma^2 + \epsilon}} + \beta",
    r"PE_{(pos, 2i)} = \sin\left(\frac{pos}{10000^{2i/d_{model}}}\right)",
    r"\mathrm{PPL} = \exp\left(-\frac{1}{N}\sum_{i=1}^{N}\log p(x_i \mid x_{<i})\right)",
    r"\nabla_\theta J(\theta) = \mathbb{E}_{\tau \sim \pi_\theta}\left[\sum_t \nabla_\theta"
    r" \log \pi_\theta(a_t|s_t) A_t\right]",
    r"L^{CLIP}(\theta) = \hat{\mathbb{E}}_t\left[\min\left(r_t(\theta)\hat{A}_t, "
    r"\operatorname{clip}(r_t(\theta), 1-\epsilon, 1+\epsilon)\hat{A}_t\right)\right]",
    r"\mathcal{N}(x; \mu, \sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}}"
    r" \exp\left(-\frac{(x-\mu)^2}{2\sigma^2}\right)",
    r"\mathrm{FLOPs} \approx 6ND",
    r"\text{params} = 12 \cdot n_{layers} \cdot d_{model}^2",
    r"\mathrm{ReLU}(x) = \max(0, x)",
    r"\mathrm{GELU}(x) = x\,\Phi(x)",
    r"W' = W + \frac{\alpha}{r} BA, \quad B \in \mathbb{R}^{d \times r},"
    r" A \in \mathbb{R}^{r \times k}",
    r"\mathrm{Var}[q \cdot k] = d_k",
    r"\hat{y} = \arg\max_{y} P(y \mid x)",
    r"\|\mathbf{w}\|_2^2 = \sum_j w_j^2",
    r"p_i = \frac{\exp(z_i / T)}{\sum_j \exp(z_j / T)}",
    r"\text{Precision} = \frac{TP}{TP + FP}",
    r"F_1 = 2 \cdot \frac{P \cdot R}{P + R}",
    r"\mathrm{IDF}(t) = \log\frac{N}{1 + \mathrm{df}(t)}",
    r"\cos(\mathbf{a}, \mathbf{b}) = "
    r"\frac{\mathbf{a}\cdot\mathbf{b}}{\|\mathbf{a}\|\,\|\mathbf{b}\|}",
    r"\mathrm{MHA}(X) = \mathrm{Concat}(\mathrm{head}_1, \dots, \mathrm{head}_h) W^O",
    r"y = \begin{cases} x & \text{if } x > 0 \\ \alpha x & \text{otherwise} \end{cases}",
    r"\left\langle \mathbf{q}, \mathbf{k} \right\rangle \leq \|\mathbf{q}\| \|\mathbf{k}\|",
    r"O(n^2 \cdot d) \text{ vs. } O(n \cdot d^2)",
    r"\Pr[X \geq t] \leq \frac{\mathbb{E}[X]}{t}",
    r"x_{t} = \sqrt{\bar{\alpha}_t}\, x_0 + \sqrt{1 - \bar{\alpha}_t}\, \epsilon",
    r"\tilde{\mathbf{x}} = \mathbf{x} + \boldsymbol{\delta},"
    r" \; \|\boldsymbol{\delta}\|_\infty \le \varepsilon",
]  # fmt: skip


@pytest.mark.parametrize("src", CORPUS, ids=range(len(CORPUS)))
def test_no_backslash_or_brace_remains_in_realistic_formulas(src):
    out = latex_to_unicode(src)
    assert "\\" not in out
    if "cases" not in src:
        assert "{" not in out and "}" not in out
    assert out.strip() == out and "  " not in out


def test_corpus_examples_read_well():
    assert latex_to_unicode(CORPUS[0]) == "softmax(QKᵀ/√dₖ)V"
    assert latex_to_unicode(CORPUS[1]) == "∑ᵢ₌₁ⁿ pᵢ log qᵢ"
    assert latex_to_unicode(CORPUS[2]) == "∂L/∂zᵢ = pᵢ - yᵢ"
    assert latex_to_unicode(CORPUS[3]) == (
        # one way for every subscript: y_w has no Unicode form, so y_l is written y_l too
        "L_DPO = -log σ(β log(π_θ(y_w|x)/π_ref(y_w|x)) - β log(π_θ(y_l|x)/π_ref(y_l|x)))"
    )
    assert latex_to_unicode(CORPUS[4]) == "σ(z)ᵢ = e^zᵢ/(∑ⱼ₌₁ᴷ e^zⱼ)"
    assert latex_to_unicode(CORPUS[17]) == "N(x; μ, σ²) = 1/√(2πσ²) exp(-(x-μ)²/(2σ²))"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("\\{}[]^_&$ ax1+-=()") + [
    r"\frac", r"\sqrt", r"\left", r"\right", r"\begin{cases}", r"\end{cases}", r"\text",
    r"\alpha", r"\sum", r"\log", r"\hat", r"\mathbb", r"\\", r"\not", r"\operatorname",
]), max_size=40).map("".join))  # fmt: skip
def test_random_latex_never_crashes(src):
    out = latex_to_unicode(src)
    assert isinstance(out, str)
    assert not re.search("[\x00-\x08]", out)  # no internal marker leaks
    render_markdown_math(f"text ${src}$ and $${src}$$ end")


# --------------------------------------------------------------------------- Markdown


def visible_text(md: str) -> str:
    """What Textual's Markdown widget shows as text: markdown-it "gfm-like" tokens, with
    whitespace runs collapsed to one space as Textual does."""
    from markdown_it import MarkdownIt

    pieces = []

    def walk(tokens):
        for token in tokens:
            if token.children:
                walk(token.children)
            elif token.type in ("hardbreak", "softbreak"):
                pieces.append("\n")
            elif token.content:
                pieces.append(re.sub(r"\s+", " ", token.content))
        pieces.append("\n")

    walk(MarkdownIt("gfm-like").parse(md))
    return "".join(pieces)


def test_inline_math():
    assert render_markdown_math(r"Scale by $\sqrt{d_k}$ here.") == "Scale by √dₖ here."
    assert render_markdown_math(r"$\alpha$ and $\beta$") == "α and β"


def test_display_math_gets_its_own_indented_line():
    md = "Loss:\n\n$$\n\\mathcal{L} = -\\sum_i y_i \\log p_i\n$$\n\nDone."
    assert render_markdown_math(md) == f"Loss:\n\n{INDENT}L = -∑ᵢ yᵢ log pᵢ  \n\nDone."


def test_display_math_inside_a_paragraph_breaks_the_lines():
    out = render_markdown_math("so $$a^2$$ then")
    assert out == f"so  \n{INDENT}a²  \nthen"
    assert visible_text(out).split("\n")[:3] == ["so", f"{INDENT}a²", "then"]


def test_display_math_right_after_a_text_line_is_not_joined_to_it():
    out = render_markdown_math("Before\n$$x^2$$\nafter")
    assert visible_text(out).split("\n")[:3] == ["Before", f"{INDENT}x²", "after"]


def test_display_math_with_rows_is_one_line_per_row():
    out = render_markdown_math("$$\\begin{aligned} a &= b \\\\ &= c \\end{aligned}$$")
    assert visible_text(out).split("\n")[:2] == [f"{INDENT}a = b", f"{INDENT}= c"]


def test_display_math_in_a_list_item_stays_in_the_item():
    out = render_markdown_math("- first $$x^2$$\n- second")
    shown = visible_text(out)
    assert f"{INDENT}x²" in shown and "second" in shown
    from markdown_it import MarkdownIt

    kinds = [t.type for t in MarkdownIt("gfm-like").parse(out)]
    assert kinds.count("list_item_open") == 2


def test_prices_are_not_math():
    for md in [
        "It costs $5.",
        "It costs $5 and $10 today.",
        "Between $5 and $ 10.",
        "$ x$ is not math",
        "price $5, and more",
        "Cost: $$5 and $$10 dollars",
    ]:
        assert render_markdown_math(md) == md
    assert render_markdown_math("costs $5, while $x_1$ is math") == "costs $5, while x₁ is math"


def test_inline_math_does_not_cross_a_paragraph():
    md = "A $x\n\ny$ b"
    assert render_markdown_math(md) == md


def test_code_is_left_alone():
    md = (
        "Use `$x^2$` literally.\n\n"
        "```python\nprice = '$5' + \"$x^2$\"\n$$a$$\n```\n\n"
        "~~~\n$\\alpha$\n~~~\n"
        "But $\\alpha$ here, and ``code with ` and $y$`` too."
    )
    out = render_markdown_math(md)
    assert "`$x^2$`" in out
    assert "```python\nprice = '$5' + \"$x^2$\"\n$$a$$\n```\n" in out
    assert "~~~\n$\\alpha$\n~~~\n" in out
    assert "But α here" in out
    assert "``code with ` and $y$``" in out


def test_escaped_dollar_stays_literal():
    assert render_markdown_math(r"costs \$5 and $x$") == r"costs \$5 and x"


def test_markdown_special_characters_in_math_are_escaped():
    out = render_markdown_math(r"the ratio $\pi_{ref}$ and $x_{(i,j)}$ and $a^* b^*$")
    shown = visible_text(out)
    assert "π_ref" in shown and "x_(i,j)" in shown and "a* b*" in shown
    assert "\\" not in shown


def test_no_backslash_is_shown_for_a_card():
    card = (
        "Why divide by $\\sqrt{d_k}$ in $\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}"
        "\\right)V$?\n\n"
        "For unit-variance $q$ and $k$, $q\\cdot k$ has variance $d_k$:\n\n"
        "$$\\mathrm{Var}[q\\cdot k] = \\sum_{i=1}^{d_k} \\mathrm{Var}[q_i k_i] = d_k$$\n\n"
        "- DPO: $\\mathcal{L}_{DPO} = -\\log\\sigma\\left(\\beta \\log\\frac{\\pi_\\theta(y_w|x)}"
        "{\\pi_{ref}(y_w|x)} - \\beta\\log\\frac{\\pi_\\theta(y_l|x)}{\\pi_{ref}(y_l|x)}\\right)$\n"
        "- cross-entropy $-\\sum_{i=1}^{n} p_i \\log q_i$\n"
    )
    shown = visible_text(render_markdown_math(card))
    assert "\\" not in shown
    assert "softmax(QKᵀ/√dₖ)V" in shown
    assert "Var[q·k] = ∑ᵢ₌₁^dₖ Var[qᵢ kᵢ] = dₖ" in shown
    assert "π_θ(y_w|x)/π_ref(y_w|x)" in shown
    assert "-∑ᵢ₌₁ⁿ pᵢ log qᵢ" in shown


def test_text_without_math_is_unchanged():
    md = "Plain *markdown* with `code` and a [link](https://example.org)."
    assert render_markdown_math(md) == md


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("$`\\\n x_^{}*-") + ["$$", "```", r"\frac"]),
                max_size=60).map("".join))  # fmt: skip
def test_random_markdown_never_crashes(md):
    out = render_markdown_math(md)
    assert isinstance(out, str)
    if "$" not in md:
        assert out == md
    assert not re.search("[\x00-\x08]", out)
