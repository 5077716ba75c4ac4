"""Timed mock interviews, the pure part: which questions to ask, how long each may take, how
the clock reads, and how the answers score. No I/O, no clock of its own, standard library only.

Selection prefers the learner's weak spots (lapses, low easiness, overdue, missed in earlier
mocks) while spreading across topics; a seeded random.Random makes a plan reproducible.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

KIND_ORDER = ("concept", "math", "scenario", "drill")  # the order questions are asked in
KIND_WEIGHT = {"concept": 2, "math": 3, "scenario": 4}  # relative time budgets (drill: its own share)
DRILL_MIN_MINUTES = 30  # a coding drill is included from this length on
MIN_QUESTION_SECONDS = 30
MAX_OTHER_SECONDS = 8 * 60  # beside a drill, the other questions' time is capped near this
SLICE = 5  # budgets are whole multiples of 5 seconds
MISSED_BELOW = 3  # a mock grade below this counts as a miss (SM-2's pass mark)
WEAK_BELOW = 80.0  # a topic scoring under this percent (mean grade under 4) is a weak spot


class PlanError(ValueError):
    """str() is one line for the learner: why no plan can be made."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A card that could be asked, with what the learner's history says about it."""

    key: str
    kind: str
    topics: tuple[str, ...]
    lapses: int = 0
    easiness: float = 2.5
    overdue_days: int = 0  # days past due (0: not due yet, or new)
    missed: int = 0  # times graded below 3 in earlier mocks
    is_new: bool = True


def weakness(c: Candidate) -> float:
    """How much a card needs testing: 1 for any card, more for each sign of weakness."""
    score = 1.0
    score += 1.0 * min(c.lapses, 6)
    score += 2.0 * max(0.0, 2.5 - c.easiness)  # EF 1.3 adds 2.4
    score += min(max(c.overdue_days, 0), 28) / 7  # up to 4 weeks overdue adds up to 4
    score += 2.0 * min(c.missed, 4)
    return score


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    key: str
    kind: str
    topics: tuple[str, ...]
    seconds: int  # this question's time budget


@dataclass(frozen=True, slots=True)
class MockPlan:
    minutes: int
    seed: int
    topics: tuple[str, ...]  # the topics asked for (empty: all)
    questions: tuple[PlannedQuestion, ...]
    notes: tuple[str, ...] = ()  # what could not be honoured (e.g. no math card in these topics)

    @property
    def total_seconds(self) -> int:
        return sum(q.seconds for q in self.questions)


def default_question_count(minutes: int, with_drill: bool) -> int:
    """Questions besides the drill: about one per 3.5 minutes of the non-drill time."""
    rest = minutes - (drill_minutes(minutes) if with_drill else 0)
    return max(2, round(rest / 3.5))


def drill_minutes(minutes: int) -> int:
    """The drill's budget: a third of the interview, at least 10 minutes."""
    return max(10, round(minutes / 3))


