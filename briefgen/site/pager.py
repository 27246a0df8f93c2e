"""Where a page sits in the site and among the pages of a paginated listing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


def depth_root(path: str) -> str:
    """Return the relative prefix from a page to the site root, e.g. `../../`."""
    return "../" * path.count("/")


@dataclass(frozen=True)
class Pager:
    """Where one page of a paginated listing sits among the listing's pages."""

    folder: str
    """The listing's folder from the site root, `""` or e.g. `topics/china/`."""
    number: int
    count: int
    size: int
    total: int
    """How many items (briefs, or brief groups) the whole listing has."""

    @property
    def path(self) -> str:
        """Return this page's path from the site root."""
        return self.path_of(self.number)

    def path_of(self, number: int) -> str:
        """Return the path of page `number`: the listing's own URL, then `page/N/index.html`."""
        return (
            f"{self.folder}index.html" if number == 1 else f"{self.folder}page/{number}/index.html"
        )

    def href(self, number: int) -> str:
        """Return the relative link from this page to page `number`."""
        return depth_root(self.path) + self.path_of(number)

    @property
    def prev(self) -> int | None:
        """Return the previous page's number, None on the first page."""
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        """Return the next page's number, None on the last page."""
        return self.number + 1 if self.number < self.count else None

    @property
    def first_item(self) -> int:
        """Return the 1-based position of this page's first item in the listing."""
        return min((self.number - 1) * self.size + 1, self.total)

    @property
    def last_item(self) -> int:
        """Return the 1-based position of this page's last item in the listing."""
        return min(self.number * self.size, self.total)

    def numbers(self, around: int = 2) -> list[int | None]:
        """Return the page numbers to link: the ends and this page's neighbours, None for a gap."""
        near = range(max(1, self.number - around), min(self.count, self.number + around) + 1)
        shown: list[int | None] = []
        last = 0
        for number in sorted({1, self.count, *near}):
            if number - last == 2:
                shown.append(number - 1)  # link a single missing page rather than a gap
            elif number - last > 2:
                shown.append(None)
            shown.append(number)
            last = number
        return shown


def paginate(items: Sequence[T], size: int, folder: str) -> list[tuple[Pager, Sequence[T]]]:
    """Split a listing into pages of `size` items; an empty listing still has its first page."""
    count = max(1, -(-len(items) // size))
    return [
        (Pager(folder, number, count, size, len(items)), items[(number - 1) * size : number * size])
        for number in range(1, count + 1)
    ]
