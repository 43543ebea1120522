"""Terms beyond the licence label: the kinds osaid knows, from ``licenses/additional-terms.toml``.

Which kinds restrict the freedoms, with which OSD criteria, and the wordings in free-text notes
that suggest an undeclared term, are licence facts, so they are data; this module loads them
and answers two questions: what a declared kind is (``kind("aup")``) and which known wordings a
note contains (``phrases_in(text)``), by plain substring search (linear in the text).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from osaid._errors import LicenseDataError, Problem
from osaid._resources import data_dir
from osaid._toml import read_toml
from osaid._validation import key_path


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class TermKind(_Table):
    """One kind of additional term and what it means for the freedoms."""

    id: str
    aliases: list[str] = Field(default_factory=list)
    restricts: bool
    osd: list[str] = Field(default_factory=list)
    summary: str
    rationale: str


class Phrase(_Table):
    """A wording that, in free-text notes, suggests an undeclared term."""

    text: str = Field(min_length=2)
    whole_word: bool = False


class _Meta(_Table):
    title: str
    reviewed: str
    source: str


class _File(_Table):
    meta: _Meta
    kind: list[TermKind] = Field(min_length=1)
    phrase: list[Phrase] = Field(default_factory=list)


class TermsData:
    """The kinds, indexed by id and alias (case-insensitive), and the note phrases."""

    def __init__(self, kinds: list[TermKind], phrases: list[Phrase]) -> None:
        self.kinds = {kind.id: kind for kind in kinds}
        self._by_spelling = {
            spelling.casefold(): kind for kind in kinds for spelling in (kind.id, *kind.aliases)
        }
        self.phrases = phrases

    def kind(self, written: str) -> TermKind | None:
        """The kind ``written`` names (its id or an alias, any case), or None."""
        return self._by_spelling.get(written.strip().casefold())

    def spellings(self) -> list[str]:
        """Every accepted spelling, for did-you-mean suggestions."""
        return sorted({*self.kinds, *self._by_spelling})

    def phrases_in(self, text: str) -> list[str]:
        """The known wordings ``text`` contains, in table order."""
        folded = text.casefold()
        return [p.text for p in self.phrases if _contains(folded, p.text.casefold(), p.whole_word)]


def _contains(text: str, phrase: str, whole_word: bool) -> bool:
    start = text.find(phrase)
    while start >= 0:
        end = start + len(phrase)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not whole_word or not (before.isalnum() or after.isalnum()):
            return True
        start = text.find(phrase, start + 1)
    return False


def load_terms(path: Path) -> TermsData:
    """Load and validate ``path``; problems name the file and key."""
    raw = read_toml(path, LicenseDataError)
    try:
        table = _File.model_validate(raw)
    except ValidationError as exc:
        raise LicenseDataError(
            [
                Problem(str(e["msg"]), file=str(path), key=key_path(e["loc"]))
                for e in exc.errors(include_url=False)
            ]
        ) from None
    return TermsData(table.kind, table.phrase)


@cache
def shipped_terms() -> TermsData:
    """The additional-terms table shipped with osaid, loaded once per process."""
    from osaid.licensing._compiled import compiled_tables  # noqa: PLC0415

    root = data_dir("licenses")
    compiled = compiled_tables(root)
    if compiled is not None:  # validated when compiled, from this very file
        table = compiled["additional-terms.toml"]
        return TermsData(table.kind, table.phrase)
    return load_terms(root / "additional-terms.toml")
