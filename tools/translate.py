"""Fill Spanish translations into the catalog from a JSON file of {msgid: msgstr} and compile it.

Usage: python tools/translate.py FILE.json   (prints what is still missing)
"""
import json
import subprocess
import sys
from pathlib import Path

import polib

CATALOG = Path(__file__).resolve().parent.parent / "src/puente/locale/es/LC_MESSAGES/django.po"


def main(path: str | None) -> int:
    catalog = polib.pofile(str(CATALOG))
    given = json.loads(Path(path).read_text(encoding="utf-8")) if path else {}
    for entry in catalog:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key in given:
            value = given[key]
            if entry.msgid_plural:
                entry.msgstr_plural = {0: value[0], 1: value[1]}
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    catalog.save()
    missing = [e.msgid for e in catalog if not e.translated() or "fuzzy" in e.flags]
    for msgid in missing:
        print(f"missing: {msgid!r}")
    subprocess.run(["msgfmt", "--check", "-o", str(CATALOG.with_suffix(".mo")), str(CATALOG)], check=True)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else None))
