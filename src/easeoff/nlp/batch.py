"""Run the extractor over JSON lines, in order, optionally on several processes.

Each input line is a JSON object with a string ``id`` and a string ``text``.
Each output is ``(line_number, record, None)`` or, for a malformed line,
``(line_number, None, error_message)``; line numbers start at 1 and outputs come
in input order whatever ``jobs`` is. Blank lines are skipped silently.
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from easeoff.nlp.extract import extract

Result = tuple[int, dict[str, Any] | None, str | None]

# Lines sent to a worker at once: large enough to amortise the pickling, small
# enough that results stream back while the input is still being read.
CHUNK_LINES = 256


def process_line(line_number: int, line: str) -> Result | None:
    """Extract one JSON line; return None for a blank line."""
    if not line.strip():
        return None
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return line_number, None, f"line {line_number}: invalid JSON ({error.msg})"
    if not isinstance(item, dict):
        return line_number, None, f"line {line_number}: expected a JSON object"
    passage_id = item.get("id")
    if passage_id is None or passage_id == "":
        return line_number, None, f"line {line_number}: missing 'id'"
    if not isinstance(passage_id, str | int) or isinstance(passage_id, bool):
        return line_number, None, f"line {line_number}: 'id' must be a string or an integer"
    if "text" not in item:
        return line_number, None, f"line {line_number}: missing 'text'"
    text = item["text"]
    if not isinstance(text, str):
        return line_number, None, f"line {line_number}: 'text' must be a string"
    # The id goes out exactly as it came in (a string stays a string, a number a number).
    return line_number, extract(text).to_json(passage_id), None


def _process_chunk(chunk: list[tuple[int, str]]) -> list[Result]:
    out = []
    for line_number, line in chunk:
        result = process_line(line_number, line)
        if result is not None:
            out.append(result)
    return out


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[tuple[int, str]]]:
    numbered = enumerate(lines, start=1)
    while chunk := list(islice(numbered, size)):
        yield chunk


def iter_records(lines: Iterable[str], jobs: int = 1) -> Iterator[Result]:
    """Yield ``(line_number, record or None, error or None)`` for every non-blank line, in input order.

    With ``jobs`` > 1 the lines are extracted in chunks on a process pool; the
    input is read lazily, so a large file is never held in memory at once.
    """
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    chunks = _chunks(lines, CHUNK_LINES)
    if jobs == 1:
        for chunk in chunks:
            yield from _process_chunk(chunk)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=jobs) as pool:
        for results in pool.imap(_process_chunk, chunks):
            yield from results
