"""The bundled decks cover docs/SYLLABUS.md: every topic, its minimum count, every must-include item.

The syllabus table is parsed from the real file, so raising a minimum or adding a must-include
item there makes this test fail until the decks (and the mapping below) catch up. The mapping
from must-include items and from the seed's interview questions to cards was made by reading the
cards, not by matching titles; each listed card answers the item.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from flashdeck.content.loader import deck_files, load_decks
from flashdeck.domain.cards import Card
from flashdeck.domain.topics import TOPICS
from flashdeck.paths import bundled_decks_dir

SYLLABUS = Path(__file__).resolve().parents[1] / "docs" / "SYLLABUS.md"
HEADER = ["topic id", "what it covers", "min cards", "must include"]
MIN_TOTAL_CARDS = 520

# Must-include item (text exactly as in the table) -> cards that answer it. Every card listed
# carries the item's topic id. An item marked "(math)" or "(scenario)" maps only to cards of
# that kind.
MUST_INCLUDE: dict[str, tuple[str, ...]] = {
    # math.linalg
    "shape of QKᵀ": ("math/linalg-qkt-shape", "transformer/attn-shapes-queries-keys"),
    "SVD ↔ low-rank (LoRA link)": ("math/linalg-svd-low-rank-lora", "llm_training/ft-lora-why-low-rank"),
    # math.calculus
    "d/dx of softmax (math)": ("math/calc-softmax-jacobian", "math/calc-softmax-cross-entropy-grad"),
    "Jacobian of a linear layer": ("math/calc-linear-layer-jacobian",),
    # math.probability
    "CE = H(p) + KL(p‖q)": ("math/prob-ce-entropy-plus-kl",),
    "MLE ⇔ minimising NLL": ("math/prob-mle-nll",),
    # math.optimization
    "AdamW decoupled decay vs L2": ("math/opt-adamw-vs-l2",),
    "cosine schedule with warm-up": ("math/opt-cosine-schedule-warmup",),
    # ml.supervised
    "logistic loss gradient (math)": ("classic_ml/logreg-loss-gradient",),
    # ml.unsupervised
    "PCA via SVD": ("classic_ml/pca-via-svd",),
    # ml.rl: the tabular Q-learning update is the sampled Bellman optimality backup
    "Bellman update (math)": ("classic_ml/rl-q-learning-update",),
    # ml.generalization
    "why dropout scales at train time (inverted dropout)": (
        "classic_ml/inverted-dropout-train-time-scaling",
        "classic_ml/inverted-dropout-scale-factor",
    ),
    # ml.metrics
    "perplexity = exp(mean NLL) (math)": ("classic_ml/perplexity-from-nll",),
    # dl.basics
    "why LayerNorm not BatchNorm in Transformers": ("deep_learning/why-layernorm-in-transformers",),
    # dl.sequence
    "the seed's \"why Transformer over RNN for long sequences\"": (
        "deep_learning/transformer-vs-rnn-long-sequences",
    ),
    # nlp.text
    "one BPE merge step worked by hand": ("deep_learning/bpe-one-merge-by-hand",),
    # transformer.attention: FLOPs of QKᵀ and AV in n and d, score-matrix memory in n
    "attention FLOPs and memory in n and d (math)": (
        "transformer/attn-flops-qkt",
        "transformer/attn-flops-av",
        "transformer/attn-score-matrix-memory",
    ),
    "GQA KV-cache saving (math)": ("transformer/attn-gqa-kv-cache-ratio",),
    # the compressed latent (and the decoupled RoPE key) instead of per-head K and V: decode memory
    "what MLA caches and why": ("transformer/attn-mla-what-cached", "transformer/attn-mla-why"),
    # transformer.architecture
    "parameters of one block in d_model (math)": ("transformer/arch-block-params",),
    # transformer.position
    "RoPE makes q·k depend on relative position": ("transformer/pos-rope", "transformer/pos-rope-angle"),
    # llm.pretraining
    "the seed's \"BERT vs GPT objectives\"": ("llm_training/pt-bert-vs-gpt-objectives",),
    "why μP lets a small model's learning rate transfer": ("llm_training/pt-mup-why-lr-transfers",),
    # llm.finetuning
    "LoRA trainable-parameter count (math)": (
        "llm_training/ft-lora-params-per-matrix",
        "llm_training/ft-lora-params-model",
    ),
    "low-cost fine-tuning design (scenario)": ("llm_training/ft-low-cost-finetuning-plan",),
    # llm.alignment
    "DPO loss (math)": ("llm_training/al-dpo-loss",),
    # llm.longcontext
    # IO-aware (the n x n matrix never in HBM), exact (online softmax, no approximation)
    "why FlashAttention is exact and IO-aware": (
        "transformer/lc-flashattention-exact-io",
        "transformer/lc-flashattention-exact",
    ),
    # llm.moe: routing mechanics, and active (compute) vs total (memory) parameters
    "top-k routing compute vs parameters": (
        "llm_training/moe-topk-routing",
        "llm_training/moe-active-vs-total-params",
    ),
    # llm.rag
    "RAG vs fine-tuning (scenario)": ("llm_apps/rag-vs-finetuning",),
    # llm.decoding
    "the seed's \"dialogue model repeats itself\" (scenario)": ("interview/int-dialogue-model-repeats",),
    # min-p's threshold scales with the top token's probability; top-p's fixed mass admits the tail
    "min-p vs top-p": ("llm_apps/dec-min-p-vs-top-p", "llm_apps/dec-min-p"),
    # systems.distributed
    "DP vs model parallel trade-offs (seed)": (
        "llm_systems/dist-data-vs-model-parallel",
        "interview/int-data-vs-model-parallel",
    ),
    "ring all-reduce traffic (math)": ("llm_systems/dist-ring-allreduce-traffic",),
    "Adam memory per parameter in mixed precision (math)": ("llm_systems/dist-adam-mixed-precision-bytes",),
    # systems.memory
    "checkpointing trades compute for memory: how much": (
        "llm_systems/mem-gradient-checkpointing",
        "llm_systems/mem-checkpoint-sqrt-segments",
        "llm_systems/mem-checkpointing-memory",
    ),
    # systems.inference
    "KV-cache size (math)": ("llm_systems/inf-kv-cache-size", "llm_systems/inf-kv-cache-llama2-7b"),
    "prefix caching hit rate vs memory (scenario)": ("llm_systems/inf-prefix-cache-hit-rate-scenario",),
    # systems.compression: one card per starting precision (75% vs 50%)
    "memory saved by FP32→INT8 and FP16→INT8 (math)": (
        "llm_systems/comp-memory-saved-fp32-to-int8",
        "llm_systems/comp-memory-saved-fp16-to-int8",
    ),
    # multimodal
    "CLIP's InfoNCE loss": ("deep_learning/clip-symmetric-infonce-loss",),
    # (H/p)(W/p) patches for one image; with tiles, (tiles + one overview) times that
    "image tokens of a ViT at a given resolution (math)": (
        "deep_learning/vit-number-of-patches",
        "deep_learning/vlm-tiled-image-tokens",
    ),
    # llm.reasoning
    "PRM vs ORM": ("llm_reasoning_eval/reason-prm-vs-orm", "llm_reasoning_eval/reason-prm-solution-score"),
    "best-of-N and reward hacking (scenario)": ("llm_reasoning_eval/reason-best-of-n-reward-hacking",),
    # llm.evaluation
    "unbiased pass@k (math)": ("llm_reasoning_eval/eval-pass-at-k-unbiased",),
    "standard error of an accuracy on n items (math)": ("llm_reasoning_eval/eval-accuracy-standard-error",),
    # systems.gpu
    "MFU of a training run (math)": ("gpu/gpu-mfu-training-run",),
    "arithmetic intensity of a matmul (math)": ("gpu/gpu-matmul-arithmetic-intensity",),
    # models.ssm
    "why an SSM decodes in constant memory per token": ("generative_models/ssm-constant-memory-decode",),
    # models.diffusion: the loss itself is an expectation the formula checker cannot hold
    # (diff-simplified-ddpm-loss, a concept card); the math card asks for the weight it drops
    "the simplified DDPM loss (math)": ("generative_models/diff-simple-loss-dropped-weight",),
    # interview.scenario: a property of every card in the topic (see the test below); these are
    # the seed's own scenario questions, as examples
    "answered with key points a grader can check": (
        "llm_training/ft-low-cost-finetuning-plan",
        "interview/int-dialogue-model-repeats",
        "interview/int-data-vs-model-parallel",
    ),
}

# Seed 004 ("AI large-model learning path"), Part V "interview preparation": the must-know
# theory list, the formula notebook, the classic technical questions, the scenario questions
# and the engineering advice, paraphrased in English -> cards that answer each. Same kind rule
# as above for "(math)" / "(scenario)".
# Left out on purpose: LeetCode-style algorithm questions (not ML content), project
# retrospectives and following industry news (not questions with an answer), and "implement
# each algorithm once by hand" (that is what coding_drills/ is for).
SEED_PART_V: dict[str, tuple[str, ...]] = {
    "How is Transformer self-attention computed? Derive the formula": (
        "transformer/attn-self-attention-steps",
        "transformer/attn-why-sqrt-dk",
    ),
    "How do BERT's and GPT's pre-training objectives differ (MLM vs autoregressive)?": (
        "llm_training/pt-bert-vs-gpt-objectives",
    ),
    "Model compression (pruning, quantisation, distillation): principles and when to use each": (
        "llm_systems/comp-principles-when-to-use",
        "llm_systems/comp-pruning-structured-vs-unstructured",
        "llm_systems/comp-affine-quantisation",
        "llm_systems/comp-knowledge-distillation",
    ),
    "Communication overhead of distributed training and how to reduce it (e.g. gradient accumulation)": (
        "llm_systems/dist-ring-allreduce-traffic",
        "llm_systems/dist-gradient-accumulation",
        "llm_systems/dist-reduce-comm-overhead",
        "interview/int-distributed-comm-bound",
    ),
    "Derive the derivative of softmax (math)": (
        "math/calc-softmax-jacobian",
        "math/calc-softmax-cross-entropy-grad",
    ),
    "Why is the Transformer better suited than an RNN for long sequences?": (
        "deep_learning/transformer-vs-rnn-long-sequences",
    ),
    "Compare the pros and cons of data parallelism and model parallelism": (
        "llm_systems/dist-data-vs-model-parallel",
        "interview/int-data-vs-model-parallel",
    ),
    "How would you design a low-cost fine-tuning plan for a large model? (scenario)": (
        "llm_training/ft-low-cost-finetuning-plan",
    ),
    "Users report the dialogue model repeats its answers: how do you locate and fix it? (scenario)": (
        "interview/int-dialogue-model-repeats",
    ),
    "Mixed-precision training in PyTorch (fp16/bf16, loss scaling, GradScaler)": (
        "llm_systems/mem-fp16-vs-bf16",
        "llm_systems/mem-loss-scaling",
        "interview/int-nan-loss-mixed-precision",
    ),
}


@dataclass(frozen=True, slots=True)
class Row:
    topic: str
    covers: str
    min_cards: int
    must_include: tuple[str, ...]


def parse_syllabus(text: str) -> dict[str, Row]:
    """The topic table of SYLLABUS.md, by topic id. Raises ValueError on a malformed table."""
    lines = text.splitlines()

    def cells(line: str) -> list[str]:
        return [c.strip() for c in line.strip().strip("|").split("|")]

    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("|")
                  and cells(line) == HEADER), None)
    if start is None:
        raise ValueError(f"no table with header {HEADER}")
    if not re.fullmatch(r"\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*\|?", lines[start + 1].strip()):
        raise ValueError("the header row is not followed by a separator row")
    rows: dict[str, Row] = {}
    for number, line in enumerate(lines[start + 2:], start=start + 3):
        if not line.strip().startswith("|"):
            break
        row = cells(line)
        if len(row) != len(HEADER):
            raise ValueError(f"line {number}: expected {len(HEADER)} cells: {line!r}")
        topic, covers, minimum, must = row
        if not topic or topic in rows:
            raise ValueError(f"line {number}: empty or repeated topic id {topic!r}")
        if not minimum.isdigit():
            raise ValueError(f"line {number}: min cards {minimum!r} is not a number")
        items = tuple(item.strip() for item in must.split(";") if item.strip())
        rows[topic] = Row(topic, covers, int(minimum), items)
    if not rows:
        raise ValueError("the topic table has no rows")
    return rows


@cache
def syllabus() -> dict[str, Row]:
    return parse_syllabus(SYLLABUS.read_text(encoding="utf-8"))


@cache
def bundled_cards() -> dict[str, Card]:
    result = load_decks(deck_files(bundled_decks_dir()))
    assert result.problems == (), "bundled decks have problems:\n" + "\n".join(map(str, result.problems))
    cards = {card.key: card for deck in result.decks for card in deck.cards}
    assert len(cards) == sum(len(deck.cards) for deck in result.decks), "card keys are not unique"
    return cards


def topic_counts(cards) -> Counter:
    """Cards per topic id; a card counts once for every topic it lists."""
    return Counter(topic for card in cards for topic in set(card.topics))


def short_topics(rows: dict[str, Row], counts: Counter) -> list[str]:
    return [f"{t}: {counts[t]} card(s), needs {row.min_cards}"
            for t, row in rows.items() if counts[t] < row.min_cards]


def kind_required(item: str) -> str | None:
    for kind in ("math", "scenario"):
        if f"({kind})" in item:
            return kind
    return None


def item_topics() -> dict[str, str]:
    """Must-include item -> the topic id of its row."""
    return {item: row.topic for row in syllabus().values() for item in row.must_include}


# -- the table and flashdeck.domain.topics agree ------------------------------------------------


def test_syllabus_table_parses_with_unique_must_include_items():
    rows = syllabus()
    assert len(rows) >= 20
    items = [item for row in rows.values() for item in row.must_include]
    repeated = sorted(item for item, n in Counter(items).items() if n > 1)
    assert not repeated, f"must-include items appear in more than one row: {repeated}"


def test_syllabus_topics_and_minimums_match_the_code():
    in_doc = {t: row.min_cards for t, row in syllabus().items()}
    in_code = {t: topic.min_cards for t, topic in TOPICS.items()}
    assert in_doc == in_code
    assert all(topic.id == t for t, topic in TOPICS.items())


def test_syllabus_descriptions_match_the_code():
    assert {t: row.covers for t, row in syllabus().items()} == {t: topic.covers for t, topic in TOPICS.items()}


# -- the decks cover the table ------------------------------------------------------------------


def test_every_topic_has_its_minimum_number_of_cards():
    counts = topic_counts(bundled_cards().values())
    short = short_topics(syllabus(), counts)
    assert not short, "topics below their SYLLABUS.md minimum:\n" + "\n".join(short)


def test_at_least_520_cards_in_total():
    assert len(bundled_cards()) >= MIN_TOTAL_CARDS


def test_every_card_topic_is_in_the_syllabus():
    rows = syllabus()
    unknown = sorted(f"{key}: {t}" for key, card in bundled_cards().items() for t in card.topics if t not in rows)
    assert not unknown


def test_every_must_include_item_is_mapped_to_cards():
    unmapped = [f"{topic}: {item}" for item, topic in item_topics().items() if item not in MUST_INCLUDE]
    assert not unmapped, "must-include items with no cards in MUST_INCLUDE:\n" + "\n".join(unmapped)


def test_mapping_has_no_items_the_syllabus_dropped():
    stale = sorted(set(MUST_INCLUDE) - set(item_topics()))
    assert not stale, f"MUST_INCLUDE lists items that are not in SYLLABUS.md: {stale}"


@pytest.mark.parametrize("item", sorted(MUST_INCLUDE))
def test_must_include_item_is_answered_by_existing_cards_of_its_topic_and_kind(item: str):
    cards = bundled_cards()
    keys = MUST_INCLUDE[item]
    assert keys, "map the item to at least one card"
    missing = [k for k in keys if k not in cards]
    assert not missing, f"cards not found in decks/: {missing}"
    topic = item_topics().get(item)
    if topic is not None:
        off_topic = [k for k in keys if topic not in cards[k].topics]
        assert not off_topic, f"cards not tagged {topic}: {off_topic}"
    kind = kind_required(item)
    if kind is not None:
        wrong = [f"{k} ({cards[k].kind})" for k in keys if cards[k].kind != kind]
        assert not wrong, f"item asks for {kind} cards: {wrong}"


def test_interview_scenarios_have_checkable_key_points():
    # "answered with key points a grader can check": every interview.scenario card is a scenario
    # card whose answer is broken into several key points, each with at least one phrasing.
    problems = []
    for key, card in bundled_cards().items():
        if "interview.scenario" not in card.topics:
            continue
        if card.kind != "scenario":
            problems.append(f"{key}: kind {card.kind}, expected scenario")
        elif len(card.key_points) < 3 or not all(any(p.strip() for p in point) for point in card.key_points):
            problems.append(f"{key}: {len(card.key_points)} key point(s), or one without a phrasing")
    assert not problems, "\n".join(problems)


# -- the seed's interview must-know questions (004, Part V) -------------------------------------


@pytest.mark.parametrize("question", list(SEED_PART_V))
def test_seed_interview_question_is_answered(question: str):
    cards = bundled_cards()
    keys = SEED_PART_V[question]
    assert keys
    missing = [k for k in keys if k not in cards]
    assert not missing, f"cards not found in decks/: {missing}"
    kind = kind_required(question)
    if kind is not None:
        wrong = [f"{k} ({cards[k].kind})" for k in keys if cards[k].kind != kind]
        assert not wrong, f"question asks for {kind} cards: {wrong}"
