"""Build resources/fonts/convviz-cjk-subset.otf: the Chinese glyphs convviz's
translations use, and no others, cut from Noto Sans CJK SC.

Run: python tools/make_cjk_font.py [FONT]     (needs fontTools: pip install -e ".[tools]")

FONT is Noto Sans CJK (a ``.ttc`` collection or the SC ``.otf``); without it
the script looks where Debian's ``fonts-noto-cjk`` package puts it
(``/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc``) and then asks
fontconfig (``fc-list :lang=zh``). Where none is installed,
``apt-get download fonts-noto-cjk && dpkg-deb -x fonts-noto-cjk_*.deb x``
gives one without installing it.

Source and licence: Noto Sans CJK SC, version 2.004, © 2014-2021 Adobe, from
https://github.com/googlefonts/noto-cjk (Debian's fonts-noto-cjk
1:20220127+repack1-1), under the SIL Open Font License 1.1 with the Reserved
Font Name "Source"; the licence ships beside the font
(resources/fonts/LICENSE-NotoSansCJK.txt). A subset is a Modified Version
under the OFL, so it is renamed ("convviz CJK"), and it stays under the OFL.

The characters are every non-ASCII character of the ``.ts`` translations and
of the language names in the View menu, so the window, recordings and CLI
renders never show a missing-glyph box on a machine without CJK fonts (a test
checks every one is in the font). Run it again after translating new text:
``python tools/i18n.py`` says so when a character is missing.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "fonts" / "convviz-cjk-subset.otf"
FAMILY = "convviz CJK"
DEBIAN_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def needed_characters() -> str:
    """Every character outside ASCII in the translations and the language names."""
    sys.path.insert(0, str(ROOT))
    from convviz.core.language import LANGUAGES

    text = "".join(LANGUAGES.values())
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        for translation in ET.parse(ts).getroot().iter("translation"):
            text += translation.text or ""
    return "".join(sorted({c for c in text if ord(c) > 0x7E}))


def find_source() -> Path:
    if DEBIAN_TTC.exists():
        return DEBIAN_TTC
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        listed = ""
    for line in sorted(listed.splitlines()):
        path = Path(line.split(":")[0])
        if "NotoSansCJK" in path.name and "Bold" not in path.name:
            return path
    sys.exit("Noto Sans CJK not found: pass its path (see this script's docstring)")


def load_sc(path: Path):  # noqa: ANN201 - a fontTools TTFont
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() == ".ttc":
        for face in TTCollection(str(path)).fonts:
            if face["name"].getDebugName(1) == "Noto Sans CJK SC":
                return face
        sys.exit(f"{path}: holds no Noto Sans CJK SC face")
    return TTFont(str(path))


def build(source: Path) -> tuple[int, int]:
    """Write the subset; returns (characters, bytes)."""
    from fontTools import subset

    font = load_sc(source)
    characters = needed_characters()
    options = subset.Options()
    options.layout_features = ["*"]  # keep vertical metrics and punctuation spacing as designed
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # copyright, names, version, licence
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16, 21):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 6):
            names.setName("convviz-CJK-Regular", record.nameID, record.platformID, record.platEncID, record.langID)
    if "CFF " in font:  # the PostScript name inside the CFF table, too
        font["CFF "].cff.fontNames = ["convviz-CJK-Regular"]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(OUT))
    return len(characters), OUT.stat().st_size


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else find_source()
    count, size = build(source)
    print(f"{OUT.relative_to(ROOT)}: {count} characters, {size:,} bytes, from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
