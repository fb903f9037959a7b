"""GB/T 9704-2012 《党政机关公文格式》 measurements, one named constant each.

Every figure the DOCX writers use lives here, with the clause of the standard it comes from
(or "local" when it is a choice this project made where the standard is silent). Units:
OOXML measures lengths in twentieths of a point (*twips*, 1 pt = 20 twips, 1 mm ≈ 56.69
twips), font sizes in half-points, border widths in eighths of a point.

Rendering notes that decided some of the values (measured with LibreOffice 7.4):

* The 22 × 28 grid is made with a ``w:docGrid w:type="lines"`` of pitch 579 twips, an exact
  line height of 579 twips on every text paragraph, and the Normal style's characters
  condensed by 0.25 pt, so that 28 one-em 3号 characters (28 × 15.75 pt = 441 pt) fit the
  156 mm (442.2 pt) text block and a 29th does not.
* CJK faces differ by machine (方正小标宋简体, 仿宋_GB2312 on a Windows office PC; Noto CJK
  on a Linux build box), but all have a one-em advance, so counts and positions survive
  substitution. Only the vertical placement of a glyph inside an exact-height line depends
  on the face; the calibration constants below are marked as such.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- units -------------------------------------------------------------------------------

TWIPS_PER_PT = 20
PT_PER_MM = 72 / 25.4


def mm(value: float) -> int:
    """Millimetres to twips (rounded)."""
    return round(value * PT_PER_MM * TWIPS_PER_PT)


def pt(value: float) -> int:
    """Points to twips (rounded)."""
    return round(value * TWIPS_PER_PT)


def twips_to_mm(value: float) -> float:
    return value / TWIPS_PER_PT / PT_PER_MM


# --- page (cl. 5.2) -----------------------------------------------------------------------

#: cl. 5.2.1 幅面尺寸: A4, 210 mm × 297 mm.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
#: cl. 5.2.2 版面: 天头（上白边）37 mm ± 1 mm.
MARGIN_TOP_MM = 37.0
#: cl. 5.2.2 订口（左白边）28 mm ± 1 mm.
MARGIN_LEFT_MM = 28.0
#: cl. 5.2.2 版心 156 mm × 225 mm.
TEXT_WIDTH_MM = 156.0
TEXT_HEIGHT_MM = 225.0
#: what is left on the right and at the bottom (297 − 37 − 225, 210 − 28 − 156).
MARGIN_BOTTOM_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - TEXT_HEIGHT_MM  # 35
MARGIN_RIGHT_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - TEXT_WIDTH_MM  # 26

PAGE_WIDTH = mm(PAGE_WIDTH_MM)  # 11906
PAGE_HEIGHT = mm(PAGE_HEIGHT_MM)  # 16838
MARGIN_TOP = mm(MARGIN_TOP_MM)
MARGIN_LEFT = mm(MARGIN_LEFT_MM)
TEXT_WIDTH = mm(TEXT_WIDTH_MM)  # 8844
TEXT_HEIGHT = mm(TEXT_HEIGHT_MM)  # 12756
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - TEXT_WIDTH  # 1475 (26.0 mm)
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - TEXT_HEIGHT  # 1984 (35.0 mm)

# --- the grid (cl. 5.2.4) -----------------------------------------------------------------

#: cl. 5.2.4 行数和字数: 一般每面排22行，每行排28个字，并撑满版心.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
#: 225 mm / 22 = 28.95 pt: the exact line height of every text line and the docGrid pitch.
#: (cl. 5.2.4 also describes a line as one character plus 7/8 of a 3号 character.)
LINE_PITCH = 579
#: Normal style character spacing, in twips: −0.25 pt makes 28 × 16 pt fit 156 mm
#: (LibreOffice; see module docstring). w:spacing w:val is in twips.
CHAR_SPACING = -5

# --- font sizes (字号), in points ----------------------------------------------------------

SIZE_2 = 22.0  #: 2号: 标题 (cl. 7.3.1), 附件标题
SIZE_3 = 16.0  #: 3号: default for every element (cl. 5.2.3)
SIZE_4 = 14.0  #: 4号: 版记 (cl. 7.4.2, 7.4.3), 页码 (cl. 7.5)
#: 发文机关标志 size: the standard leaves it to the organ (cl. 7.2.4, "醒目、美观、庄重",
#: not larger than the superior organ's). Local choice: 52 pt, compressed horizontally
#: (w:w) when the name is too long for the text block.
SIZE_MARK = 52.0
#: the mark may use at most this share of the text block width (local).
MARK_MAX_WIDTH_MM = 150.0
#: never compress the mark below this horizontal scale, in percent (local; Word's minimum is 1).
MARK_MIN_SCALE = 33
#: 信函格式 organ name: smaller than a 文件 mark (local choice: 2号 + 50 %, i.e. 33 pt).
SIZE_LETTER_MARK = 33.0
#: 归档章 text (DA/T 22-2015 cl. 7.4 leaves it open; 10.5 pt = 五号 fits 15 × 8 mm cells).
SIZE_STAMP = 10.5


#: width of one character (一字) of the given size as rendered, in twips: one em minus
#: the condensed spacing. Indents "空一字/空二字" are multiples of this.
def char_twips(size_pt: float = SIZE_3) -> int:
    return pt(size_pt) + CHAR_SPACING


CHAR = char_twips(SIZE_3)  # 315: 1 字 of 3号 text
CHAR_4 = char_twips(SIZE_4)  # 275: 1 字 of 4号 text

#: cl. 7.3.3 正文: 每个自然段左空二字，回行顶格.
BODY_FIRST_LINE_INDENT = 2 * CHAR

# --- colours (cl. 5.2.5, 7.2.4, 7.2.7, 10.1) ------------------------------------------------

#: cl. 5.2.5: text is black unless stated; the mark and the 版头 rule are red. GB/T 9704
#: gives no colour value; pure red (#FF0000) is what office templates use (local).
RED = "FF0000"
BLACK = "000000"

# --- 版头 (cl. 7.2) --------------------------------------------------------------------------

#: cl. 7.2.4: 发文机关标志 上边缘至版心上边缘为35mm.
MARK_TOP_FROM_TEXT_TOP_MM = 35.0
#: cl. 7.2.5: 发文字号 在发文机关标志下空二行.
NUMBER_BLANK_LINES_BELOW_MARK = 2
#: cl. 7.2.5/7.2.6: 上行文: 发文字号居左空一字, 签发人居右空一字.
UPWARD_NUMBER_INDENT = CHAR
UPWARD_SIGNER_INDENT = CHAR
#: cl. 7.2.7: 发文字号之下4mm处 … 红色分隔线, 与版心等宽.
HEAD_RULE_BELOW_NUMBER_MM = 4.0
#: thickness of the red 版头 rule: not given by the standard (local: 1 pt, as the usual
#: Word templates). Border widths are in eighths of a point.
HEAD_RULE_SZ = 8
#: cl. 7.3.1: 标题 在红色分隔线下空二行.
TITLE_BLANK_LINES_BELOW_RULE = 2
#: cl. 7.3.2: 主送机关 在标题下空一行.
RECIPIENTS_BLANK_LINES_BELOW_TITLE = 1
#: cl. 7.3.1: title lines are 2号 characters: 20 one-em characters fit 156 mm.
TITLE_CHARS_PER_LINE = int(TEXT_WIDTH // char_twips(SIZE_2))  # 20

# --- 主体 after the body (cl. 7.3.4 – 7.3.6) --------------------------------------------------

#: cl. 7.3.4 附件说明: 正文下空一行左空二字.
ATTACHMENT_NOTE_BLANK_LINES = 1
ATTACHMENT_NOTE_INDENT = 2 * CHAR
#: cl. 7.3.5.2 不加盖印章: 署名 正文（或附件说明）下空一行右空二字; 日期首字比署名首字右移二字.
SIGNATURE_BLANK_LINES = 1
SIGNATURE_RIGHT_CHARS = 2
DATE_SHIFT_CHARS = 2
#: cl. 7.3.6 附注: 成文日期下一行, 居左空二字加圆括号.
NOTE_INDENT = 2 * CHAR
#: cl. 7.3.7 附件: "附件"+序号 line 1 (3号黑体, 顶格), title centred on line 3.
ATTACHMENT_TITLE_LINE = 3

#: The 附注's wording (公开属性) is local practice, not layout: :func:`generator.publish.disclosure_note`.

# --- 版记 (cl. 7.4) ---------------------------------------------------------------------------

#: cl. 7.4.1: 首条和末条分隔线用粗线（推荐高度0.35mm），中间的分隔线用细线（0.25mm）.
#: w:sz is in eighths of a point: 0.35 mm = 0.99 pt → 8; 0.25 mm = 0.71 pt → 6.
RULE_THICK_MM = 0.35
RULE_THIN_MM = 0.25
RULE_THICK_SZ = round(RULE_THICK_MM * PT_PER_MM * 8)  # 8
RULE_THIN_SZ = round(RULE_THIN_MM * PT_PER_MM * 8)  # 6
#: cl. 7.4.2/7.4.3: 抄送, 印发机关 left and 印发日期 right are each 1 字 in (4号 characters).
COLOPHON_SIDE_INDENT = CHAR_4
#: cl. 7.4.1: 末条分隔线与公文最后一页的版心下边缘重合 — the table stands in a text box aligned
#: to the bottom of the text block (LibreOffice ignores bottom-anchored floating tables).

# --- 页码 (cl. 7.5) ---------------------------------------------------------------------------

#: cl. 7.5: 4号半角宋体阿拉伯数字, 数字左右各放一条一字线; 一字线上距版心下边缘7mm;
#: 单页码居右空一字, 双页码居左空一字.
PAGE_NUMBER_BELOW_TEXT_MM = 7.0
PAGE_NUMBER_SIDE_INDENT = CHAR  # 1 字 (of the 3号 text block grid)
PAGE_NUMBER_DASH = "\u2014"  # — 一字线
#: Footers: the band between the text block and the footer distance is filled exactly
#: (space before + one exact line + space after), so Word (which grows a footer upwards from
#: the footer distance) and LibreOffice (which hangs it below the body) put it in one place.
FOOTER_DISTANCE = mm(18)
FOOTER_LINE = pt(20)
#: cl. 7.5 measures to the 一字线 itself, not to the character box: the top of the dash's ink
#: lies this far below the top of a FOOTER_LINE exact line of 4号 宋体 (calibration,
#: LibreOffice 7.4: 4.22 mm with Noto Serif CJK standing in for 宋体; the em box top is
#: 1.5 pt below the line top and the dash sits near the middle of the em box).
FOOTER_DASH_OFFSET = mm(4.22)
FOOTER_SPACE_BEFORE = mm(PAGE_NUMBER_BELOW_TEXT_MM) - FOOTER_DASH_OFFSET
HEADER_DISTANCE = mm(15)  # no header content is used; any value inside the top margin

# --- 信函格式 (cl. 10.1) -----------------------------------------------------------------------

#: cl. 10.1: 发文机关标志 上边缘至上页边为30mm.
LETTER_MARK_TOP_FROM_PAGE_TOP_MM = 30.0
#: cl. 10.1: 标志下4mm处印一条红色双线（上粗下细）; 距下页边20mm处印一条红色双线（上细下粗）;
#: 线长均为170mm, 居中排布.
LETTER_RULE_BELOW_MARK_MM = 4.0
LETTER_BOTTOM_RULE_FROM_PAGE_BOTTOM_MM = 20.0
LETTER_RULE_LENGTH_MM = 170.0
#: height of the double rule as drawn (2.25 pt + gap + 0.75 pt) and a calibration of where
#: LibreOffice draws a bottom border below the paragraph's last line (measured)
LETTER_RULE_HEIGHT = pt(4.5)
LETTER_RULE_OFFSET = 0
#: the 170 mm rule overhangs the 156 mm text block by 7 mm on each side (negative indents).
LETTER_RULE_OVERHANG = mm((LETTER_RULE_LENGTH_MM - TEXT_WIDTH_MM) / 2)
#: double-rule widths (eighths of a point; local: 2.25 pt thick-thin as Word's 武文线).
LETTER_RULE_SZ = 18
#: cl. 10.1: 发文字号 顶格居版心右边缘, 与该线的距离为3号汉字高度的7/8.
LETTER_GAP = pt(SIZE_3 * 7 / 8)

# --- 纪要格式 (cl. 10.3) -----------------------------------------------------------------------

#: cl. 10.3: 纪要标志 上边缘至版心上边缘为35mm (as cl. 7.2.4).
MINUTES_MARK_TOP_FROM_TEXT_TOP_MM = 35.0
#: cl. 10.3: 出席/请假/列席 labels in 3号黑体, names 3号仿宋, 回行时与冒号后的首字对齐.
MINUTES_LABELS = ("出席", "请假", "列席")

# --- calibration of glyph placement inside exact lines (LibreOffice 7.4 + Noto CJK) ----------

#: For an exact line height of 1.25 × the font size, the em-box top of a CJK glyph sits at
#: the top of the line (measured: 0.45 pt low at 48 pt). Mark paragraphs use this ratio so
#: that "top edge at 35 mm" is where the paragraph starts.
MARK_LINE_RATIO = 1.25
#: em-box top of a 3号 glyph below the top of its 579-twip line (grid mode, measured 4.5 pt).
BODY_GLYPH_OFFSET = pt(4.5)
#: em-box bottom of a 3号 glyph above the bottom of its 579-twip line (28.95 − 4.5 − 16).
BODY_GLYPH_BOTTOM_GAP = LINE_PITCH - BODY_GLYPH_OFFSET - pt(SIZE_3)

#: the red rule paragraphs: an empty exact line this high carrying a top border.
RULE_LINE = 20
#: where LibreOffice draws a top border relative to the paragraph top (calibration).
RULE_BORDER_OFFSET = -mm(0.3)
#: gap between the mark's line top and its em box top (MARK_LINE_RATIO makes it ~0).
MARK_GLYPH_OFFSET = 0
#: em-box top of 3号 text below the top of a 579-twip line in a header (no grid there).
HEADER_GLYPH_OFFSET = pt(7.2)
#: extra space LibreOffice leaves between a header that outgrows the top margin and the
#: body (calibration: measured 3.45 mm with the 函 letterhead, with or without 归档章).
LETTER_HEADER_EXTRA = mm(3.45)

# --- drafts (SPEC §7.1) -------------------------------------------------------------------------

#: a document still under review exported with --draft carries this mark, red 3号 黑体,
#: centred in the top margin of every page, its top this far below the top of the page
#: (local; the 归档章 of an archived item sits at 12 mm, but drafts are never archived)
DRAFT_MARK = "草稿，待核对"
DRAFT_MARK_TOP_FROM_PAGE_TOP_MM = 14.0

# --- tables in attachments (local) ----------------------------------------------------------

TABLE_CELL_MARGIN = mm(1.5)
#: table text sizes to try, largest first: 4号, 小四, 五号, 小五.
TABLE_SIZES = (SIZE_4, 12.0, 10.5, 9.0)
#: exact line height of table text, as a multiple of its size (off the grid: 579 twips
#: would make rows very tall).
TABLE_LINE_RATIO = 1.43
TABLE_ROW_PAD = pt(4)
#: border widths a table adds to its rows' heights (calibration).
TABLE_BORDER_EXTRA = 20
#: 版记 table: extra height from its rules, and a safety margin kept free below it so that
#: a slightly taller rendering cannot push it onto a new page.
COLOPHON_BORDER_EXTRA = 0
COLOPHON_SAFETY = 40
#: height of the paragraph that anchors the 版记 text box (and of the one that ends the box)
COLOPHON_ANCHOR = 2

# --- 归档章 (DA/T 22-2015 cl. 7.4) ---------------------------------------------------

#: 归档章: 2 × 3 cells, about 45 mm × 16 mm, at the top of the first page, centred.
STAMP_WIDTH_MM = 45.0
STAMP_HEIGHT_MM = 16.0
STAMP_COLS = 3
STAMP_ROWS = 2
STAMP_BORDER_SZ = 8  # 1 pt (local)
#: the stamp stands in the blank top margin (天头) of page 1, in the first-page header, so it
#: never moves the text: its top edge this far below the top of the page.
STAMP_TOP_FROM_PAGE_TOP_MM = 12.0
#: cell padding left and right (0.5 mm) and the tiny paragraph a header needs after a table.
STAMP_CELL_MARGIN = mm(0.5)
STAMP_AFTER = 20


# --- fonts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Face:
    """A typeface as written into w:rFonts: the East Asian name, the name used for
    ASCII/Latin runs, and alternates recorded in the font table (w:altName) so that a
    machine without the first name finds a close substitute."""

    east_asia: str
    alt_names: tuple[str, ...]
    family: str  # w:family in the font table: roman, swiss, modern, script, decorative, auto
    panose: str = ""


#: 方正小标宋简体: title, organ mark (cl. 7.2.4, 7.3.1 "推荐使用小标宋体字").
XIAOBIAOSONG = Face("方正小标宋简体", ("FZXiaoBiaoSong-B05S", "小标宋", "SimSun", "宋体"), "script")
#: 仿宋_GB2312: the default face (cl. 5.2.3 "3号仿宋体字").
FANGSONG = Face("仿宋_GB2312", ("FangSong_GB2312", "FangSong", "仿宋"), "modern")
#: 黑体: 密级, 紧急程度 (cl. 7.2.2, 7.2.3), level-1 headings (cl. 7.3.3), 附件 label (cl. 7.3.7),
#: 出席/请假/列席 (cl. 10.3); 份号 too (local: the standard only says 3号 digits).
HEITI = Face("黑体", ("SimHei", "Heiti SC"), "modern")
#: 楷体_GB2312: level-2 headings (cl. 7.3.3), 签发人姓名 (cl. 7.2.6).
KAITI = Face("楷体_GB2312", ("KaiTi_GB2312", "KaiTi", "楷体"), "modern")
#: 宋体: 页码 (cl. 7.5 "4号半角宋体阿拉伯数字").
SONGTI = Face("宋体", ("SimSun", "NSimSun"), "auto")

#: digits and Latin letters in every run (local practice; GB/T 9704 does not say).
LATIN_FONT = "Times New Roman"

FACES = {f.east_asia: f for f in (XIAOBIAOSONG, FANGSONG, HEITI, KAITI, SONGTI)}
