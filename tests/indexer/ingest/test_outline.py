from hypothesis import given
from hypothesis import strategies as st

from indexer.ingest.outline import OutlineLevels, marker_of, outline, role_of


def fam(line: str, **kw) -> str | None:
    m = marker_of(line, **kw)
    return m.family if m else None


def test_marker_families():
    assert fam("Ⅰ. 2021년 평가") == "roman"
    assert fam("II. 추진 방향") == "roman"
    assert fam("1. 국어 정보자원 확대") == "arabic-dot"
    assert fam("1-1. 진단 체계 개발") == "arabic-sub"
    assert fam("가. 투자 방향") == "hangul-dot"
    assert fam("1) 세부 과제") == "arabic-paren"
    assert fam("가) 세부 과제") == "hangul-paren"
    assert fam("(1) 현황") == "arabic-parens"
    assert fam("(가) 현황") == "hangul-parens"
    assert fam("①근거법령") == "circled"
    assert fam("□ 추진 배경") == "square"
    assert fam(" ㅇ 말뭉치 구축") == "circle"
    assert fam("○ 말뭉치 구축") == "circle"
    assert fam("◦ 세부") == "small-circle"
    assert fam("- 상시 평가 관련 자료 수집") == "dash"
    assert fam("※ 변동 가능") == "note"
    assert fam("** 개체명, 감성") == "note"
    assert fam("제5장 투자계획") == "chapter"
    assert fam("제3조(정의) 이 법에서") == "article"
    assert fam("【 입법 부문 】") == "bracket"
    assert fam("【별첨】일반현황") == "annex"
    assert fam("참고1 디지털 정부혁신 추진전략") == "annex"
    assert fam("<기초어휘 등급화(안)>") == "caption"
    assert fam("1 성 과") == "arabic-bare"
    # glyphs other documents number with: one-glyph (1), sans-serif ①, dark circled task numbers
    assert fam("⑴ 추진 배경") == "arabic-parens"
    assert fam("➀ 첫째 과제") == "circled"
    assert fam("❶ 청년 일자리 확대") == fam("➊ 디지털 전환") == "circled-dark"
    assert fam("➢ 거점 지정") == "triangle" and fam("♦ 목표") == "diamond" and fam("⊙ 세부") == "dot"


def test_decimal_numbers_nest_by_their_parts():
    nodes = outline(["1. 개요", "1.1 배경", "1.1.1 법적 근거", "1.1.2 추진 경과", "1.2 범위", "2. 현황"])
    assert [n.depth for n in nodes] == [0, 1, 2, 2, 1, 0]
    assert marker_of("2.2.1. 의료").level == "arabic-decimal.3" and marker_of("2.2 의료").level == "arabic-decimal"
    assert marker_of("□ 의료").level == "square"
    nodes = outline(["1. 국어능력 진단", "1-1. 진단 체계 개발", "1-1-1. 쓰기 진단 도구", "1-1-2. 말하기 진단 도구", "1-2. 시범 운영"])
    assert [n.depth for n in nodes] == [0, 1, 2, 2, 1]
    assert marker_of("1-1-1. 쓰기").level == "arabic-sub.3" and marker_of("1-1. 진단").level == "arabic-sub"


def test_not_markers():
    assert marker_of("2022. 1.") is None  # a date, not "20."
    assert marker_of("1.5억 원 투입") is None
    assert marker_of("-0.2 감소") is None
    assert marker_of("(가칭) 도전.한국") is None
    assert marker_of("[IMAGE]") is None
    assert marker_of("- 3 -") is None  # a page footer
    assert marker_of("국어사전 개편") is None
    assert marker_of("") is None


def test_marker_rest():
    m = marker_of("  가. 투자 방향")
    assert m is not None and (m.marker, m.rest) == ("가.", "투자 방향")


def test_boxed_and_lost_glyph():
    assert fam("우선 추진과제", boxed=True) == "box"
    assert fam(" 국어사전 개편 및 다변화", lost_glyph=True) == "lost1"
    assert fam("      국어사전 개편", lost_glyph=True) is None  # deep indent: a wrapped line


def test_roles():
    assert role_of(marker_of("□ 추진 배경")) == "heading"
    assert role_of(marker_of("□ 정부는 이번 계획을 발표하였다.")) == "item"
    assert role_of(marker_of("○ 말뭉치 구축")) == "item"
    assert role_of(marker_of("* 신문 기사")) == "note"
    assert role_of(marker_of("< 인원 현황 >")) == "caption"


def depths(lines):
    return [(n.marker.marker or n.marker.rest, n.depth) for n in outline(lines)]


