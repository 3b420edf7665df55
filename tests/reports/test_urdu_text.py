"""Issue 10 item 3: Urdu names print shaped (joined) and right to left, in letters, plans and
reports, also inside English lines; the glyphs drawn are HarfBuzz's own shaping."""

from __future__ import annotations

import io
from dataclasses import replace

import pypdf
import uharfbuzz as hb
from reportlab.pdfbase.pdfmetrics import getFont

from advisor.reports.cohort_summary_renderer import render_cohort_summary
from advisor.reports.letter_renderer import render_letter
from advisor.reports.mixed_script import paragraph, visual_order
from advisor.reports.plan_renderer import render_plan
from advisor.reports.printed_values import markup
from advisor.reports.progress_report_renderer import render_progress_report
from advisor.reports.stylesheet import FONTS, NASKH, register_fonts, stylesheet
from tests.reports.sample_documents import HEAD, STUDENT, cohort, letter, plan, progress

URDU_STUDENT = replace(STUDENT, name="محمد علی", father_name="عبدالرحمٰن خان", gender="M")


def _harfbuzz_glyphs(word: str) -> list[int]:
    """HarfBuzz's own shaping of one word with the bundled font: glyph ids, left to right."""
    face = hb.Face(hb.Blob.from_file_path(str(FONTS / "NotoNaskhArabic-Regular.ttf")))
    buffer = hb.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    hb.shape(hb.Font(face), buffer, {"kern": True, "liga": True})
    return [info.codepoint for info in buffer.glyph_infos]


def _drawn_glyphs(text: str) -> list[list[int]]:
    """The Naskh glyph ids a Paragraph draws for `text`, word by word, left to right."""
    register_fonts()
    p = paragraph(markup(text), stylesheet()["Body"])
    p.wrap(400, 100)
    to_glyph = getFont(NASKH).face.charToGlyph
    return [
        [to_glyph[ord(c)] for c in frag.text]
        for line in p.blPara.lines
        for frag in line.words
        if frag.fontName == NASKH
    ]


def test_an_urdu_name_is_drawn_as_harfbuzz_shapes_it_right_to_left() -> None:
    drawn = _drawn_glyphs("محمد علی")
    # right to left: the second word of the name is drawn first (leftmost)
    assert drawn == [_harfbuzz_glyphs("علی"), _harfbuzz_glyphs("محمد")]
    # joined: the shaped glyphs are not the letters' isolated forms
    isolated = [getFont(NASKH).face.charToGlyph[ord(c)] for c in "محمد"]
    assert drawn[1] != isolated[::-1]


def test_a_mixed_latin_and_urdu_line_keeps_each_in_its_place() -> None:
    assert visual_order("Ali محمد علی Khan") == "Ali علی محمد Khan"
    assert _drawn_glyphs("Ali محمد علی Khan") == [_harfbuzz_glyphs("علی"), _harfbuzz_glyphs("محمد")]
    assert visual_order("Zoë Núñez") == "Zoë Núñez"


def test_letters_plans_and_reports_embed_the_naskh_font_for_urdu_names() -> None:
    head = replace(HEAD, name="Demo Institute — ادارہ")
    documents = [
        render_letter(letter(student=URDU_STUDENT), head),
        render_plan(plan(URDU_STUDENT, courses=30), head),
        render_progress_report(progress(URDU_STUDENT), head),
        render_cohort_summary(
            replace(cohort(3), students=(replace(cohort(3).students[0], name="محمد علی"),)), head
        ),
    ]
    for data in documents:
        reader = pypdf.PdfReader(io.BytesIO(data))
        fonts = {
            str(f.get_object()["/BaseFont"])
            for page in reader.pages
            for f in page["/Resources"]["/Font"].values()
        }
        assert any("NotoNaskhArabic" in name for name in fonts), fonts
