"""Extractor speed (one core and --jobs 2) and quality, beside a medspaCy ConText baseline, in one run.

    .venv/bin/pip install -e ".[bench]"   # medspaCy, for the baseline
    .venv/bin/python bench/nlp_extract.py [--passages 2000] [--rounds 3] [--no-pyrush]

Speed counts the whole command, start-up included: `easeoff extract IN --out OUT --jobs N`
and the baseline `python bench/nlp_baseline.py IN OUT` (medspaCy's TargetMatcher and ConText
over easeoff's own vocabulary) each run as a subprocess over the development set's texts
repeated to about `--passages` passages. The one-core runs (easeoff --jobs 1 and the
baselines) are pinned to a single CPU; --jobs 2 may use two. Commands alternate within each
round; medians over rounds are reported, and ratios are paired by round. Besides wall-clock
time, each command's CPU time (user + system, its worker processes included) is recorded:
on a shared machine it is far less disturbed by other work. Each command is also timed on a
one-passage file, so start-up and the steady rate can be told apart.

Quality: the same commands over tests/nlp/devset.jsonl (texts only), scored by
`easeoff.nlp.evaluate` against the hand labels: P/R/F1 per field, side by side.

Prints passages per second of each command and the ratio easeoff (one core) / baseline
(target: at least 3, against the faster stock baseline), and whether easeoff's F1 beats the
baseline's on every field (target). Baselines: medspaCy with spaCy's sentencizer, with
medspaCy's PyRuSH splitter (its default; --no-pyrush skips it), and, for information, with
its RegexMatcher patched to build each Doc's text once (not stock medspaCy).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from easeoff.nlp.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "nlp" / "devset.jsonl"
BASELINE = ROOT / "bench" / "nlp_baseline.py"
FIELDS = ("symptoms", "substances", "doses", "kratom_effect")


@dataclass
class Command:
    """One command under test: argv is head + IN + tail + OUT; one_core pins it to one CPU."""

    label: str
    head: list[str]
    tail: list[str]
    one_core: bool
    stock: bool = True
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    startup: list[float] = field(default_factory=list)

    def argv(self, source: Path, target: Path) -> list[str]:
        return [*self.head, str(source), *self.tail, str(target)]


def easeoff_executable() -> str:
    """The `easeoff` console script beside this interpreter."""
    path = Path(sys.executable).with_name("easeoff")
    if not path.exists():
        raise SystemExit(f"{path} not found: install easeoff into this environment (pip install -e .)")
    return str(path)


def pin_to(cpu: int | None) -> Callable[[], None] | None:
    if cpu is None:
        return None
    return lambda: os.sched_setaffinity(0, {cpu})


def run(command: Command, source: Path, target: Path, cpu: int | None, expected: int) -> tuple[float, float]:
    """Run the command once and check it wrote `expected` records; return (wall, CPU) seconds.

    CPU seconds are user + system time of the command and every process it waited for
    (the --jobs workers included): less disturbed than wall time by other work on the machine.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command.argv(source, target),
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=pin_to(cpu) if command.one_core else None,
        check=False,
    )
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if done.returncode != 0:
        raise SystemExit(f"{command.label} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    with target.open(encoding="utf-8") as handle:
        lines = sum(1 for line in handle if line.strip())
    if lines != expected:
        raise SystemExit(f"{command.label}: wrote {lines} records for {expected} passages")
    return seconds, cpu_seconds


def paired_ratio(ours: Sequence[float], theirs: Sequence[float]) -> float:
    """Median over rounds of their seconds / our seconds (our rate / theirs)."""
    return statistics.median(b / a for a, b in zip(ours, theirs, strict=True))


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=2000, help="about this many passages per timed run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--no-pyrush", action="store_true", help="skip the baseline with medspaCy's PyRuSH sentence splitter"
    )
    args = parser.parse_args()
    gold = read_jsonl(DEVSET)
    copies = max(1, round(args.passages / len(gold)))
    texts = [{"id": g["id"], "text": g["text"]} for g in gold]
    big = [{"id": f"{g['id']}~{k}", "text": g["text"]} for k in range(copies) for g in gold]
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    cpu = cpus[0] if cpus else None

    easeoff = easeoff_executable()
    commands = [
        Command("easeoff extract --jobs 1", [easeoff, "extract"], ["--jobs", "1", "--out"], one_core=True),
        Command("easeoff extract --jobs 2", [easeoff, "extract"], ["--jobs", "2", "--out"], one_core=False),
        Command("baseline (sentencizer)", [sys.executable, str(BASELINE)], [], one_core=True),
    ]
    if not args.no_pyrush:
        commands.append(
            Command(
                "baseline (PyRuSH)", [sys.executable, str(BASELINE)], ["--sentences", "pyrush"], one_core=True
            )
        )
    commands.append(
        Command(
            "baseline (text once)*",
            [sys.executable, str(BASELINE)],
            ["--text-once"],
            one_core=True,
            stock=False,
        )
    )

    with tempfile.TemporaryDirectory(prefix="easeoff-bench-nlp-") as tmp:
        work = Path(tmp)
        dev_in, big_in, one_in = work / "dev.jsonl", work / "big.jsonl", work / "one.jsonl"
        write_jsonl(dev_in, texts)
        write_jsonl(big_in, big)
        write_jsonl(one_in, texts[:1])
        # Quality, and a warm-up of every command (imports, file cache).
        predictions: dict[str, list[dict[str, Any]]] = {}
        for n, command in enumerate(commands):
            out = work / f"dev-{n}.jsonl"
            run(command, dev_in, out, cpu, len(texts))
            predictions[command.label] = read_jsonl(out)
        for round_number in range(args.rounds):
            order = commands if round_number % 2 == 0 else commands[::-1]
            for command in order:
                command.startup.append(run(command, one_in, work / "one-out.jsonl", cpu, 1)[0])
                wall, cpu_seconds = run(command, big_in, work / "big-out.jsonl", cpu, len(big))
                command.seconds.append(wall)
                command.cpu_seconds.append(cpu_seconds)

    reports = {label: evaluate(gold, predicted) for label, predicted in predictions.items()}
    ours = reports["easeoff extract --jobs 1"]
    if predictions["easeoff extract --jobs 1"] != predictions["easeoff extract --jobs 2"]:
        print("WARNING: --jobs 1 and --jobs 2 wrote different records", file=sys.stderr)
    baselines = [c.label for c in commands if c.label.startswith("baseline")]
    base = reports[baselines[0]]
    same = all(predictions[label] == predictions[baselines[0]] for label in baselines)

    print(f"quality on {DEVSET.relative_to(ROOT)} ({len(gold)} passages), each command's output scored by")
    print("easeoff.nlp.evaluate (kratom_effect P/R/F1: labels other than 'none' as positives)")
    names = "baseline (every variant: same records)" if same and len(baselines) > 1 else baselines[0]
    print(f"{'':<15}{'easeoff':<21}{names}")
    print(f"{'field':<15}{'P':>6}{'R':>6}{'F1':>6}{'':3}{'P':>6}{'R':>6}{'F1':>6}")
    verdicts = []
    for name in FIELDS:
        a, b = getattr(ours, name), getattr(base, name)
        verdict = "better" if a.f1 > b.f1 + 1e-9 else ("tie" if abs(a.f1 - b.f1) <= 1e-9 else "WORSE")
        verdicts.append(verdict)
        print(
            f"{name:<15}{a.precision:>6.3f}{a.recall:>6.3f}{a.f1:>6.3f}{'':3}"
            f"{b.precision:>6.3f}{b.recall:>6.3f}{b.f1:>6.3f}   F1 {verdict}"
        )
    print(
        f"{'kratom_effect':<15}accuracy {ours.effect_accuracy:.3f}, macro-F1 {ours.effect_macro_f1:.3f}; "
        f"baseline accuracy {base.effect_accuracy:.3f}, macro-F1 {base.effect_macro_f1:.3f}"
    )
    print()
    pinned = f"CPU {cpu}" if cpu is not None else "no pinning available"
    print(
        f"speed: {len(big)} passages (dev set x{copies}), whole command with start-up, "
        f"median of {args.rounds} rounds; one-core runs pinned to {pinned} of {len(cpus) or '?'}"
    )
    print(
        f"{'command':<28}{'wall s':>8}{'passages/s':>12}{'start-up s':>12}{'steady p/s':>12}"
        f"{'CPU s':>8}{'p/CPU s':>9}"
    )
    rates = {}
    for command in commands:
        seconds = statistics.median(command.seconds)
        startup = statistics.median(command.startup)
        cpu_seconds = statistics.median(command.cpu_seconds)
        rates[command.label] = len(big) / seconds
        steady = (len(big) - 1) / (seconds - startup) if seconds > startup else float("nan")
        print(
            f"{command.label:<28}{seconds:>8.2f}{rates[command.label]:>12.0f}{startup:>12.2f}{steady:>12.0f}"
            f"{cpu_seconds:>8.2f}{len(big) / cpu_seconds:>9.0f}"
        )
    ours_one = commands[0]
    stock = [c.label for c in commands if c.label in baselines and c.stock]
    fastest = max(stock, key=rates.__getitem__)
    wall_ratio: dict[str, float] = {}
    cpu_ratio: dict[str, float] = {}
    for command in commands[2:]:
        # Paired by round (the commands ran next to each other), so drift in load cancels out.
        wall_ratio[command.label] = paired_ratio(ours_one.seconds, command.seconds)
        cpu_ratio[command.label] = paired_ratio(ours_one.cpu_seconds, command.cpu_seconds)
        mark = "  (target >= 3.0)" if command.label == fastest else ""
        print(
            f"ratio easeoff one core / {command.label}: {wall_ratio[command.label]:.2f} wall-clock"
            f" (median of rounds), {cpu_ratio[command.label]:.2f} CPU time{mark}"
        )
    print("* not stock medspaCy: its RegexMatcher patched to build the Doc's text once, not once per pattern")
    jobs_ratio = paired_ratio(commands[1].seconds, ours_one.seconds)
    print(f"ratio easeoff --jobs 2 / --jobs 1 (wall-clock): {jobs_ratio:.2f}")
    met_quality = all(v == "better" for v in verdicts)
    print(
        f"target, better F1 on every field: {'met' if met_quality else 'NOT met'} "
        f"({', '.join(f'{n} {v}' for n, v in zip(FIELDS, verdicts, strict=True))})"
    )
    speed = [
        f"{'met' if ratio >= 3.0 else 'NOT met'} on {kind} ({ratio:.2f})"
        for kind, ratio in (("wall-clock", wall_ratio[fastest]), ("CPU time", cpu_ratio[fastest]))
    ]
    print(f"target, >= 3x the faster stock baseline on one core: {'; '.join(speed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