def test_levels_from_document_order():
    doc = ["Ⅰ. 평가", "1 성과", "□ 말뭉치", "ㅇ 구축", "- 신문", "ㅇ 공개", "□ 공공언어", "2 한계", "Ⅱ. 방향"]
    assert [d for _, d in depths(doc)] == [0, 1, 2, 3, 4, 3, 2, 1, 0]


def test_other_plan_uses_other_order():
    doc = ["가. 투자 방향", "○ 목표", "- 세부", "나. 중점사업", "○ 목표2"]
    assert [d for _, d in depths(doc)] == [0, 1, 2, 0, 1]


def test_family_reappearing_outside_path_goes_above_its_children():
    doc = ["1. 총괄", "가. 부문", "(1) 세목", "2. 총괄", "(1) 세목", "가. 부문"]
    assert [d for _, d in depths(doc)] == [0, 1, 2, 0, 1, 1]


def test_new_family_nests_under_open_one():
    doc = ["Ⅳ. 과제", "1 핵심", "□ 배경", "ㅇ 필요", "2 현안", "\U000f02b1 조직 개편", "□ 요청 배경"]
    assert [d for _, d in depths(doc)] == [0, 1, 2, 3, 1, 2, 3]


def test_notes_hang_under_previous_item():
    nodes = outline(["□ 배경", "ㅇ 구축", "* 신문", "** 개체명", "ㅇ 공개"])
    assert [(n.role, n.depth) for n in nodes] == [("heading", 0), ("item", 1), ("note", 2), ("note", 2), ("item", 1)]
    assert nodes[2].parent == nodes[3].parent == 1


def test_annex_restarts_at_root_and_box_floats():
    doc = [("Ⅰ. 개요", False), ("□ 배경", False), ("붙임 상세", False), ("1 서비스", False),
           ("맞춤형 안내", True), ("○ 분류", False), ("생애주기", True), ("2 데이터", False)]
    assert [d for _, d in depths(doc)] == [0, 1, 0, 1, 2, 3, 2, 1]


def test_parent_links():
    nodes = outline(["1. 가", "가. 나", "○ 다"])
    assert [n.parent for n in nodes] == [None, 0, 1]


_FAMS = ["Ⅰ. 제목", "1. 제목", "가. 제목", "□ 제목", "○ 항목", "- 항목", "* 주석", "(1) 제목"]


@given(st.lists(st.sampled_from(_FAMS), max_size=40))
def test_depth_never_jumps_more_than_one(lines):
    prev = -1
    for n in outline(lines):
        if n.role in ("heading", "item"):
            assert 0 <= n.depth <= prev + 1
            prev = n.depth


@given(st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=50))
def test_levels_stack_is_consistent(fams):
    lv = OutlineLevels()
    for f in fams:
        d = lv.depth(f)
        assert lv.stack[d] == f and len(lv.stack) == d + 1
        assert len(set(lv.stack)) == len(lv.stack)


@given(st.text(max_size=80))
def test_marker_of_never_crashes_and_rest_is_suffix(line):
    m = marker_of(line, lost_glyph=True)
    if m is not None:
        assert line.strip().endswith(m.rest)


def test_a_notices_form_label_is_an_annex():
    assert marker_of("[서식 1]").family == "annex"
    assert marker_of("<서식 2> 사업계획서").family == "annex"
    assert marker_of("[서식 1]에 따라 작성").family != "annex"  # a form cited in a line


def test_a_title_ending_on_a_noun_that_looks_like_an_ending_is_a_title():
    from indexer.ingest.outline import is_short_title

    # ``바다``, ``마음``, ``모임`` end like 다, 음, 임 but are nouns (Kiwi reads them); a sentence stays a sentence
    assert all(is_short_title(t) for t in ("건강하고 안전한 바다", "함께하는 마음", "주민 모임", "청년 정착 지원"))
    assert not any(is_short_title(t) for t in ("사업을 추진함", "예산을 확보하였음", "정비 완료임", "추진한다", "확대됨"))


def test_an_evaluations_numbered_best_practice_is_a_labelled_heading():
    # ``우수사례 ① 국정시책 분야 – …`` titles the box of its 내용 / 성과 / 평가 lines, like ``과제 1 …``
    mk = marker_of("우수사례 ② 안전관리 분야 – 저수지·하천 AI 수위감시로 풍수해 인명피해 “0”")
    assert mk is not None and mk.family == "labelled" and role_of(mk) == "heading"
    assert fam("모범사례 1 찾아가는 민원실") == "labelled"
    assert fam("사례 1 김모씨(45세)는 실직 후") is None  # a case told in the text, not a plan's label
    assert fam("▸ 보건소 방문 접종 확대") == fam("▶ 보건소 방문 접종 확대") == "triangle"
