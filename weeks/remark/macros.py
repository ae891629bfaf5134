"""remark macros (R-MACRO): only ``scale`` renders; any other macro stays as text."""

import html
import re

from weeks.remark.lexer import Macro

_SCALE_WIDTH = re.compile(r"\d+(?:\.\d+)?(?:%|px|em|rem|vw)")


def macro_problem(macro: Macro) -> str:
    if macro.name != "scale":
        return (
            f"macro {macro.raw!r} is unknown and is shown as text; only ![:scale 50%](url) "
            "is available"
        )
    if not macro.target:
        return f"{macro.raw!r} needs an image: ![:scale 50%](img/picture.jpg)"
    if not _SCALE_WIDTH.fullmatch(macro.args[0]):
        return f"{macro.raw!r}: the width must be a number with %, px, em, rem or vw"
    return ""


def macro_html(macro: Macro) -> str | None:
    """The common ``scale`` macro as remark decks define it: an image with a width (R-MACRO)."""
    if macro.name != "scale" or not macro.target:
        return None
    width = macro.args[0]
    style = f' style="width: {width}"' if _SCALE_WIDTH.fullmatch(width) else ""
    return f'<img src="{html.escape(macro.target.strip())}" alt=""{style}>'