def plan_mock(candidates: list[Candidate], minutes: int, *, questions: int | None = None,
              topics: tuple[str, ...] | list[str] = (), seed: int = 0,
              drill: bool | None = None) -> MockPlan:
    """Choose the questions and their budgets.

    questions: how many in all, the drill included (default: from the minutes).
    topics: only cards with one of these topics (empty: any).
    drill: include a coding drill (default: when minutes >= 30 and a drill card exists).
    Raises PlanError when nothing can be asked or the budgets would be too short.
    """
    if minutes < 1:
        raise PlanError("a mock interview lasts at least 1 minute")
    if questions is not None and questions < 1:
        raise PlanError("ask at least 1 question")
    wanted = set(topics)
    pool = sorted((c for c in candidates if not wanted or wanted & set(c.topics)), key=lambda c: c.key)
    drills = [c for c in pool if c.kind == "drill"]
    others = [c for c in pool if c.kind in KIND_WEIGHT]
    if not others and not drills:
        raise PlanError("no cards to ask" + (" in these topics" if wanted else "") + ": sync or add decks first")
    notes: list[str] = []
    rng = random.Random(seed)
    jitter = {c.key: 0.6 + 0.8 * rng.random() for c in pool}  # drawn for every card: stable plans

    with_drill = drill if drill is not None else minutes >= DRILL_MIN_MINUTES
    if with_drill and not drills:
        if drill:
            notes.append("no coding drill available" + (" in these topics" if wanted else ""))
        with_drill = False
    if with_drill and (questions == 1 and others):
        with_drill = False  # one question: a concept or math one, not a drill
    if with_drill and minutes < 15:
        with_drill = False
    if not others:
        with_drill = bool(drills)
    count = questions - (1 if with_drill else 0) if questions is not None else (
        default_question_count(minutes, with_drill) if others else 0)
    count = min(count, len(others))

    used: dict[str, int] = {}
    picked: list[Candidate] = []

    def score(c: Candidate) -> float:
        crowd = sum(used.get(t, 0) for t in c.topics)
        return weakness(c) * jitter[c.key] / (1 + crowd) ** 2

    def take(options: list[Candidate]) -> None:
        options = [c for c in options if c not in picked]
        if not options:
            return
        best = max(options, key=lambda c: (score(c), c.key))
        picked.append(best)
        for t in best.topics:
            used[t] = used.get(t, 0) + 1

    if count:
        maths = [c for c in others if c.kind == "math"]
        if maths:
            take(maths)
        else:
            notes.append("no math card" + (" in these topics" if wanted else "") + " to ask")
        scenarios = [c for c in others if c.kind == "scenario"]
        if count >= 3 and scenarios:
            take(scenarios)
        while len(picked) < count:
            take(others)
    chosen = sorted(picked, key=lambda c: KIND_ORDER.index(c.kind))  # stable: pick order within a kind
    if with_drill:
        take(drills)
        chosen.append(picked[-1])

    total = minutes * 60
    drill_seconds = 0
    if with_drill:
        # its own, larger budget: a share of the interview, more when few other questions
        # would otherwise get long budgets
        others_max = (len(chosen) - 1) * MAX_OTHER_SECONDS
        drill_seconds = total if len(chosen) == 1 else max(drill_minutes(minutes) * 60, total - others_max)
    weights = [KIND_WEIGHT[c.kind] for c in chosen if c.kind != "drill"]
    if with_drill and weights:
        # and more than any other question gets: a heavy scenario among few questions would
        # otherwise match it. d > (total - d) * wmax / wsum, with room for split()'s 5 s rounding.
        fair = total * max(weights) / (sum(weights) + max(weights))
        drill_seconds = max(drill_seconds, (int(fair) // 5 + 2) * 5)
    budgets = split(total - drill_seconds, weights) if weights else []
    if with_drill:
        budgets.append(drill_seconds)
    if budgets and min(budgets) < MIN_QUESTION_SECONDS:
        raise PlanError(f"{len(chosen)} questions in {minutes} minute(s) leaves under "
                        f"{MIN_QUESTION_SECONDS} s for some; ask fewer or take longer")
    planned = tuple(PlannedQuestion(c.key, c.kind, c.topics, s) for c, s in zip(chosen, budgets))
    return MockPlan(minutes=minutes, seed=seed, topics=tuple(topics), questions=planned, notes=tuple(notes))


def split(total: int, weights: list[int]) -> list[int]:
    """`total` seconds in proportion to `weights`, in whole slices of 5 s (largest remainder),
    summing exactly to `total` (the last share takes any odd seconds)."""
    slices, odd = divmod(total, SLICE)
    whole = sum(weights)
    exact = [slices * w / whole for w in weights]
    shares = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: slices - sum(shares)]:
        shares[i] += 1
    result = [s * SLICE for s in shares]
    result[-1] += odd
    return result


# -- the clock -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ClockReading:
    current: int | None  # the open question's index (None: the interview is over)
    question_left: float  # seconds
    total_left: float  # the open question's time left plus every later question's budget
    question_warning: bool
    total_warning: bool


def question_warning_at(budget: float) -> float:
    """Warn this many seconds before a question's time is up: a quarter, 10-60 s."""
    return max(10.0, min(60.0, budget / 4))


def total_warning_at(total: float) -> float:
    """Warn this many seconds before the interview's time is up: a fifth, up to 5 minutes."""
    return min(300.0, total / 5)


def read_clock(budgets: list[float], used: list[float], locked: list[bool],
               total: float | None = None) -> ClockReading:
    """Where the interview stands: the first unlocked question is the open one. `budgets` are
    what each question may use (time carried over included); `total` the interview's length
    (default: their sum)."""
    current = next((i for i, done in enumerate(locked) if not done), None)
    if current is None:
        return ClockReading(None, 0.0, 0.0, False, False)
    question_left = max(0.0, budgets[current] - used[current])
    total_left = question_left + sum(budgets[current + 1:])
    return ClockReading(
        current, question_left, total_left,
        question_warning=question_left <= question_warning_at(budgets[current]),
        total_warning=total_left <= total_warning_at(sum(budgets) if total is None else total),
    )


def clock_text(seconds: float) -> str:
    """m:ss (rounded up, so 0:00 means the time is really up)."""
    whole = max(0, int(-(-seconds // 1)))
    return f"{whole // 60}:{whole % 60:02d}"


# -- grading ---------------------------------------------------------------------------------

def suggested_grade(points_covered: int, points_total: int, answer: str) -> int | None:
    """A starting grade for a typed concept/scenario answer: nothing typed 0; with key points,
    the share covered scaled to 1-5; without key points no suggestion (the learner judges)."""
    if not answer.strip():
        return 0
    if not points_total:
        return None
    return max(1, round(5 * points_covered / points_total))


def drill_grade(passed: bool, checks_run: int, cases_passed: int, cases_total: int, touched: bool) -> int:
    """A mock drill's grade (no hints in a mock): passed on the first check 5, after fixes 4;
    not passed: at least half the cases of the last check 2, worked on 1, untouched 0."""
    if passed:
        return 5 if checks_run <= 1 else 4
    if cases_total and cases_passed * 2 >= cases_total:
        return 2
    return 1 if touched or checks_run else 0


def drill_progress(detail: dict, *, touched: bool, check: tuple[bool, int, int] | None = None,
                   mistake: tuple[str, str] | None = None) -> dict:
    """A mock drill's record (the answer's `detail`) after an edit, or after a check
    (passed, cases passed, cases in all): checks are counted until one passes, and a pass is
    kept (a later failing check does not undo it); the last check's cases are kept, and what
    the judge recognised in it (`mistake`: its headline and explanation), shown only once the
    interview is over."""
    out = dict(detail)
    if check is not None and not out.get("passed"):
        passed, cases_passed, cases_total = check
        out["checks"] = out.get("checks", 0) + 1
        out["passed"] = bool(passed)
        out["cases_passed"], out["cases_total"] = cases_passed, cases_total
        out.pop("mistake", None)
        if mistake is not None and not passed:
            out["mistake"] = list(mistake)
    out["touched"] = touched
    return out


def drill_grade_of(detail: dict) -> int:
    """The grade a mock drill's record earns (drill_grade on its fields)."""
    return drill_grade(bool(detail.get("passed")), detail.get("checks", 0), detail.get("cases_passed", 0),
                       detail.get("cases_total", 0), bool(detail.get("touched")))


# -- scoring ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TopicScore:
    topic: str
    questions: int
    points: int  # sum of grades
    percent: float


@dataclass(frozen=True, slots=True)
class Trend:
    previous: tuple[float, ...]  # earlier finished mocks' scores, oldest first
    last: float | None
    mean: float | None
    delta_last: float | None  # this score minus the last one
    delta_mean: float | None


def percent(grades: list[int | None]) -> float:
    """Grades 0-5 (None: not graded, counts 0) as a percentage of the maximum, 1 decimal."""
    if not grades:
        return 0.0
    return round(100 * sum(g or 0 for g in grades) / (5 * len(grades)), 1)


def by_topic(questions: list[tuple[tuple[str, ...], int | None]]) -> list[TopicScore]:
    """Per topic (a question counts for each of its topics), weakest first."""
    grades: dict[str, list[int | None]] = {}
    for topics, grade in questions:
        for t in topics:
            grades.setdefault(t, []).append(grade)
    scores = [TopicScore(t, len(g), sum(x or 0 for x in g), percent(g)) for t, g in grades.items()]
    return sorted(scores, key=lambda s: (s.percent, -s.questions, s.topic))


def weakest(scores: list[TopicScore], limit: int = 3) -> list[TopicScore]:
    """The lowest-scoring topics under WEAK_BELOW percent (mean grade under 4), at most `limit`."""
    return [s for s in sorted(scores, key=lambda s: (s.percent, -s.questions, s.topic))
            if s.percent < WEAK_BELOW][:limit]


def trend(score: float, previous: list[float]) -> Trend:
    if not previous:
        return Trend((), None, None, None, None)
    last = previous[-1]
    mean = round(sum(previous) / len(previous), 1)
    return Trend(tuple(previous), last, mean, round(score - last, 1), round(score - mean, 1))


@dataclass(frozen=True, slots=True)
class QuestionResult:
    position: int
    key: str
    kind: str
    topics: tuple[str, ...]
    front: str
    budget_seconds: int
    used_seconds: float
    grade: int | None
    answer: str


@dataclass(frozen=True, slots=True)
class MockReport:
    session_id: int
    started_at: object  # datetime (local)
    minutes: int
    seed: int
    state: str
    score: float
    questions: tuple[QuestionResult, ...]
    topics: tuple[TopicScore, ...]
    weakest: tuple[TopicScore, ...]
    trend: Trend
    pause_count: int
    paused_seconds: float
    used_seconds: float
    no_schedule: bool = False
    filter_topics: tuple[str, ...] = field(default_factory=tuple)


def build_report(*, session_id: int, started_at, minutes: int, seed: int, state: str,
                 questions: list[QuestionResult], previous_scores: list[float], pause_count: int,
                 paused_seconds: float, no_schedule: bool = False,
                 filter_topics: tuple[str, ...] = ()) -> MockReport:
    score = percent([q.grade for q in questions])
    topics = by_topic([(q.topics, q.grade) for q in questions])
    return MockReport(
        session_id=session_id, started_at=started_at, minutes=minutes, seed=seed, state=state, score=score,
        questions=tuple(questions), topics=tuple(topics), weakest=tuple(weakest(topics)),
        trend=trend(score, previous_scores), pause_count=pause_count, paused_seconds=paused_seconds,
        used_seconds=sum(q.used_seconds for q in questions), no_schedule=no_schedule,
        filter_topics=tuple(filter_topics),
    )


def report_markdown(report: MockReport) -> str:
    """The report as Markdown (what the report screen's key and `--report FILE` write)."""
    r = report
    lines = [f"# Mock interview #{r.session_id}: {r.score:.1f}%", ""]
    when = r.started_at.strftime("%Y-%m-%d %H:%M") if hasattr(r.started_at, "strftime") else str(r.started_at)
    lines.append(f"- Date: {when}")
    lines.append(f"- Length: {r.minutes} min planned, {clock_text(r.used_seconds)} used; seed {r.seed}")
    if r.filter_topics:
        lines.append(f"- Topics asked for: {', '.join(r.filter_topics)}")
    pause = "none" if not r.pause_count else f"{r.pause_count} ({clock_text(r.paused_seconds)} in all)"
    lines.append(f"- Pauses and interruptions: {pause}")
    lines.append(f"- Score: **{r.score:.1f}%** ({sum(q.grade or 0 for q in r.questions)} of "
                 f"{5 * len(r.questions)} points)")
    if r.no_schedule:
        lines.append("- Practice only: the grades did not move the review schedule")
    lines += ["", "## Questions", "", "| # | question | kind | topics | time used / budget | grade |",
              "|---|---|---|---|---|---|"]
    for q in r.questions:
        front = " ".join(q.front.split())  # whole: a cut could split a $…$ formula
        grade = "—" if q.grade is None else str(q.grade)
        lines.append(f"| {q.position + 1} | {_cell(front)} (`{q.key}`) | {q.kind} | {', '.join(q.topics)} | "
                     f"{clock_text(q.used_seconds)} / {clock_text(q.budget_seconds)} | {grade} |")
    lines += ["", "## Topics", "", "| topic | questions | score |", "|---|---|---|"]
    for t in r.topics:
        lines.append(f"| {t.topic} | {t.questions} | {t.percent:.1f}% |")
    lines += ["", "## Weakest topics", ""]
    lines += [f"- {t.topic}: {t.percent:.1f}%" for t in r.weakest] or ["- none below 80%"]
    lines += ["", "## Trend", ""]
    if r.trend.last is None:
        lines.append("- The first mock: nothing to compare with yet")
    else:
        lines.append(f"- Previous mocks: {', '.join(f'{s:.1f}%' for s in r.trend.previous)}")
        lines.append(f"- Against the last one: {r.trend.delta_last:+.1f} points; "
                     f"against their mean ({r.trend.mean:.1f}%): {r.trend.delta_mean:+.1f} points")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# -- stored records (what the store hands the services) ---------------------------------------

@dataclass(frozen=True, slots=True)
class MockSessionInfo:
    id: int
    started_at: object  # datetime, UTC naive
    updated_at: object
    finished_at: object | None
    minutes: int
    seed: int
    topics: tuple[str, ...]
    no_schedule: bool
    state: str  # running | paused | review | finished | abandoned
    paused_at: object | None
    paused_seconds: int
    pause_count: int


@dataclass(frozen=True, slots=True)
class MockAnswer:
    id: int
    position: int
    card_key: str
    kind: str
    topics: tuple[str, ...]
    budget_seconds: int
    used_ms: int
    answer: str
    auto_grade: int | None
    grade: int | None
    locked: bool
    detail: dict
    review_log_id: int | None = None
    carried_ms: int = 0  # time handed on by earlier questions locked early

    @property
    def allowed_ms(self) -> int:
        """The planned budget plus the time carried over."""
        return self.budget_seconds * 1000 + self.carried_ms
