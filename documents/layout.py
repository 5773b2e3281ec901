"""Page layout of formal documents per GB/T 9704-2012 《党政机关公文格式》.

The numbers the template builder writes into every default template, kept in one place
so the tests check the built files against the same figures.

Text area (版心) 156 mm × 225 mm on A4. 22 lines of 三号 (16 pt) text fill 225 mm, so the
line pitch is 225 mm / 22 ≈ 28.99 pt; Word's usual figure for "22 lines" is 28.95 pt
(579 twips), which we use both as the exact line spacing and as the grid's line pitch.
28 characters fill 156 mm: 442.2 pt / 28 ≈ 15.79 pt per character, i.e. the grid's
character spacing is 0.21 pt narrower than the 16 pt font; Word stores that difference in
4096ths of a point (w:charSpace).

Page numbers: "— 1 —" in 四号 (14 pt) half-width 宋体 digits between em dashes, 7 mm below
the text area; per the standard (7.5) odd pages right and even pages left, each one
character in from the edge of the text area. The templates therefore switch on separate
odd/even footers (w:evenAndOddHeaders).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MM_PER_INCH = Decimal("25.4")
TWIPS_PER_INCH = 1440
PT_PER_INCH = 72


def mm_to_twips(mm: Decimal | int | str) -> int:
    value = Decimal(mm) * TWIPS_PER_INCH / MM_PER_INCH
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
# Footer baseline: 7 mm below the text area, less the height of a 14 pt line (≈ 5 mm).
FOOTER_DISTANCE_MM = 23
HEADER_DISTANCE_MM = 15

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

BODY_SIZE_PT = 16  # 三号
TITLE_SIZE_PT = 22  # 二号
PAGE_NUMBER_SIZE_PT = 14  # 四号
TABLE_SIZE_PT = 14  # 四号, in forms (送达回证, 审批表)
TABLE_LINE_PITCH_PT = 20

LINE_PITCH_TWIPS = 579  # 28.95 pt
LINE_PITCH_PT = Decimal(LINE_PITCH_TWIPS) / 20

TEXT_WIDTH_PT = (
    Decimal(PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * PT_PER_INCH / MM_PER_INCH
)
CHAR_PITCH_PT = TEXT_WIDTH_PT / CHARS_PER_LINE
# w:charSpace: (character pitch − font size) in 1/4096 pt.
CHAR_SPACE = int(((CHAR_PITCH_PT - BODY_SIZE_PT) * 4096).to_integral_value(ROUND_HALF_UP))

# Font names exactly as the official templates spell them; the PDF renderer maps them
# to free fonts (documents/fontconfig/fonts.conf).
FONT_BODY = "仿宋_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_HEADING_1 = "黑体"
FONT_HEADING_2 = "楷体_GB2312"
FONT_HEADING_3 = "仿宋_GB2312"
FONT_PAGE_NUMBER = "宋体"
# Latin letters and digits inside the body: the standard's examples use the same face.
FONT_LATIN = "Times New Roman"

EAST_ASIAN_LANG = "zh-CN"
