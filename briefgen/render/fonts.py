"""Find characters that no installed font can draw, before they print as boxes."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1)
def covered_codepoints() -> frozenset[int] | None:
    """Return every code point some installed font covers, or None if fontconfig is absent."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return None
    try:
        result = subprocess.run(
            [fc_list, "--format", "%{charset}\n"],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except subprocess.TimeoutExpired:
        return None  # the check is advice only: skip it rather than wait
    if result.returncode != 0:
        return None
    covered: set[int] = set()
    for line in result.stdout.splitlines():
        for part in line.split():
            low, _, high = part.partition("-")
            try:
                start = int(low, 16)
                end = int(high, 16) if high else start
            except ValueError:
                continue
            covered.update(range(start, end + 1))
    return frozenset(covered)


def missing_glyphs(text: str) -> list[str]:
    """Return the distinct printable characters of `text` that no installed font covers."""
    covered = covered_codepoints()
    if covered is None:
        return []
    missing = {
        ch for ch in text
        if ord(ch) > 0x7E and ord(ch) not in covered and unicodedata.category(ch)[0] != "C"
        and not ch.isspace()
    }  # fmt: skip
    return sorted(missing)


def font_warning(text: str) -> str | None:
    """Return a warning naming characters no font covers and how to fix it, or None."""
    missing = missing_glyphs(text)
    if not missing:
        return None
    shown = " ".join(f"{ch} (U+{ord(ch):04X})" for ch in missing[:12])
    more = f" and {len(missing) - 12} more" if len(missing) > 12 else ""
    scripts = sorted({unicodedata.name(ch, "UNKNOWN").split()[0] for ch in missing})
    return (
        f"no installed font has glyphs for {shown}{more} (scripts: {', '.join(scripts)}); "
        "they would print as boxes. Install a font that covers them, e.g. Debian's "
        "fonts-noto-core (Cyrillic, Greek, most scripts) or fonts-noto-cjk (Korean, Chinese, "
        "Japanese), then run `fc-cache -f`"
    )
