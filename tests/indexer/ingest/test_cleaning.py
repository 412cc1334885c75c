"""Cleaning: noise goes, page numbers become pages, broken lines are rejoined."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.ingest.cleaning import clean_pages, is_noise_line, normalize_text, page_number_of


def lines_of(clean):
    return [clean.text[ln.start : ln.end] for ln in clean.lines]


def test_scraper_noise_is_dropped_and_title_kept():
    raw = "• 검색 결과가 없습니다.\n\n문서에서 중기지방재정계획 (페이지 155-162)\n\n가. 투자 방향\n\n○ 인권 존중 도시 조성\n\n관련 문서15"
    c = clean_pages([raw], physical_pages=False)
    assert lines_of(c) == ["가. 투자 방향", "○ 인권 존중 도시 조성"]
    assert c.title_hint == "중기지방재정계획"


def test_page_numbers_are_recorded_not_kept():
    raw = "○ 첫째 목표\n\n150\n\n○ 둘째 목표\n\n- 3 -\n\n○ 셋째 목표"
    c = clean_pages([raw], physical_pages=False)
    assert lines_of(c) == ["○ 첫째 목표", "○ 둘째 목표", "○ 셋째 목표"]
    # Text before the footer "150" is on page 150; after it, page 151; after "- 3 -", page 4.
    assert [ln.page for ln in c.lines] == [150, 151, 4]


def test_sentence_across_a_page_break_is_rejoined():
    raw = "○ 향후 지속가능한 남북교류 사업을 안정적으로 추진하기 위한\n\n150\n\n-사업비 지원과 이북5도민에 대한 생활안정 지원"
    c = clean_pages([raw], physical_pages=False)
    assert lines_of(c) == ["○ 향후 지속가능한 남북교류 사업을 안정적으로 추진하기 위한 사업비 지원과 이북5도민에 대한 생활안정 지원"]
    assert c.lines[0].page == 150


def test_pdf_word_breaks_are_joined_without_a_space():
    c = clean_pages(["○ 보호가 필요\n\n한 나이이나 자\n녀 양육 지원"], physical_pages=False)
    assert lines_of(c) == ["○ 보호가 필요한 나이이나 자녀 양육 지원"]


def test_wrapped_phrase_keeps_its_space():
    c = clean_pages(["○ 정보 활용능력을 향상시켜 사회\n\n참여 확대 및 생산적 경제활동 참여 유도"], physical_pages=False)
    assert lines_of(c) == ["○ 정보 활용능력을 향상시켜 사회 참여 확대 및 생산적 경제활동 참여 유도"]


def test_headings_and_bullets_start_new_lines():
    c = clean_pages(["제5장\n1. 일반공공행정 분야\n가. 투자 방향\n○ 하나\n- 둘\n【 입법 부문 】\n○ 셋"], physical_pages=False)
    assert lines_of(c) == ["제5장", "1. 일반공공행정 분야", "가. 투자 방향", "○ 하나", "- 둘", "【 입법 부문 】", "○ 셋"]


def test_physical_pages_from_pdf():
    c = clean_pages(["○ 첫 쪽 목표\n- 1 -", "○ 둘째 쪽 목표\n- 2 -"], physical_pages=True)
    assert [(c.text[ln.start : ln.end], ln.page) for ln in c.lines] == [("○ 첫 쪽 목표", 1), ("○ 둘째 쪽 목표", 2)]


def test_normalize_text_nfc_and_zero_width():
    nfd = "\u1112\u1161\u11ab\u1100\u1173\u11af"  # 한글 in conjoining jamo
    assert normalize_text(f"\ufeff{nfd}\u200b 계획\u00a0\u3000안") == "한글 계획 안"


def test_noise_and_page_number_predicates():
    assert is_noise_line("관련 문서") and is_noise_line("문서에서 업무계획 (페이지 1-3)")
    assert not is_noise_line("○ 관련 문서 정비")
    # a bill's blank promulgation number is a form field; a real one is text
    assert all(is_noise_line(x) for x in ("법률 제 호", "법률 제    호", "○○시 조례 제 호", "법률 제○○○○호", "부산광역시조례 제  호"))
    assert not any(is_noise_line(x) for x in ("법률 제19234호", "법률 제19234호로 공포", "조례 제정 추진"))
    assert page_number_of("- 12 -") == 12 and page_number_of("154") == 154 and page_number_of("3 / 40") == 3
    assert page_number_of("2021년") is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="○- 가나다라마바사0123456789.\n【】·", max_size=40), max_size=8))
def test_cleaning_never_crashes_and_offsets_are_exact(pages):
    c = clean_pages(pages, physical_pages=False)
    for ln in c.lines:
        piece = c.text[ln.start : ln.end]
        assert piece and "\n" not in piece


def test_years_and_table_numbers_are_not_page_numbers():
    raw = "○ 주민자치회 구성 확대\n구분\n2021\n2022\n주민자치회(개)\n132\n154\n○ 시민 참여 확대\n- 7 -\n○ 다음 쪽"
    c = clean_pages([raw], physical_pages=False)
    assert lines_of(c)[0] == "○ 주민자치회 구성 확대 구분 2021 2022 주민자치회(개) 132 154"
    assert [ln.page for ln in c.lines] == [7, 7, 8]


def test_boxed_section_numbers_are_headings_of_their_own():
    # A section number printed in a box comes out as ``2 한계`` after a blank line, or in a run 1, 2, 3.
    page = (
        "Ⅰ. 2021년 평가\n1 성 과\n□ 말뭉치 구축\nㅇ 점자 번역서 발간(3건)\n\n2 한계\n□ 공공언어 개선 필요\n"
        "Ⅱ. 추진과제\n우선 추진과제\n1 선제적 서비스 혁신\nㅇ 간편로그인 활성화, 표준화 등\n2 공공부문 마이데이터 활성화\nㅇ 포털 구축"
    )
    lines = lines_of(clean_pages([page], physical_pages=False))
    for heading in ("1 성과", "2 한계", "1 선제적 서비스 혁신", "2 공공부문 마이데이터 활성화"):  # 성 과: one word
        assert heading in lines, lines
    assert "ㅇ 점자 번역서 발간(3건)" in lines and "ㅇ 간편로그인 활성화, 표준화 등" in lines


def test_a_wrapped_line_starting_with_a_count_is_not_a_heading():
    page = "ㅇ 지역 거점 도서관을 확충하고 작은도서관을 지원하여 지역 주민의 독서 여건을 개선하는 사업을 총\n3 개소에서 추진"
    assert lines_of(clean_pages([page], physical_pages=False)) == [
        "ㅇ 지역 거점 도서관을 확충하고 작은도서관을 지원하여 지역 주민의 독서 여건을 개선하는 사업을 총 3 개소에서 추진"
    ]


def test_a_wrapped_line_starting_with_a_bills_section_word_goes_on():
    # ``주문`` (an order) and ``이유`` open a bill's sections only as labels of their own
    page = "ㅇ 김민서 위원 : 공공배달앱 운영비 18억원이 편성됐는데, 가맹점 2,100곳 중 월\n주문 10건 미만인 곳이 62%에 달함"
    assert lines_of(clean_pages([page], physical_pages=False)) == [page.replace("\n", " ")]
    bill = "지방세를 조정하려는 것\n이 유\n지방세를 조정함.\n위원회는 다음과 같이\n주 문\n원안대로 의결함."
    starts = [line.split()[:2] for line in lines_of(clean_pages([bill], physical_pages=False))]
    assert ["이", "유"] in starts and ["주", "문"] in starts


def test_a_date_wrapped_after_its_dot_is_rejoined_not_a_heading():
    page = "* (2차 평가) 결과 확정 및 발표(‘22. 11.~’23.\n1.)\n□ 공공언어 감수 및 정책용어 상담"
    assert lines_of(clean_pages([page], physical_pages=True)) == [
        "* (2차 평가) 결과 확정 및 발표(‘22. 11.~’23. 1.)",
        "□ 공공언어 감수 및 정책용어 상담",
    ]


def test_a_citation_of_a_paragraph_wrapped_after_a_connective_is_no_article():
    # a 부칙's 시행일 wrapped at ``및``: ``제102조제3항제9호의2의 개정규정은 …`` cites an item, it opens no article;
    # after a closed sentence the same words open the bill's amending line
    page = ("제1조(시행일) 이 법은 공포 후 1년이 경과한 날부터 시행한다. 다만, 제32조의2 및\n"
            "제102조제3항제9호의2의 개정규정은 공포 후 3개월이 경과한 날부터 시행한다.\n"
            "제2조(적용례) 제23조제4항의 개정규정은 이 법 시행 이후 적용한다.\n제102조제3항에 제9호의2를 다음과 같이 신설한다.")
    assert lines_of(clean_pages([page], physical_pages=True)) == [
        "제1조(시행일) 이 법은 공포 후 1년이 경과한 날부터 시행한다. 다만, 제32조의2 및 제102조제3항제9호의2의 개정규정은 공포 후 "
        "3개월이 경과한 날부터 시행한다.",
        "제2조(적용례) 제23조제4항의 개정규정은 이 법 시행 이후 적용한다.",
        "제102조제3항에 제9호의2를 다음과 같이 신설한다.",
    ]


def test_an_article_cited_in_parentheses_wrapped_onto_the_next_line_is_no_article():
    # a bill's 제안이유: ``…것임(안`` / ``제18조제2항제5호 신설).`` is one sentence; an article of its own after a
    # closed line, and one with its title, still open a line
    page = ("이에 온라인 판로 개척 지원의 근거를 마련하려는 것임(안\n제18조제2항제5호 신설).\n"
            "제18조제2항에 제5호를 다음과 같이 신설한다.\n지원할 수 있도록 한다(\n제18조(판로 지원) ① 시장은")
    assert lines_of(clean_pages([page], physical_pages=True)) == [
        "이에 온라인 판로 개척 지원의 근거를 마련하려는 것임(안 제18조제2항제5호 신설).",
        "제18조제2항에 제5호를 다음과 같이 신설한다.",
        "지원할 수 있도록 한다(",
        "제18조(판로 지원) ① 시장은",
    ]


def test_an_annex_title_after_a_blank_line_opens_the_annex():
    page = (
        "※ 국내 공공‧도시분야 디지털 혁신으로 일자리 증가(‘18.맥킨지)\n\n붙임 디지털 정부혁신 우선 추진과제(상세)\n"
        "ㅇ 민간의 첨단 솔루션을 전략적으로 활용하는 방안 적극 추진\n\n참고 4 주요 서비스별 변화 모습\n□ 선제적 맞춤형서비스"
    )
    lines = lines_of(clean_pages([page], physical_pages=False))
    assert "붙임 디지털 정부혁신 우선 추진과제(상세)" in lines and "참고 4 주요 서비스별 변화 모습" in lines
    # Without the gap, a sentence that wraps before 참고 keeps its words together.
    assert lines_of(clean_pages(["ㅇ 관련 지침을\n참고 하여 작성"], physical_pages=False)) == ["ㅇ 관련 지침을 참고 하여 작성"]


def test_an_annex_label_on_its_own_line_opens_the_annex_after_a_short_note():
    # A press release's 붙임 2 under the 붙임 1 table's ``※`` note, with no gap: the annex, not the note's tail.
    page = "| 1 | 정선군 |\n※ 9~18번은 공모 누리집 게시\n붙임 2\n사업 개요 및 평가 기준\n| 구분 | 내용 |"
    for physical in (True, False):
        lines = lines_of(clean_pages([page], physical_pages=physical))
        assert lines[1:3] == ["※ 9~18번은 공모 누리집 게시", "붙임 2 사업 개요 및 평가 기준"]


def test_an_annex_title_over_its_table_opens_the_annex_without_a_gap():
    # A release's 붙임 1 right under a list item (Hangul puts it on a page of its own; the reader gives no gap),
    # its title dated in parentheses: the annex's heading, not the item's tail.
    page = "④ 상담전화 : 평일 18시까지 → 매일 24시까지\n붙임 1 달빛어린이병원 지정 현황(2025. 7. 1. 기준)\n| 권역 | 병원명 |"
    lines = lines_of(clean_pages([page], physical_pages=False, paragraphs=True))
    assert lines[:2] == ["④ 상담전화 : 평일 18시까지 → 매일 24시까지", "붙임 1 달빛어린이병원 지정 현황(2025. 7. 1. 기준)"]
    # A sentence wrapped before a table, which says something of the annex rather than naming it, stays whole.
    for page in ("ㅇ 세부 기준은\n붙임 1 지정 현황(2025. 7. 1. 기준)을 따름\n| 권역 |", "ㅇ 배정 내역은 시·군별로\n붙임 2 배정표와 같이 통보할 예정\n| 시군 |"):
        first = lines_of(clean_pages([page], physical_pages=True))[0]
        assert first.startswith("ㅇ ") and first.endswith(("따름", "예정")), first


def test_an_annex_label_with_a_full_stop_opens_its_annex_over_a_table():
    # ``붙임 1.`` and ``참고.`` right under a list item and over their tables, as a PDF gives them without a gap.
    page = ("ㅇ 지방기상청은 호우ㆍ폭염 대응 실적을 두 차례 공동 점검\n붙임 1. 2025년 주요 성과지표 목표\n| 성과지표 | 2025년 목표 |\n"
            "| 결측률(%) | 0.50 |\n참고. 극한호우 긴급재난문자 발송 기준 비교\n| 구분 | 2024년(현행) |")
    lines = lines_of(clean_pages([page], physical_pages=True))
    assert lines[:2] == ["ㅇ 지방기상청은 호우ㆍ폭염 대응 실적을 두 차례 공동 점검", "붙임 1. 2025년 주요 성과지표 목표"]
    assert "참고. 극한호우 긴급재난문자 발송 기준 비교" in lines


def test_a_title_spaced_out_letter_by_letter_is_one_word():
    c = clean_pages(["Ⅰ. 개 요\n□ 추 진 배 경\nㅇ 이 중 일부는 내 년 에 추진"], physical_pages=False)
    assert lines_of(c) == ["Ⅰ. 개요", "□ 추진배경", "ㅇ 이 중 일부는 내 년 에 추진"]


def test_a_long_name_spaced_out_letter_by_letter_is_one_word():
    # a committee's name on a review's cover (seven letters and more)
    c = clean_pages(["검 토 보 고 서\n\n행 정 안 전 위 원 회\n\n과 학 기 술 정 보 방 송 통 신"], physical_pages=False)
    assert lines_of(c) == ["검토보고서", "행정안전위원회", "과학기술정보방송통신"]


def test_a_spaced_out_cover_line_and_a_toc_title_stand_alone():
    # ``제 안 요 청 서`` is the cover's document kind, not the end of the project name before it.
    c = clean_pages(["K-water 디지털플랫폼 구축 사업\n\n제 안 요 청 서\n\n한국수자원공사\n\n목 차\n"], physical_pages=False)
    assert lines_of(c) == ["K-water 디지털플랫폼 구축 사업", "제안요청서", "한국수자원공사", "목차"]
    # Two bare syllables may be a wrapped phrase: they still join the line before.
    assert lines_of(clean_pages(["ㅇ 관련 계획을 수립\n할 수\n있도록 지원"], physical_pages=False)) == ["ㅇ 관련 계획을 수립할 수 있도록 지원"]
    # A contents title with a word before it (``보고 순서``) is no wrapped tail of the issuer above it.
    c = clean_pages(["2025년도 업무보고\n2025. 10. 16.\n한국어촌어항진흥공단\n보고 순서\nⅠ. 일반현황"], physical_pages=False)
    assert lines_of(c)[2:] == ["한국어촌어항진흥공단", "보고 순서", "Ⅰ. 일반현황"]


def test_a_cover_date_still_ends_its_line():
    lines = lines_of(clean_pages(["디지털 정부혁신 추진계획\n2019. 10. 29.\n관계부처 합동"], physical_pages=False))
    assert lines[-1] == "관계부처 합동"


def test_a_wrapped_syllable_before_a_bracket_is_not_a_hangul_marker():
    # Only 가 나 다 … 하 number an outline; ``과)`` is the end of a word wrapped in a PDF.
    page = "ㅇ (번역 지원) 공공용어 번역자문위원회 운영(영‧중‧일 3개 분\n과), 분야별 관련 기관과 정기회의\n나) 감수 지원"
    assert lines_of(clean_pages([page], physical_pages=True)) == [
        "ㅇ (번역 지원) 공공용어 번역자문위원회 운영(영‧중‧일 3개 분과), 분야별 관련 기관과 정기회의",
        "나) 감수 지원",
    ]


def test_an_annex_label_drawn_twice_is_read_once():
    # Fake bold in a PDF: the label box's word comes out twice; the annex still opens.
    lines = lines_of(clean_pages(["ㅇ 관련 기관과 협의\n\n별첨별첨 국립국어원 일반현황\n□ 조직"], physical_pages=True))
    assert "별첨 국립국어원 일반현황" in lines
    # Only the label itself: a word that merely starts with it stays (붙임붙임표 is not doubled).
    assert lines_of(clean_pages(["붙임붙임표 양식"], physical_pages=True)) == ["붙임붙임표 양식"]


def test_a_short_numbered_or_boxed_heading_is_not_glued_to_the_prose_under_it():
    page = "1. 문제 제기\n청년층 고용률은 최근 하락세로 전환되었다.\n□ 분석 결과\n지역별 격차가 커졌다."
    assert lines_of(clean_pages([page], physical_pages=True)) == [
        "1. 문제 제기", "청년층 고용률은 최근 하락세로 전환되었다.", "□ 분석 결과", "지역별 격차가 커졌다."
    ]
    # A parenthesis after a heading still belongs to it, and a long numbered line is a wrapped sentence.
    assert lines_of(clean_pages(["3. 시민참여 플랫폼 고도화\n(Front-end)"], physical_pages=True)) == ["3. 시민참여 플랫폼 고도화 (Front-end)"]
    wrapped = "1. 국어 말뭉치를 구축하여 국민 누구나 활용할 수 있도록\n지원한다."
    assert lines_of(clean_pages([wrapped], physical_pages=True)) == ["1. 국어 말뭉치를 구축하여 국민 누구나 활용할 수 있도록 지원한다."]


def test_a_pdf_running_header_is_dropped_and_the_sentence_under_it_rejoined():
    pages = [
        "2024년도 예산 사업설명자료\n□ 사업목적\nㅇ 국어 발전 기반을 구축하고 이를 지속적으로 발전시키고\n- 3 -",
        "2024년도 예산 사업설명자료\n인공지능 시대에 대응한다.\n(단위: 백만원)\n- 4 -",
        "2024년도 예산 사업설명자료\nㅇ 말뭉치 구축\n(단위: 백만원)\n- 5 -",
        "2024년도 예산 사업설명자료\nㅇ 사전 편찬\n(단위: 백만원)\n- 6 -",
    ]
    lines = lines_of(clean_pages(pages, physical_pages=True))
    assert "2024년도 예산 사업설명자료" not in " ".join(lines)
    assert "ㅇ 국어 발전 기반을 구축하고 이를 지속적으로 발전시키고 인공지능 시대에 대응한다." in lines
    assert " ".join(lines).count("(단위: 백만원)") == 3  # a unit note on every page is content
    assert clean_pages(pages, physical_pages=True).running == {"2024년도 예산 사업설명자료"}  # for the cover's metadata
    # Pages of a scraped text or an HWP layout keep their lines: only PDFs print running headers.
    assert "2024년도 예산 사업설명자료" in " ".join(lines_of(clean_pages(pages, physical_pages=False)))


def test_a_press_release_masthead_is_not_text_and_the_headline_stands_alone():
    page = (
        "보도자료\n‘24년 해외직접투자는 639.5억 달러로 전년 대비 1.8% 감소\n"
        "보도시점 2025. 3. 14.(금) 11:00 배포 2025. 3. 14.(금) 08:00\n2024년 해외직접투자액은 전년 대비 1.8% 감소하였다."
    )
    assert lines_of(clean_pages([page], physical_pages=False)) == [
        "‘24년 해외직접투자는 639.5억 달러로 전년 대비 1.8% 감소", "2024년 해외직접투자액은 전년 대비 1.8% 감소하였다."
    ]
    named = "농림축산식품부 보도자료\n귀농·귀촌 인구 2년 연속 감소\n보도시점 2024. 6. 25.(화) 12:00\n□ 귀농가구가 줄었다."
    assert lines_of(clean_pages([named], physical_pages=False)) == ["귀농·귀촌 인구 2년 연속 감소", "□ 귀농가구가 줄었다."]
    # A sentence that merely starts with the word stays.
    assert lines_of(clean_pages(["배포 자료는 누리집에 게시한다."], physical_pages=False)) == ["배포 자료는 누리집에 게시한다."]


def test_running_header_detection_keeps_the_documents_own_lines():
    pages = [("Ⅱ. 추진 과제\n" if k else "Ⅰ. 추진 배경\n") + f"□ 사업 개요\nㅇ 내용 {k}\n○ 목표 달성률 9{k}%\n- {k + 1} -" for k in range(6)]
    text = "\n".join(lines_of(clean_pages(pages, physical_pages=True)))
    # A chapter title printed first on every page opens its chapter once; other marked lines are the document's own.
    assert text.count("Ⅱ. 추진 과제") == 1 and text.count("□ 사업 개요") == 6
    assert all(f"목표 달성률 9{k}%" in text for k in range(6))  # only a trailing page number may differ


def test_a_two_page_files_running_header_is_dropped_so_its_table_goes_on():
    pages = ["2025년 경상북도 주요업무계획\n□ 성과지표\n| 지표 | 2024년 |\n|---|---|\n| 출산율 | 0.8 |\n- 1 -",
             "2025년 경상북도 주요업무계획\n| 지표 | 2024년 |\n|---|---|\n| 고용률 | 46.2 |\n- 2 -"]
    lines = lines_of(clean_pages(pages, physical_pages=True))
    assert "2025년 경상북도 주요업무계획" not in lines and lines[-1] == "| 고용률 | 46.2 |"


def test_a_numbered_footer_read_inside_its_page_is_dropped_too():
    # reportlab's (and some Hangul PDFs') footer comes where it was drawn in the page's reading order: under the last
    # table, before the note that follows it (``경상남도 도로정책과 - 3 -`` / ``※ AHP 종합점수가 …``)
    foot = "경상남도 도로정책과 - {} -"
    pages = [f"ㅇ 시작 {k}\n| 구분 | 값 |\n|---|---|\n| 가 | {k} |\n"
             + (f"{foot.format(k)}\n※ 주석 {k}\nㅇ 끝 {k}" if k == 4 else f"※ 주석 {k}\nㅇ 끝 {k}\n{foot.format(k)}") for k in range(1, 5)]
    text = "\n".join(lines_of(clean_pages(pages, physical_pages=True)))
    assert "도로정책과" not in text and "※ 주석 4" in text
    # a running line without a page number is dropped only at a page's edge (a title repeated in the text stays)
    pages = [f"2025년 업무계획\nㅇ 내용 {k}\nㅇ 다음 {k}\n2025년 업무계획\nㅇ 그다음 {k}\nㅇ 끝 {k}" for k in range(4)]
    assert "\n".join(lines_of(clean_pages(pages, physical_pages=True))).count("2025년 업무계획") == 4


def test_a_line_like_a_numbered_running_line_inside_a_page_stays_unless_its_number_is_the_pages():
    # ``참고자료 k`` heads every page k; ``참고자료 5`` inside page 4 is the document's own line, not page 4's header
    pages = [f"참고자료 {k}\nㅇ 내용 {k}\nㅇ 다음 {k}\nㅇ 그다음 {k}\nㅇ 끝 {k}" for k in range(1, 5)]
    pages[3] = pages[3].replace("ㅇ 다음 4", "참고자료 5\nㅇ 다음 4")
    assert "참고자료 5" in clean_pages(pages, physical_pages=True).text


def test_a_contents_entrys_page_reference_ends_its_line():
    # ``Ⅷ. 결론 및 건의 ··· 9`` over the summary box's title: the title is a line of its own, not the entry's tail
    pages = ["목 차\nⅠ. 조사 개요 ··· 1 Ⅱ. 사업 개요 ··· 2\nⅦ. 종합평가 ··· 8 Ⅷ. 결론\n및 건의 ··· 9\n보고 요지\n▪ 사업 추진이 타당한 것으로 분석됨"]
    lines = lines_of(clean_pages(pages, physical_pages=True))
    assert "보고 요지" in lines and lines[lines.index("보고 요지") - 1].endswith("··· 9")


def test_a_reference_boxs_title_starts_its_line():
    # ``<참고> 중기 재정운용 전망`` after a note that ends on a noun (``… ‘양호’ 등급``): the caption of the table under it
    page = "※ 2025년 운용평가 결과 ‘양호’ 등급\n<참고> 중기 재정운용 전망(2026~2029)\n(단위: 억원)"
    assert lines_of(clean_pages([page], physical_pages=True))[1] == "<참고> 중기 재정운용 전망(2026~2029)"


def test_a_two_page_file_drops_only_the_very_same_line():
    p1 = "별지 1\n사업계획서\nㅇ 사업 내용을 적는다\n작성일 2024. 3. 1."
    p2 = "별지 2\n개인정보 수집·이용 동의서\nㅇ 수집 항목은 성명이다\n작성일 2024. 3. 1."
    text = " ".join(lines_of(clean_pages([p1, p2], physical_pages=True)))
    assert "별지 1" in text and "별지 2" in text and "작성일" not in text


def test_a_title_box_numeral_starts_its_line_and_a_release_now_masthead_goes():
    page = ("보도참고자료\n보도시점 배포 즉시\nAI 컴퓨팅 인프라 확충\nⅠ 2024년 주요 성과\nㅇ 수급자 4만 명 증가\n"
            "Ⅱ 2025년 핵심 추진과제\n과제 1 두터운 약자복지")
    assert lines_of(clean_pages([page], physical_pages=False)) == [
        "AI 컴퓨팅 인프라 확충", "Ⅰ 2024년 주요 성과", "ㅇ 수급자 4만 명 증가", "Ⅱ 2025년 핵심 추진과제", "과제 1 두터운 약자복지"]
    # …but only a numbering that goes on, with words: a wrapped ``Ⅱ 단계로 확대`` or a row ``Ⅱ 80 90 100`` stays
    for wrapped in ("ㅇ 2026년부터\nⅡ 단계로 확대한다.", "구분 2024 2025\nⅠ 120 150\nⅡ 80 90"):
        assert len(lines_of(clean_pages([wrapped], physical_pages=False))) == 1


def test_masthead_words_in_the_body_stay_and_a_wrapped_heading_is_one_line():
    assert lines_of(clean_pages(["○ 리플릿 제작 및\n배포 10만부를 추진한다."], physical_pages=False)) == ["○ 리플릿 제작 및 배포 10만부를 추진한다."]
    assert lines_of(clean_pages(["1. 디지털 플랫폼 정부\n구현 전략"], physical_pages=True)) == ["1. 디지털 플랫폼 정부 구현 전략"]


def test_a_diagrams_short_labels_under_a_heading_are_not_its_tail():
    page = "□ 우선 추진과제\n편리한\n맞춤형 서비스\n연계·공유·개방\n데이터\n○ 본문 항목"
    assert lines_of(clean_pages([page], physical_pages=True))[0] == "□ 우선 추진과제"


def test_a_heading_that_stops_on_a_connective_runs_on_and_roman_page_numbers_go():
    assert lines_of(clean_pages(["1. 첨단산업 중심의\n미래 성장동력 확보 기반 마련\n○ 항목"], physical_pages=True))[0] == (
        "1. 첨단산업 중심의 미래 성장동력 확보 기반 마련"
    )
    assert lines_of(clean_pages(["가. 기술능력 평가(90점)와 가격 평가(10점)를\n합산하여 선정\n나. 기타"], physical_pages=True))[0] == (
        "가. 기술능력 평가(90점)와 가격 평가(10점)를 합산하여 선정"
    )
    assert lines_of(clean_pages(["□ 주요 회의\n분기마다 한 번 연다."], physical_pages=True)) == ["□ 주요 회의", "분기마다 한 번 연다."]
    # A compound noun ending in 의 is no genitive either (Kiwi reads it); a genitive inside a compound still runs on.
    assert lines_of(clean_pages(["□ 정책협의\n관계부처와 정례 협의체를 운영한다."], physical_pages=True)) == [
        "□ 정책협의",
        "관계부처와 정례 협의체를 운영한다.",
    ]
    assert lines_of(clean_pages(["□ 지역사회의\n돌봄 기반 강화\n○ 항목"], physical_pages=True))[0] == "□ 지역사회의 돌봄 기반 강화"
    assert "- ii -" not in " ".join(lines_of(clean_pages(["머리말\n- ii -\n2.2 공급 주체별 현황"], physical_pages=True)))


def test_a_body_line_about_distribution_is_no_masthead():
    page = "보도자료\nAI 인프라 확충\n배포 시 개인정보가 포함되지 않도록 유의하시기 바랍니다.\n보도일시 배포 시"
    text = clean_pages([page], physical_pages=False).text
    assert "배포 시 개인정보가 포함되지 않도록" in text and "보도일시" not in text


def test_a_word_processors_paragraphs_stay_apart_unless_one_carries_the_other_on():
    raw = "\n".join([
        "- 3월 17일부터 온라인 신청 -",  # a subheadline framed by dashes
        "창원특례시는 청년 월세 지원 대상을 확대한다고 밝혔다.",
        "④ 지원 제외 : 직계존속 소유 주택 임차 시 지원 불가(신설)",  # an item that ends on a parenthesis
        "시는 또 전세 계약 상담소를 운영한다.",
        "- 공무원 1인당 2대의 컴퓨터 이용 중 →",  # an arrow leaves the phrase open
        "1대의 노트북으로 교체",
        "□ 정ㆍ현원",
        "(2021. 12. 현재 기준)",  # a remark on the heading above
        "1. 분기별 동향",
        "(단위 : 억불)",  # a unit note is the table's, not the heading's
        "○ 디지털 정부혁신을 위한",  # stops on a connective
        "범정부 추진체계 마련",
    ])
    hwp = lines_of(clean_pages([raw], physical_pages=False, paragraphs=True))
    assert hwp == [
        "- 3월 17일부터 온라인 신청 -",
        "창원특례시는 청년 월세 지원 대상을 확대한다고 밝혔다.",
        "④ 지원 제외 : 직계존속 소유 주택 임차 시 지원 불가(신설)",
        "시는 또 전세 계약 상담소를 운영한다.",
        "- 공무원 1인당 2대의 컴퓨터 이용 중 → 1대의 노트북으로 교체",
        "□ 정ㆍ현원 (2021. 12. 현재 기준)",
        "1. 분기별 동향",
        "(단위 : 억불)",
        "○ 디지털 정부혁신을 위한 범정부 추진체계 마련",
    ]
    # The same lines printed in a PDF may have wrapped anywhere: they are rejoined as before.
    pdf = lines_of(clean_pages([raw], physical_pages=True))
    assert pdf[:2] == hwp[:2]  # a subheadline framed by dashes is whole in any format
    assert "1. 분기별 동향" in pdf and "(단위 : 억불)" in pdf  # never a heading's tail, in any format


def test_a_paragraph_hard_broken_mid_sentence_is_joined_and_words_that_open_sentences_are_not_particles():
    def hwp(raw: str) -> list[str]:
        return lines_of(clean_pages([raw], physical_pages=False, paragraphs=True))

    # Kiwi reads the last word: a connective ending or 까지 leaves the sentence open.
    assert hwp("ㅇ 영농정착지원금을 월 최대 110만원까지\n지원하고, 창업 기반을 조성") == ["ㅇ 영농정착지원금을 월 최대 110만원까지 지원하고, 창업 기반을 조성"]
    assert hwp("ㅇ 농가 부담을 경감하고\n농지 임대료를 지원") == ["ㅇ 농가 부담을 경감하고 농지 임대료를 지원"]
    # … but a heading's noun (보고) and a noun ending in 을 (마을) do not.
    assert hwp("□ 결과 보고\n세부 내용은 붙임과 같음") == ["□ 결과 보고", "세부 내용은 붙임과 같음"]
    assert hwp("Ⅱ. 살고 싶은 농촌 마을\n정주여건을 개선한다.") == ["Ⅱ. 살고 싶은 농촌 마을", "정주여건을 개선한다."]
    # 도 (a province), 이 (this) and 만 (full age) open sentences as words, not as particles.
    for first in ("도 관계자는 말했다.", "이 사업은 중요하다.", "만 18세 이상 청년이 대상이다."):
        assert hwp(f"ㅇ 청년 지원 사업 추진\n{first}") == ["ㅇ 청년 지원 사업 추진", first]


def test_stage_directions_and_unit_notes_are_lines_of_their_own_in_every_format():
    raw = "2. 2024년도 추가경정예산안(시장 제출)\n(10시 03분 개의)\n○위원장 김철수 회의를 시작하겠습니다.\n부서 : 일자리경제과\n(단위: 천원)"
    for physical in (True, False):
        assert lines_of(clean_pages([raw], physical_pages=physical)) == [
            "2. 2024년도 추가경정예산안(시장 제출)", "(10시 03분 개의)", "○위원장 김철수 회의를 시작하겠습니다.", "부서 : 일자리경제과",
            "(단위: 천원)"]
    # a heading's own parenthesis is still its tail
    assert lines_of(clean_pages(["□ 정ㆍ현원\n(2021. 12. 현재 기준)"], physical_pages=True)) == ["□ 정ㆍ현원 (2021. 12. 현재 기준)"]


def test_a_field_label_after_an_open_paragraph_is_not_its_tail():
    c = clean_pages(["사업 목적\n청년의 주거비 부담을 경감하고\n사업 내용\n월 20만원 지원"], physical_pages=False, paragraphs=True)
    assert lines_of(c) == ["사업 목적", "청년의 주거비 부담을 경감하고", "사업 내용", "월 20만원 지원"]


def test_whom_to_ask_starts_a_line_of_its_own():
    raw = "▶ ’25. 10. : 제2차 해양쓰레기 관리 기본계획 수립\n문의 : 해양수산부 기획재정담당관실 (044-200-5130)\n담당자: 주무관 김바다"
    assert lines_of(clean_pages([raw], physical_pages=True)) == [
        "▶ ’25. 10. : 제2차 해양쓰레기 관리 기본계획 수립", "문의 : 해양수산부 기획재정담당관실 (044-200-5130)", "담당자: 주무관 김바다"]
    # a wrapped line that opens on another word and a colon still runs on
    assert lines_of(clean_pages(["ㅇ 사업기간 : 2024 ~ 2025,\n사업비 : 30억원"], physical_pages=True)) == ["ㅇ 사업기간 : 2024 ~ 2025, 사업비 : 30억원"]


def test_a_date_alone_on_its_line_is_a_line_of_its_own():
    raw = "2025년 전주시 마을공동체 지원사업 공모 안내\n2025. 1. 20.\n전주시 마을공동체지원센터"
    assert lines_of(clean_pages([raw], physical_pages=True))[:2] == ["2025년 전주시 마을공동체 지원사업 공모 안내", "2025. 1. 20."]
    assert lines_of(clean_pages(["2024년 주요업무 추진계획\n2024년 2월 7일(수)"], physical_pages=True)) == [
        "2024년 주요업무 추진계획", "2024년 2월 7일(수)"]


def test_an_amendment_note_wrapped_onto_its_own_line_ends_the_line_above():
    raw = "2) 공용차량 유류비는 [별표 1]의 단가를 적용한다.\n‹개정 2024. 12. 20.>\n3) 급식비는 9,000원으로 한다."
    assert lines_of(clean_pages([raw], physical_pages=True)) == [
        "2) 공용차량 유류비는 [별표 1]의 단가를 적용한다. ‹개정 2024. 12. 20.>", "3) 급식비는 9,000원으로 한다."]


def test_a_title_about_press_releases_is_no_masthead():
    lines = lines_of(clean_pages(["정부 보도자료 작성 매뉴얼\n문화체육관광부 국민소통실\n1. 목적"], physical_pages=True))
    assert lines[0].startswith("정부 보도자료 작성 매뉴얼")  # kept (a masthead line would be dropped)
    assert lines_of(clean_pages(["보도자료 통계청\n2024년 출생·사망통계(잠정)"], physical_pages=True)) == ["2024년 출생·사망통계(잠정)"]


def test_a_latin_o_typed_as_a_bullet_is_the_circle_bullet():
    from indexer.ingest.cleaning import normalize_text

    assert normalize_text("o 「재난안전법」 개정\nｏ 훈련 42회 실시\no2o 협약\nof the plan") == (
        "○ 「재난안전법」 개정\n○ 훈련 42회 실시\no2o 협약\nof the plan"
    )


def test_a_latin_o_in_a_document_that_types_the_circle_is_the_level_under_it():
    from indexer.ingest.cleaning import clean_pages, latin_o_bullet
    from indexer.ingest.parsing import parse_text

    pages = ["□ 도시침수 대응\n○ 침수 위험지도 대상 확대\no 대상 도시 30개 → 54개\no 시범 적용 7개 도시\n○ 반지하 침수방지시설 지원"]
    assert latin_o_bullet(pages) == "◦" and latin_o_bullet(["o 「재난안전법」 개정"]) == "○"
    assert "◦ 대상 도시 30개 → 54개" in clean_pages(pages, physical_pages=False).text
    by = {p.text: p for p in parse_text(pages[0], doc_id="o").passages}
    assert by["◦ 시범 적용 7개 도시"].parent_id == by["○ 침수 위험지도 대상 확대"].id
    assert by["○ 반지하 침수방지시설 지원"].parent_id != by["○ 침수 위험지도 대상 확대"].id  # its sibling, not under it


def test_a_latin_o_typed_where_another_part_types_the_circle_stays_the_circle():
    from indexer.ingest.cleaning import latin_o_bullet

    # each under its own heading, o and ○ are one bullet typed two ways
    assert latin_o_bullet(["▶ 통신망 확대\no 이용기관 376개\n▷ 침수 예측\n○ 대상 도시 54개\n* 주: 누적"]) == "○"
    assert latin_o_bullet(["○ 침수 위험지도 확대\n* 대상: 도시\no 시범 적용 7개 도시"]) == "◦"  # a note between aside


def test_a_numbered_note_under_a_table_opens_its_own_line():
    # ``주1)`` … ``주2)`` under a notice's table: a first note that fills its printed line (a PDF's wrap, whose
    # sentence end does not end the paragraph) had taken the second as its tail.
    page = "주1) 무주택세대구성원이란 세대원 전원이 주택을 소유하지 않은 세대를 말합니다.\n주2) 소득은 세대원 전원의 소득을 합산합니다.\n주 3) 태아는 가구원수에 포함합니다."
    c = clean_pages([page], physical_pages=True, runs_on=[frozenset({0, 1})])
    assert c.text.split("\n") == page.split("\n")
    # a week's count is no note (``주52시간``)
    c = clean_pages(["근로시간 단축을 위해 정부는 기업의 유연근무를 지원하고\n주52시간 상한을 지키도록 지도한다."], physical_pages=True,
                    runs_on=[frozenset({0})])  # fmt: skip
    assert "\n" not in c.text


def test_a_note_referred_to_at_a_wrapped_lines_start_opens_no_line():
    # A sentence that points to a note (``주1)을 참고``, ``주 2) 참조``), its printed line wrapping right before it:
    # the note's mark with a particle or 참조 after it is the sentence going on, not a note.
    for page in ["소득 기준의 세부 산정 방식은 표 아래에 적은 각주인\n주1)을 참고하시기 바랍니다.",
                 "소득 기준의 세부 산정 방식은 표 아래에 적은 내용과 같으며 자세한 사항은\n주 2) 참조"]:  # fmt: skip
        assert "\n" not in clean_pages([page], physical_pages=True, runs_on=[frozenset({0})]).text
    # a note itself still opens its line, whatever word it starts with
    page = "주1) 무주택세대구성원이란 세대원 전원이 주택을 소유하지 않은 세대를 말합니다.\n주2) 이 주택은 국민임대주택입니다."
    assert clean_pages([page], physical_pages=True, runs_on=[frozenset({0, 1})]).text.split("\n") == page.split("\n")


def test_a_lists_next_item_is_no_tail_of_a_broken_word():
    # ``… 100건 이하`` / ``다. 분류식 …``: after a ``나.`` item the list goes on, however Kiwi would join 이하+다
    text = "가. 침수예방 정비\n○ 성과지표 : 100건\n나. 노후 관로 정비\n○ 성과지표 : (’26) 100건 이하\n다. 분류식 하수관로 설치\n○ 대상 : 합류식 지역"
    assert "다. 분류식 하수관로 설치" in lines_of(clean_pages([text], physical_pages=False))
    # a word broken before its last syllable still joins (``… 신설한`` / ``다.``)
    assert lines_of(clean_pages(["○ 제5호를 다음과 같이 신설한\n다.\n○ 다음 항목"], physical_pages=False))[0] == "○ 제5호를 다음과 같이 신설한다."
    # … even after a list whose 다. has come: only right after its 나. is a ``다. …`` line the next item
    text = "가. 하나\n나. 둘\n다. 셋\n○ 정비를 추진하였\n다. 이에 따라 점검함"
    assert "○ 정비를 추진하였다. 이에 따라 점검함" in lines_of(clean_pages([text], physical_pages=False))


def test_an_annex_label_alone_and_its_title_are_one_line():
    # ``붙임 1`` over ``… 전환사업 개요``: the annex's heading says what it holds; a title's first line ending on an
    # adnominal runs on into its second, spaced letters closed up (``업 무 협 약 서``)
    c = clean_pages(["붙임 1\n청해 산업단지 탄소중립 전환사업 개요\n1. 산업단지 현황\n붙임 2\n청해 산업단지 탄소중립 전환을 위한\n"
                     "업 무 협 약 서\n제1조(목적) 이 협약은 …\n붙임 3\n| 구분 | 내용 |"], physical_pages=False, paragraphs=True)
    assert c.text.split("\n")[:4] == ["붙임 1 청해 산업단지 탄소중립 전환사업 개요", "1. 산업단지 현황",
                                       "붙임 2 청해 산업단지 탄소중립 전환을 위한 업무협약서", "제1조(목적) 이 협약은 …"]
    assert c.text.split("\n")[4:6] == ["붙임 3", "| 구분 | 내용 |"]  # a table under the label is no title
    # … and a statement under it (``세부 내용은 별도 통보 예정``) is none either, though it ends on a noun
    c = clean_pages(["붙임 1\n세부 내용은 별도 통보 예정\n붙임 2\n청해시 주민참여예산 운영 현황"], physical_pages=False, paragraphs=True)
    assert c.text.split("\n") == ["붙임 1", "세부 내용은 별도 통보 예정", "붙임 2 청해시 주민참여예산 운영 현황"]


def test_a_small_triangle_opens_a_line_like_other_bullets():
    # ``○ 개선대책 ▸ … ▸ …`` as a PDF runs a box's lines together: each ▸ is a bullet of its own line
    c = clean_pages(["○ 개선대책\n▸ 경로당 방문 접종 확대 : 320개소 → 600개소\n▸ 읍·면 순회 접종 버스 운영"], physical_pages=True,
                    runs_on=[frozenset({0, 1, 2})])
    assert c.text.split("\n") == ["○ 개선대책", "▸ 경로당 방문 접종 확대 : 320개소 → 600개소", "▸ 읍·면 순회 접종 버스 운영"]


def test_a_schedule_label_and_its_title_are_one_line():
    c = clean_pages(["[별표 1] <개정 2026. 4. 1.>\n과(담당관)별 팀 설치 및 분장사무(제12조 관련)\n| 국 | 과 |"], physical_pages=False,
                    paragraphs=True)
    assert c.text.split("\n")[0] == "[별표 1] <개정 2026. 4. 1.> 과(담당관)별 팀 설치 및 분장사무(제12조 관련)"


def test_an_annex_label_takes_no_unit_note_and_a_numbered_form_its_title():
    c = clean_pages(["붙임 1\n(단위: 백만원)\n| 구분 | 금액 |"], physical_pages=False, paragraphs=True)
    assert c.text.split("\n")[:2] == ["붙임 1", "(단위: 백만원)"]
    c = clean_pages(["[별지 제1호의2서식]\n보조사업 실적보고서\n| 사업명 | |"], physical_pages=False, paragraphs=True)
    assert c.text.split("\n")[0] == "[별지 제1호의2서식] 보조사업 실적보고서"


def test_a_bilingual_yearbooks_caption_and_bare_unit_notes_are_lines_of_their_own():
    # a statistical yearbook: ``2-1. 인 구 추 이`` spaced out over its English title, and ``단위 : 명`` with no
    # parentheses over its English ``Unit : …``, each a line of its own and none the heading's tail
    raw = "Ⅱ. 인 구\n2-1. 인 구 추 이\nPopulation Trends\n단위 : 세대, 명\nUnit : household, person\n| 연 별 | 세 대 Households |"
    for physical in (True, False):
        assert lines_of(clean_pages([raw], physical_pages=physical)) == [
            "Ⅱ. 인구", "2-1. 인구추이", "Population Trends", "단위 : 세대, 명", "Unit : household, person", "| 연 별 | 세 대 Households |"]


def test_an_annex_titled_by_a_question_is_one_heading_with_its_label():
    c = clean_pages(["참고 1\n고향사랑기부제는 무엇인가\n○ 고향에 기부하면 세액공제와 답례품을 받는 제도"], physical_pages=False, paragraphs=True)
    assert c.text.split("\n")[0] == "참고 1 고향사랑기부제는 무엇인가"
