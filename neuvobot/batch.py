"""JSON-lines batch input shared by `neuvobot search --batch` and `neuvobot ask --batch`.

One question per line; a bad line becomes an error for that line alone, so a batch of
thousands never stops at one typo.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from neuvobot.catalogue.municipalities import MUNICIPALITIES


class BatchQuestion(BaseModel):
    model_config = ConfigDict(extra="ignore")

    municipality: str
    q: str
    lang: Literal["fi", "sv", "en"] | None = None

    @field_validator("municipality")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in MUNICIPALITIES:
            raise ValueError(f"unknown municipality {value!r}")
        return value


def read_batch(source: str) -> Iterator[tuple[int, BatchQuestion | str]]:
    """(line number, question) or (line number, error message), in input order."""
    stream = sys.stdin if source == "-" else open(source, encoding="utf-8")  # noqa: SIM115
    with stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                yield number, BatchQuestion.model_validate(json.loads(line))
            except json.JSONDecodeError as exc:
                yield number, f"line {number}: not JSON ({exc.msg})"
            except ValidationError as exc:
                err = exc.errors()[0]
                where = ".".join(str(p) for p in err["loc"]) or "line"
                message = err["msg"].removeprefix("Value error, ")
                yield number, f"line {number}: {where}: {message}"


def emit(result: dict) -> None:
    print(json.dumps(result, ensure_ascii=False), flush=True)
