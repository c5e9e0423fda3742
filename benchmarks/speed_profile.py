"""Where whosaid's time goes: each spaCy component, then whosaid's own stages.

Used by `benchmarks/speed.py --profile`: CPU seconds of each component of the
stock spaCy pipeline (what textacy runs) beside whosaid's, run one component
at a time over the same docs; then the rules engine's stages on the parsed
docs (residue, attributions, speakers, kinds), what `Extractor.pipe` adds
around them (windows, people mentioned for voices, results), and a cProfile
of the rules' `find_quotes`.
"""

from __future__ import annotations

import cProfile
import io
import pstats
import time
from typing import Any


def component_times(
    nlp: Any, texts: list[str], batch_size: int
) -> tuple[dict[str, float], list[Any]]:
    """Run `nlp` component by component over `texts`: CPU seconds of each.

    With one BLAS thread, as `Extractor.pipe` runs them (#18).
    """
    from whosaid.extract.blas import one_blas_thread

    times = {}
    start = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    times["tokenizer"] = time.process_time() - start
    for name, pipe in nlp.pipeline:
        start = time.process_time()
        with one_blas_thread():
            if hasattr(pipe, "pipe"):
                docs = list(pipe.pipe(docs, batch_size=batch_size))
            else:  # a function component (line breaks)
                docs = [pipe(doc) for doc in docs]
        times[name] = time.process_time() - start
    return times, docs


def rule_stage_times(extractor: Any, docs: list[Any]) -> dict[str, float]:
    """CPU seconds in each stage of the rules engine's `find_quotes`."""
    from whosaid.clean import find_residue
    from whosaid.extract.kinds.classify import assign_kinds
    from whosaid.extract.speakers.resolve import resolve_speakers

    engine = extractor.engine
    times = dict.fromkeys(("residue", "attributions", "speakers", "kinds"), 0.0)
    for i, doc in enumerate(docs):
        clock = [time.process_time()]
        residue = find_residue(doc.text)
        clock.append(time.process_time())
        attributions, _ = engine.finder.find(doc, residue=residue)
        clock.append(time.process_time())
        quotes = resolve_speakers(
            doc, attributions, str(i), engine.version, residue=residue
        )
        clock.append(time.process_time())
        assign_kinds(doc, quotes)
        clock.append(time.process_time())
        for k, stage in enumerate(times):
            times[stage] += clock[k + 1] - clock[k]
    return times


def _pipe_time(extractor: Any, texts: list[str]) -> float:
    """CPU seconds of `Extractor.pipe` over `texts`, end to end."""
    from whosaid.model import Article

    start = time.process_time()
    for _ in extractor.pipe(Article(id=str(i), text=t) for i, t in enumerate(texts)):
        pass
    return time.process_time() - start


def _parse_time(extractor: Any, texts: list[str]) -> float:
    """CPU seconds of `nlp.pipe` over `texts`, every component at once."""
    from whosaid.extract.blas import one_blas_thread

    start = time.process_time()
    with one_blas_thread():
        for _ in extractor.nlp.pipe(texts, batch_size=extractor.batch_size):
            pass
    return time.process_time() - start


def profile_whosaid(texts: list[str], extractor: Any) -> str:
    """Say where `extractor`'s time goes on one process.

    Each spaCy component of the stock pipeline beside whosaid's, each stage of
    the rules, what `Extractor.pipe` spends besides the two, then a cProfile of
    the rules' `find_quotes` (kinds included).
    """
    import spacy

    from whosaid import settings

    stock = spacy.load(settings.get("spacy_model"))
    for nlp in (stock, extractor.nlp):
        list(nlp.pipe(texts[:2]))  # warm-up
    stock_times: dict[str, float] = {}
    times: dict[str, float] = {}
    for _ in range(2):  # alternating, keeping each component's best pass
        for kept, nlp in ((stock_times, stock), (times, extractor.nlp)):
            seconds, docs = component_times(nlp, texts, extractor.batch_size)
            # `docs` ends up whosaid's: its pipeline runs last.
            for name, value in seconds.items():
                kept[name] = min(value, kept.get(name, value))
    lines = [f"{'spaCy, CPU s':<24}{'stock':>8}{'whosaid':>9}"]
    for name in dict.fromkeys([*stock_times, *times]):
        ours = f"{times[name]:>9.2f}" if name in times else f"{'-':>9}"
        theirs = f"{stock_times[name]:>8.2f}" if name in stock_times else f"{'-':>8}"
        lines.append(f"{name:<24}{theirs}{ours}")
    parse_s = sum(times.values())
    lines.append(f"{'total':<24}{sum(stock_times.values()):>8.2f}{parse_s:>9.2f}")
    rule_stage_times(extractor, docs[:2])  # warm-up
    stages = min(
        (rule_stage_times(extractor, docs) for _ in range(2)),
        key=lambda t: sum(t.values()),
    )
    rules_s = sum(stages.values())
    pipe_s = min(_pipe_time(extractor, texts) for _ in range(2))
    whole_parse_s = min(_parse_time(extractor, texts) for _ in range(2))
    lines += [
        "",
        f"whosaid rules after the parse: {rules_s:.2f} s, "
        f"{1000 * rules_s / len(docs):.1f} ms an article, "
        f"{100 * rules_s / (rules_s + parse_s):.0f}% of parse plus rules; by stage: "
        + ", ".join(f"{k} {v:.2f} s" for k, v in stages.items()),
        f"Extractor.pipe end to end: {pipe_s:.2f} s; nlp.pipe alone (all "
        f"components at once) {whole_parse_s:.2f} s; the difference, rules, "
        f"windows and people mentioned: {pipe_s - whole_parse_s:.2f} s",
        "",
        "cProfile of find_quotes (cumulative time, top 25):",
    ]
    profiler = cProfile.Profile()
    profiler.enable()
    for i, doc in enumerate(docs):
        extractor.engine.find_quotes(doc, str(i))
    profiler.disable()
    buffer = io.StringIO()
    pstats.Stats(profiler, stream=buffer).sort_stats("cumulative").print_stats(25)
    return "\n".join(lines) + "\n" + buffer.getvalue()
