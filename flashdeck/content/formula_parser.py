"""The recursive-descent parser: tokens -> a sympy expression, built node by node under
guard; no text is ever handed to eval, sympify or parse_expr. The grammar is in
flashdeck.content.formula.

Its errors are written for the learner: "no implicit multiplication: write n*d", "unknown
name 'e' (use: x, n; write exp(x) for e**x)".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import sympy

from flashdeck.content.formula_build import FUNCTIONS, call_function, check_built, guarded_pow
from flashdeck.content.formula_limits import MAX_DEPTH, MAX_LENGTH, FormulaError
from flashdeck.content.formula_tokens import Token, tokenize, unexpected

class _Parser:
    def __init__(self, text: str, tokens: list[Token], variables: dict[str, sympy.Symbol]):
        self.text = text
        self.tokens = tokens
        self.i = 0
        self.depth = 0
        self.variables = variables

    # helpers
    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        t = self.tokens[self.i]
        if t.kind != "end":
            self.i += 1
        return t

    def is_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.text in ops

    def unexpected(self, t: Token) -> FormulaError:
        if t.kind == "end":
            return FormulaError("incomplete formula: it ends too early", t.pos)
        return unexpected(self.text[t.pos : t.end] or t.text, t.pos)

    # grammar
    def parse(self) -> sympy.Expr:
        expr = self.expr()
        t = self.tok
        if t.kind != "end":
            if t.kind == "op" and t.text == ")":
                raise FormulaError(f"unmatched ')' at column {t.pos + 1}", t.pos)
            raise self.unexpected(t)
        return expr

    def expr(self) -> sympy.Expr:
        left = self.term()
        while self.is_op("+", "-"):
            op = self.advance()
            right = self.term()
            if op.text == "-":
                right = check_built(-right, op.pos)
            left = check_built(sympy.Add(left, right), op.pos)
        return left

    def term(self) -> sympy.Expr:
        start = self.tok.pos
        left = self.unary()
        while True:
            if self.is_op("*", "/"):
                op = self.advance()
                start = self.tok.pos
                right = self.unary()
                if op.text == "/":
                    right = guarded_pow(right, sympy.Integer(-1), op.pos)
                left = check_built(sympy.Mul(left, right), op.pos)
            elif self.tok.kind in ("num", "name") or self.is_op("("):
                raise self.implicit_multiplication(start)
            else:
                return left

    def implicit_multiplication(self, start: int) -> FormulaError:
        prev_end = self.tokens[self.i - 1].end
        left = self.text[start:prev_end]
        if len(left) > 12:
            left = "…" + self.text[self.tokens[self.i - 1].pos : prev_end]
        t = self.tok
        right = self.text[t.pos : t.end]
        if t.kind == "name":
            right = self.split_hint(right) or right
        if t.kind == "op":  # "(": show the parenthesised group if short
            depth = 0
            for u in self.tokens[self.i :]:
                if u.kind == "op" and u.text == "(":
                    depth += 1
                elif u.kind == "op" and u.text == ")":
                    depth -= 1
                    if depth == 0:
                        right = self.text[t.pos : u.end] if u.end - t.pos <= 12 else "(…)"
                        break
            else:
                right = "(…"
        return FormulaError(f"no implicit multiplication: write {left}*{right}", t.pos)

    def split_hint(self, name: str) -> str | None:
        """'nd' -> 'n*d' when n and d are declared (and nd is not)."""
        if name in self.variables or name in FUNCTIONS or len(name) < 2:
            return None
        if all(c in self.variables for c in name):
            return "*".join(name)
        return None

    def unary(self) -> sympy.Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(
                f"formula too deeply nested (at most {MAX_DEPTH} levels)", self.tok.pos
            )
        try:
            if self.is_op("+", "-"):
                op = self.advance()
                operand = self.unary()
                return operand if op.text == "+" else check_built(-operand, op.pos)
            return self.power()
        finally:
            self.depth -= 1

    def power(self) -> sympy.Expr:
        base = self.primary()
        if self.is_op("**"):
            op = self.advance()
            exponent = self.unary()  # right-associative, and allows 2**-1
            return guarded_pow(base, exponent, op.pos)
        return base

    def primary(self) -> sympy.Expr:
        t = self.tok
        if t.kind == "num":
            self.advance()
            return t.value
        if t.kind == "name":
            return self.name()
        if self.is_op("("):
            self.advance()
            inner = self.expr()
            if not self.is_op(")"):
                if self.tok.kind == "end":
                    raise FormulaError(f"missing ')' for the '(' at column {t.pos + 1}", t.pos)
                raise self.unexpected(self.tok)
            self.advance()
            return inner
        raise self.unexpected(t)

    def name(self) -> sympy.Expr:
        t = self.advance()
        name = t.text
        followed_by_paren = self.is_op("(")
        if name in FUNCTIONS and (followed_by_paren or name not in self.variables):
            if not followed_by_paren:
                raise FormulaError(f"{name} needs parentheses: {name}(...)", t.pos)
            return self.call(t)
        if name in self.variables:
            return self.variables[name]
        if name == "pi":
            return sympy.pi
        if followed_by_paren:
            raise FormulaError(f"unknown function '{name}' (use: {', '.join(FUNCTIONS)})", t.pos)
        names = ", ".join(sorted(self.variables)) or "no variables"
        hint = "; write exp(x) for e**x" if name == "e" else ""
        split = self.split_hint(name)
        if split:
            raise FormulaError(f"unknown name '{name}': write {split}", t.pos)
        raise FormulaError(f"unknown name '{name}' (use: {names}{hint})", t.pos)

    def call(self, t: Token) -> sympy.Expr:
        open_paren = self.advance()
        args: list[sympy.Expr] = []
        if self.is_op(")"):
            self.advance()
            return call_function(t.text, args, t.pos)
        self.depth += 1
        try:
            while True:
                args.append(self.expr())
                if self.is_op(","):
                    self.advance()
                    continue
                if self.is_op(")"):
                    self.advance()
                    break
                if self.tok.kind == "end":
                    raise FormulaError(
                        f"missing ')' for the '(' at column {open_paren.pos + 1}", open_paren.pos
                    )
                raise self.unexpected(self.tok)
        finally:
            self.depth -= 1
        return call_function(t.text, args, t.pos)


def variable_names(variables: Iterable) -> list[str]:
    """Accept names, (name, meaning) pairs (as Card.variables holds) or a mapping."""
    if isinstance(variables, str):
        variables = [variables]
    if isinstance(variables, Mapping):
        variables = list(variables.keys())
    names = []
    for v in variables:
        name = v[0] if isinstance(v, tuple | list) else v
        if isinstance(name, sympy.Symbol):
            name = name.name
        if (
            not isinstance(name, str)
            or not name
            or not name.isascii()
            or not name[0].isalpha()
            or not all(c.isalnum() or c == "_" for c in name)
        ):
            raise FormulaError(f"bad variable name {name!r} (letters, digits and _ only)")
        names.append(name)
    return names


def symbol(name: str) -> sympy.Symbol:
    """The sympy symbol a variable name parses to (real; see the module docstring)."""
    return sympy.Symbol(name, real=True)


def parse_formula(text: str, variables: Iterable) -> sympy.Expr:
    """Parse `text` in the whitelist syntax; raise FormulaError for anything else.

    `variables` are the declared names (strings, (name, meaning) pairs or a mapping).
    """
    if not isinstance(text, str):
        raise FormulaError("not a formula")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formula too long (at most {MAX_LENGTH} characters)", MAX_LENGTH)
    if not text.strip():
        raise FormulaError("empty formula: type an expression", 0)
    symbols = {name: symbol(name) for name in variable_names(variables)}
    try:
        tokens = tokenize(text)
        return _Parser(text, tokens, symbols).parse()
    except FormulaError:
        raise
    except RecursionError:
        raise FormulaError(f"formula too deeply nested (at most {MAX_DEPTH} levels)") from None
    except Exception as exc:  # a sympy corner case must not escape as anything else
        raise FormulaError("could not read this formula") from exc
