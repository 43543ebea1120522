"""The interface every reader implements."""

from __future__ import annotations

from abc import ABC, abstractmethod

from osaid.model import Release
from osaid.readers._document import Document


class Reader(ABC):
    """Recognise one input format by content and turn it into a :class:`Release`."""

    name: str
    """Short format name shown in reports (``osaid-manifest``, ``mof``, ...)."""

    description: str
    """How the format is recognised, for the 'format not recognised' message."""

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
