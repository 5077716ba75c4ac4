"""The browser's search syntax (domain.browse_query): pure parsing, no database."""

from __future__ import annotations

import pytest

from flashdeck.domain.browse_query import SYNTAX, BrowseFilter, QueryError, parse


def test_empty_and_blank_queries_match_everything():
    assert parse("") == BrowseFilter()
    assert parse("   \t ").is_empty
    assert not parse("x").is_empty


def test_words_and_quoted_phrases_are_text_terms():
    assert parse('attention  "scaled dot product"  softmax').text == ("attention", "scaled dot product", "softmax")


def test_prefix_terms():
    f = parse("deck:alpha topic:transformer is:mature is:leech is:buried is:due")
    assert f.decks == ("alpha",)
    assert f.topics == ("transformer",)
    assert f.states == ("mature",)
    assert f.leech and f.buried and f.due
    assert f.text == ()


def test_prefixes_and_is_values_ignore_case():
    f = parse("DECK:alpha Is:NEW Topic:Transformer.Attention")
    assert f.decks == ("alpha",) and f.states == ("new",) and f.topics == ("transformer.attention",)


def test_several_decks_or_states_are_kept_in_order_without_duplicates():
    f = parse("is:new deck:a is:learning deck:b is:new deck:a")
    assert f.states == ("new", "learning")
    assert f.decks == ("a", "b")


def test_quoted_prefix_value_and_quoted_colon_text():
    assert parse('deck:"my deck"').decks == ("my deck",)
    assert parse('"q:k" "is:new"').text == ("q:k", "is:new")  # quoted: text, not terms
    assert parse('"unclosed phrase').text == ("unclosed phrase",)  # still typing
    assert parse('""').is_empty


def test_words_with_a_colon_that_is_not_a_prefix_stay_text():
    assert parse("12:30 O(n):").text == ("12:30", "O(n):")


def test_topic_prefix_must_name_a_topic_or_a_group_of_them():
    assert parse("topic:llm").topics == ("llm",)
    assert parse("topic:llm.").topics == ("llm",)
    assert parse("topic:multimodal").topics == ("multimodal",)
    with pytest.raises(QueryError) as err:
        parse("topic:transform")  # a prefix of a group name, not a group: would match nothing
    assert "no topic 'transform'" in str(err.value) and "transformer" in str(err.value)
    with pytest.raises(QueryError, match="did you mean transformer.attention"):
        parse("topic:attention")


def test_topic_ids_can_be_given():
    assert parse("topic:x", topics={"x.y"}).topics == ("x",)
    with pytest.raises(QueryError):
        parse("topic:math", topics={"x.y"})


def test_unknown_prefix_names_it_and_lists_what_is_accepted():
    with pytest.raises(QueryError) as err:
        parse("attention tag:foo")
    message = str(err.value)
    assert "'tag:'" in message
    assert "deck:ID" in message and "topic:ID" in message and "is:new" in message
    assert '"tag:foo"' in message  # how to search for the colon instead
    with pytest.raises(QueryError, match="'http:'"):
        parse("http://example.com")


def test_unknown_is_value_lists_the_values():
    with pytest.raises(QueryError) as err:
        parse("is:lapsed")
    assert "is:lapsed" in str(err.value)
    for value in ("new", "learning", "young", "mature", "suspended", "buried", "leech", "due"):
        assert f"is:{value}" in str(err.value)


@pytest.mark.parametrize("query", ["deck:", "topic:", "is:", 'deck:""'])
def test_a_prefix_without_a_value_says_what_it_needs(query):
    with pytest.raises(QueryError, match="needs a value"):
        parse(query)


@pytest.mark.parametrize("query", ['"', '::', ':x', 'a"b', 'deck:"', '\\', '%_', 'is:new"', '"is:new', "x:y:z",
                                   "tab\there", "ünïcödé:", "-", "a:\"b c\" d"])
def test_odd_input_never_raises_anything_but_query_error(query):
    try:
        parse(query)
    except QueryError:
        pass


def test_the_syntax_line_lists_every_term():
    for term in ("deck:ID", "topic:ID", '"a phrase"', "new", "learning", "young", "mature", "suspended",
                 "buried", "leech", "due"):
        assert term in SYNTAX
