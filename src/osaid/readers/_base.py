"""The interface every reader implements, and the facts each format declares about itself.

A format carries its own facts: its name, how it is recognised, which file names a directory
reader looks at, how much it is trusted when sources disagree, and whether ``osaid init``
copies what it says. Merging, directory discovery and ``init`` read them from here, so a new
format is one module (and one line in :data:`osaid.readers.READERS`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from osaid.model import Release
from osaid.readers._document import Document


class Reader(ABC):
    """Recognise one input format by content and turn it into a :class:`Release`."""

    name: str
    """Short format name shown in reports (``osaid-manifest``, ``mof``, ...)."""

    title: str
    """What people call one such file (``MOF model file``), for messages."""

    description: str
    """How the format is recognised, for the 'format not recognised' message."""

    precedence: int = 0
    """Which source wins when several describe one release and disagree (higher wins)."""

    suffixes: tuple[str, ...] = ()
    """File-name endings (lower-case) a directory reader looks at for this format."""

    names: tuple[str, ...] = ()
    """File names (lower-case) always read in a directory, and refused loudly when invalid."""

    prefill: bool = False
    """Whether ``osaid init`` copies what such a file says into the starter manifest."""

    complete: bool = False
    """Whether the format can state every fact osaid checks: merged with it, other sources'
    notes about what their own format cannot say (``format_limit``) are dropped."""

    sniffs_data: bool = True
    """Whether parsed YAML/JSON can be recognised as this format (a card is known by its text)."""

    def sniff_text(self, text: str) -> bool:  # noqa: ARG002 - most formats need parsed data
        """Return True when the raw text alone identifies this format (e.g. front matter)."""
        return False

    def read_text(self, text: str, name: str) -> Release:
        """Read a format recognised by :meth:`sniff_text`."""
        raise NotImplementedError(f"{self.name} does not read raw text ({name})")

    @abstractmethod
    def sniff(self, doc: Document) -> bool:
        """Return True when the parsed YAML/JSON document is in this format."""

    @abstractmethod
    def read(self, doc: Document) -> Release:
        """Turn the document into a release, raising :class:`InputError` on bad content."""
