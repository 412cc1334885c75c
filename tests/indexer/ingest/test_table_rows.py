import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.ingest.table_rows import (
    Table,
    boxed_heading,
    caption_of,
    column_series,
    continued,
    find_tables,
    parse_table,
    row_passages,
    row_series,
    table_passages,
)


def md(*rows: list[str]) -> list[str]:
    out = []
    for i, r in enumerate(rows):
        out.append("| " + " | ".join(r) + " |")
        if i == 0:
            out.append("| " + " | ".join(["---"] * len(r)) + " |")
    return out


def test_basic_rows_with_caption_and_unit():
    lines = md(["구분", "정원", "현원"], ["계", "8,491", "8,300"], ["정무직", "4", "4"])
    out = table_passages(lines, ["< 인원 현황 >", "(단위: 명)"])
    assert out == ["인원 현황 › (단위: 명) › 계: 정원 8,491 · 현원 8,300", "인원 현황 › (단위: 명) › 정무직: 정원 4 · 현원 4"]


def test_key_value_table_is_one_record():
    # Every value keeps the name of what it describes (예산 beside 사업명), however the pairs are laid out.
    lines = md(["사업명", "말뭉치 구축", "사업기간", "2022~2026"], ["소관", "국립국어원", "예산", "32억원"])
    assert row_passages(parse_table(lines)) == ["사업명: 말뭉치 구축 · 사업기간: 2022~2026 · 소관: 국립국어원 · 예산: 32억원"]
    lines = md(["요구사항 고유번호", "SFR-001"], ["요구사항 명칭", "통합 로그인"], ["요구사항 정의", "단일 계정으로 접속"])
    assert row_passages(parse_table(lines)) == ["요구사항 고유번호: SFR-001 · 요구사항 명칭: 통합 로그인 · 요구사항 정의: 단일 계정으로 접속"]


def test_a_table_whose_keys_recur_row_after_row_is_rows_not_a_record():
    # Text and figures alternate across six columns, as a key and its value would: but 북방파제, C and D recur in
    # row after row, as no record names its fields (the rows had become one record: 주문진항: 강원 강릉시 …).
    lines = md(["어항명", "소재지", "대상 시설", "준공연도", "직전 등급", "진단 시기"],
               ["주문진항", "강원 강릉시 주문진읍", "북방파제", "1987", "C", "10월"],
               ["대진항", "강원 동해시 대진동", "북방파제", "1991", "D", "10월"],
               ["흑산항", "전남 신안군 흑산면 예리", "북방파제", "1987", "D", "11월"],
               ["위도항", "전북 부안군 위도면 진리", "물양장", "1991", "C", "11월"])  # fmt: skip
    out = row_passages(parse_table(lines))
    assert len(out) == 4 and out[2] == "흑산항: 소재지 전남 신안군 흑산면 예리 · 대상 시설 북방파제 · 준공연도 1987 · 직전 등급 D · 진단 시기 11월"


def test_a_pair_merged_down_beside_two_rows_is_read_once():
    # A release's contact box whose 담당부서 cell spans the 담당자 and 연락처 rows: the reader gives it in each row.
    lines = md(["담당부서", "소방청 화재예방과", "담당자", "과장 노승현"], ["담당부서", "소방청 화재예방과", "연락처", "044-205-7410"])
    assert row_passages(parse_table(lines)) == ["담당부서: 소방청 화재예방과 · 담당자: 과장 노승현 · 연락처: 044-205-7410"]


def test_a_key_merged_down_over_two_rows_keeps_its_label():
    # A press release's contact box: 담당 부서 spans two rows and the second comes out empty.
    lines = md(["담당 부서", "농촌정책국", "책임자", "과장 김영호 (044-201-1530)"], ["", "농촌정책과", "담당자", "사무관 박지민 (044-201-1534)"])
    assert row_passages(parse_table(lines)) == [
        "담당 부서: 농촌정책국 · 책임자: 과장 김영호 (044-201-1530) · 담당 부서: 농촌정책과 · 담당자: 사무관 박지민 (044-201-1534)"
    ]
    # An empty key over an empty value stays empty (nothing to name), and a header row is no key row.
    assert parse_table(md(["사업명", "말뭉치", "기간", "2022"], ["", "", "예산", "32억원"])).body[-1][:2] == ("", "")
    assert parse_table(md(["구분", "2021", "2022"], ["", "10", "20"])).header[0][0] == "구분"


@pytest.mark.parametrize(
    "rows",
    [
        (["사업명", "주관부서", "협조부서", "비고"], ["디지털 전환", "정보화과", "총무과", "신규"], ["스마트 민원", "민원과", "정보화과", "계속"]),
        (["과제명", "담당"], ["디지털 전환", "정보화과"], ["스마트 민원", "민원과"]),
        # a budget explanation's overview laid out across: 사업명 | 사업기간 | 총사업비 | 지원형태
        (["사업명", "사업기간", "총사업비", "지원형태"], ["디지털 전환", "정보화과", "해당없음", "보조"], ["스마트 민원", "민원과", "해당없음", "출연"]),
    ],
)
def test_a_header_of_column_names_over_records_is_no_key_value_record(rows):
    # Every cell of the first row names a column: each record below is a row of its own, labelled by its name.
    out = row_passages(parse_table(md(*rows)))
    assert len(out) == 2 and out[0].startswith("디지털 전환: ") and f"{rows[0][1]} 정보화과" in out[0]


def test_a_task_number_or_an_age_band_stays_a_row_label():
    # only times and spans of hours became values: 1-1 and 20~29세 label their rows and their series
    for label in ("1-1", "20~29세"):
        table = parse_table(md(["구분", "2024", "2025"], [label, "10", "20"]))
        assert [(lb, pts) for lb, pts, *_ in row_series(table)] == [(label, ((2024, 10.0), (2025, 20.0)))]


def test_a_bills_number_merged_down_beside_its_dates_is_no_header():
    # 국회 의안's box: ``의 안 번 호 | 2207415`` merged down over the 발의연월일 and 발의자 rows, as the PDF reader repeats
    # it; a header would take the number for a column's name and drop it from the rows
    lines = ["| 의 안 번 호 | 2207415 | 발의연월일 : 2025. 3. 14. |", "|---|---|---|", "| 의 안 번 호 | 2207415 | 발 의 자 : 윤서하 의원(10인) |"]
    assert row_passages(parse_table(lines)) == ["의안번호: 2207415 · 발의연월일 : 2025. 3. 14.", "의안번호: 2207415 · 발의자 : 윤서하 의원(10인)"]
    # a year is a column's name: a header still
    assert row_passages(parse_table(md(["구분", "2024", "2025"], ["예산", "100", "120"]))) == ["예산: 2024 100 · 2025 120"]


def test_a_table_of_hours_is_no_key_value_record():
    # Six short column names over rows whose every other cell is a time: a listing of clinics, not pairs
    # (권역: 시·군 · 병원명: 구분 · … as one record), so each clinic is a row of its own under its region.
    lines = md(["권역", "시·군", "병원명", "구분", "평일 진료", "휴일 진료"],
               ["영서 북부", "춘천시", "춘천봄빛아동병원", "기존", "18:00~23:00", "09:00~18:00"],
               ["", "철원군", "철원소망의원", "신규", "18:00~22:00", "09:00~15:00"])
    assert row_passages(parse_table(lines)) == [
        "영서 북부: 시·군 춘천시 · 병원명 춘천봄빛아동병원 · 구분 기존 · 평일 진료 18:00~23:00 · 휴일 진료 09:00~18:00",
        "영서 북부: 시·군 철원군 · 병원명 철원소망의원 · 구분 신규 · 평일 진료 18:00~22:00 · 휴일 진료 09:00~15:00",
    ]


def test_a_serial_number_column_is_no_row_label_and_the_rows_keep_their_series():
    lines = md(["순번", "사업명", "2023", "2024"], ["1", "스마트도시 통합플랫폼", "300", "450"], ["2", "청년 창업 지원", "120", "150"])
    table = parse_table(lines)
    assert row_passages(table) == ["스마트도시 통합플랫폼: 2023 300 · 2024 450", "청년 창업 지원: 2023 120 · 2024 150"]
    assert [(label, points) for label, points, *_ in row_series(table)] == [
        ("스마트도시 통합플랫폼", ((2023, 300.0), (2024, 450.0))),
        ("청년 창업 지원", ((2023, 120.0), (2024, 150.0))),
    ]
    # A first column of codes, or one headed otherwise, stays the label.
    assert row_passages(parse_table(md(["번호", "요구사항", "비고"], ["SFR-001", "통합 로그인", "필수"])))[0].startswith("SFR-001: ")


def test_a_serial_number_column_with_a_total_spanning_it_is_no_row_label():
    # ``| 합 계 | < | < | 1,790,000 |`` under the numbered rows: the total's label spans the number's column
    lines = md(["연번", "사업명", "제안 동", "사업비"], ["8", "청소년 자율공간 운영", "연화동", "92,000"],
               ["9", "생활공구 대여 차량 운영", "새말동", "65,000"], ["합 계", "합 계", "합 계", "157,000"])
    assert row_passages(parse_table(lines)) == [
        "청소년 자율공간 운영: 제안 동 연화동 · 사업비 92,000", "생활공구 대여 차량 운영: 제안 동 새말동 · 사업비 65,000", "합계: 사업비 157,000"]
    # a total row with a value of its own in the next column keeps the numbers as labels (its label would be lost)
    lines = md(["연번", "지적사항", "관계부서"], ["1", "활동비 부당 지급", "노인장애인과"], ["계", "3건", "3건"])
    assert row_passages(parse_table(lines))[-1].startswith("계: ")


def test_a_header_over_records_whose_column_counts_is_no_key_value_record():
    # | 질의 위원 | 질의요지 | 소관 | 쪽 | over one record a question: an even number of columns, every other one a
    # short word, but its 쪽 holds a number on every row under a word: a header, not a record of pairs
    lines = md(["질의 위원", "질의요지", "소관 실·국", "쪽"], ["김도윤 위원", "지방소멸대응기금 집행 부진", "지방자치균형발전실", "1"],
               ["박서진 위원", "민원 담당 공무원 보호 대책", "정부혁신조직실", "3"])
    assert row_passages(parse_table(lines)) == [
        "김도윤 위원: 질의요지 지방소멸대응기금 집행 부진 · 소관 실·국 지방자치균형발전실 · 쪽 1",
        "박서진 위원: 질의요지 민원 담당 공무원 보호 대책 · 소관 실·국 정부혁신조직실 · 쪽 3",
    ]
    # a record of pairs whose values are numbers keeps them as pairs: its first row holds values too
    lines = md(["정원", "12", "현원", "11"], ["결원", "1", "충원", "0"], ["휴직", "2", "파견", "1"])
    assert row_passages(parse_table(lines))[0].startswith("정원: 12 · 현원: 11")


def test_an_overview_of_pairs_whose_first_values_are_words_stays_key_value():
    # a plan's 사업개요: the first row's values are words (a name, a place), the rows below figures; no column counts
    lines = md(["사업명", "서진 중앙도서관 건립", "위치", "서진시 중앙동"], ["총사업비", "12,000", "연면적", "3,500"], ["국비", "4,000", "층수", "4"])
    assert row_passages(parse_table(lines)) == [
        "사업명: 서진 중앙도서관 건립 · 위치: 서진시 중앙동 · 총사업비: 12,000 · 연면적: 3,500 · 국비: 4,000 · 층수: 4"]
    lines = md(["기관명", "서진시청", "대표자", "홍길동"], ["직원수", "1,200", "예산", "3,400"], ["위원수", "15", "임기", "2"])
    assert row_passages(parse_table(lines))[0].startswith("기관명: 서진시청 · 대표자: 홍길동")
    # a total alone in the number's column keeps its label
    lines = md(["연번", "사업명", "사업비"], ["1", "A사업", "100"], ["2", "B사업", "200"], ["합계", "", "300"])
    assert row_passages(parse_table(lines)) == ["A사업: 사업비 100", "B사업: 사업비 200", "합계: 사업비 300"]


def test_a_header_of_result_and_reason_columns_is_over_records():
    # ``| 사업명 | 심사 구분 | 심사 결과 | 반영 내용 |``: column names (결과, 사유, 여부, 의견 name columns), not a record of pairs
    lines = md(["사 업 명", "심사 구분", "심사 결과", "반영 내용"], ["시립미술관 남부 분관 건립", "자체심사", "조건부 추진", "설계 착수"],
               ["제1하수처리장 현대화", "중앙심사", "적정", "기본설계비 반영"])
    assert row_passages(parse_table(lines))[0] == "시립미술관 남부 분관 건립: 심사 구분 자체심사 · 심사 결과 조건부 추진 · 반영 내용 설계 착수"


def test_a_requirement_card_with_sub_labels_is_one_record_and_a_long_one_keeps_its_number():
    # a card's key merged down beside sub-labels (``| 요구사항 상세설명 | 정의 | … |`` / ``| ^ | 세부 내용 | … |``, as the
    # readers repeat the key) under rows spanning the card: one record, not a vision chart over a grid
    from indexer.ingest.table_rows import split_spanning_head

    lines = ["| 요구사항 분류 | 보안 요구사항 | 보안 요구사항 |", "|---|---|---|", "| 요구사항 고유번호 | SER-003 | SER-003 |",
             "| 요구사항 명칭 | 보안 취약점 점검 및 조치 | 보안 취약점 점검 및 조치 |",
             "| 요구사항 상세설명 | 정의 | 취약점 점검과 조치 |", "| 요구사항 상세설명 | 세부 내용 | - 상·중위험 취약점은 점검 후 30일 이내 조치 |",
             "| 산출정보 | 취약점 점검 결과서 | 취약점 점검 결과서 |"]
    assert split_spanning_head(lines) is None
    (text,) = row_passages(parse_table(lines))
    assert "요구사항 고유번호: SER-003" in text and "요구사항 상세설명 세부 내용: - 상·중위험 취약점은 점검 후 30일 이내 조치" in text
    long = "가" * 380
    lines = md(["요구사항 분류", "보안 요구사항", "요구사항 고유번호", "SER-003"], ["요구사항 정의", long, long, long],
               ["세부 내용", "30일 이내 조치", "30일 이내 조치", "30일 이내 조치"])
    chunks = row_passages(parse_table(lines), 400)
    assert len(chunks) > 1 and chunks[-1].startswith("요구사항 고유번호: SER-003 · ") and "30일 이내 조치" in chunks[-1]


def test_a_cards_key_merged_down_beside_parts_over_their_values_is_a_pair_each():
    # ``| 재 원 | 국비 | 도비 | 시비 |`` over ``| 재 원 | 31억원 | 9억원 | 56억원 |`` in a pledge card of pairs
    lines = md(["공약번호", "교육-03", "주관부서", "아동보육과"], ["총사업비", "96억원", "추진기간", "2022. 7. ~ 2026. 6."],
               ["재 원", "국비", "도비", "시비"], ["재 원", "31억원", "9억원", "56억원"])
    assert row_passages(parse_table(lines)) == [
        "공약번호: 교육-03 · 주관부서: 아동보육과 · 총사업비: 96억원 · 추진기간: 2022. 7. ~ 2026. 6. · 재원 국비: 31억원 · 재원 도비: 9억원 · "
        "재원 시비: 56억원"]
    # words under the parts (no figures) are no values of them: the table is read as before
    lines = md(["공약번호", "교육-03", "주관부서", "아동보육과"], ["협력", "교육청", "도", "시"], ["협력", "학교", "지원청", "구청"])
    assert "협력 교육청" not in " ".join(row_passages(parse_table(lines)))


def test_a_box_sentence_captions_no_table_and_a_decimal_table_number_does():
    assert caption_of(["□ 2024년 지방보조금 집행액은 1,184억원으로 일반회계 세출결산의 10.5%를 차지함", "(단위: 백만원)"]) == (
        None, "백만원")
    assert caption_of(["□ 재원별 투자계획"]) == ("재원별 투자계획", None)
    # a decimal table number (``<표 3.1-1>``, ``‹표 1.3-1>``) titles its table too
    assert caption_of(["<표 3.1-1> 대기질 예측 결과(최대 영향 지점)"]) == ("대기질 예측 결과(최대 영향 지점)", None)
    assert caption_of(["‹표 1.3-1> 토지이용계획", "(단위: ㎡, %)"]) == ("토지이용계획", "㎡, %")
    assert caption_of(["【표 3.1-1】 대기질 예측 결과"])[0] == caption_of(["표 3.1-1. 대기질 예측 결과"])[0] == "대기질 예측 결과"


def test_check_marks_are_values_each_read_in_its_column():
    # Equal text in neighbouring cells is one spanned cell, but equal check marks are two answers.
    lines = md(["구분", "1월", "2월", "3월"], ["안전점검", "○", "○", "×"])
    assert row_passages(parse_table(lines)) == ["안전점검: 1월 ○ · 2월 ○ · 3월 ×"]


def test_a_long_key_value_table_splits_between_pairs():
    lines = md(*[[f"항목{i}", "내용 " * 20] for i in range(8)])
    out = row_passages(parse_table(lines), max_chars=300)
    assert len(out) > 1 and all(len(t) <= 300 for t in out)
    pairs = [p for t in out for p in t.split(" · ")]
    assert [p.split(":")[0] for p in pairs] == [f"항목{i}" for i in range(8)]


def test_two_column_table():
    lines = md(["구분", "내용"], ["어휘·표현", "분량 30,000항목"])
    assert row_passages(parse_table(lines)) == ["어휘·표현: 분량 30,000항목"]


def test_multirow_header_spreads_over_subheaders():
    lines = [*md(["구분", "2023년", "2024년"]), "| 1분기 | 2분기 | 1분기 | 2분기 |", "| 투자액 | 1.0 | 2.0 | 3.0 | 4.0 |"]
    t = parse_table(lines)
    assert t.columns == ("구분", "2023년 1분기", "2023년 2분기", "2024년 1분기", "2024년 2분기")
    assert row_passages(t) == ["투자액: 2023년 1분기 1.0 · 2023년 2분기 2.0 · 2024년 1분기 3.0 · 2024년 2분기 4.0"]


def test_value_only_row_continues_label_and_unit_row():
    lines = ["|  |  | (단위: 억불) |", "| --- | --- | --- |", "| 구분 | 2023년 | 2024년 |",
             "| 제조업 | 206.1 | 161.7 |", "| (△18.6) | (△21.6) |"]
    t = parse_table(lines)
    assert t.unit == "억불"
    assert row_passages(t)[1] == "(단위: 억불) › 제조업: 2023년 (△18.6) · 2024년 (△21.6)"


def test_spanning_row_and_side_by_side_tables():
    lines = md(["직급", "정원", "증원", "재배치"], ["연구관", "2", "2", "-"], ["주요업무", "ㅇ 번역 지원"])
    assert row_passages(parse_table(lines))[-1] == "주요업무: ㅇ 번역 지원"
    twin = md(["직급", "정원", "직급", "정원"], ["서기관", "1", "사무관", "2"])
    assert row_passages(parse_table(twin)) == ["서기관: 정원 1", "사무관: 정원 2"]


def test_one_column_and_one_row_tables_are_text():
    assert table_passages(md(["※ 예산 세부 내역 □ 평가체계 개발"])) == ["※ 예산 세부 내역 □ 평가체계 개발"]
    assert table_passages(md(["2023", "", "2024"])) == ["2023 · 2024"]


def test_columns_named_by_one_word_and_its_number_are_read_down():
    # A strategy chart: no label column, each column one strategy's list of tasks.
    lines = md(["전략 1", "전략 2", "전략 3"], ["탄소중립 선도", "깨끗한 대기", "자원순환"],
               ["석탄화력 폐지 대응", "미세먼지 저감", "직매립 제로"], ["실천포인트 확대", "", "다회용기 순환"])
    assert table_passages(lines, ["< 추진전략 >"]) == [
        "추진전략 › 전략 1: 탄소중립 선도 · 석탄화력 폐지 대응 · 실천포인트 확대",
        "추진전략 › 전략 2: 깨끗한 대기 · 미세먼지 저감",
        "추진전략 › 전략 3: 자원순환 · 직매립 제로 · 다회용기 순환",
    ]
    quarters = table_passages(md(["1분기", "2분기"], ["계획 수립", "공모 선정"], ["", "협약 체결"]))
    assert quarters == ["1분기: 계획 수립", "2분기: 공모 선정 · 협약 체결"]


@pytest.mark.parametrize("header, row", [
    (["구분", "전략 1", "전략 2"], ["과제", "폐지 대응", "미세먼지 저감"]),  # a label column: read by rows
    (["2023", "2024", "2025"], ["착수", "구축", "운영"]),  # years: no word to name the columns
    (["전략 1", "전략 2", "전략 3"], ["12", "30", "5.5"]),  # figures under the names: a row of values
    (["전략 1", "과제 2", "목표 3"], ["폐지 대응", "미세먼지 저감", "직매립 제로"]),  # no one word
])
def test_other_tables_are_not_read_down(header, row):
    out = table_passages(md(header, row))
    assert len(out) == 1 and out[0].startswith(f"{row[0]}:" if header[0] != "구분" else "과제:")


def test_wide_row_is_split_keeping_label():
    row = ["과제"] + [f"값{i} " + "가" * 30 for i in range(20)]
    lines = md(["구분"] + [f"항목{i}" for i in range(20)], row)
    out = row_passages(parse_table(lines, caption="표"), max_chars=200)
    assert len(out) > 1 and all(len(p) <= 200 and p.startswith("표 › 과제:") for p in out)


def test_boxed_heading_and_find_tables():
    lines = ["| 1 | 성 과 |", "| --- | --- |", "", "□ 성과", *md(["a", "b"], ["c", "d"])]
    assert find_tables(lines) == [range(0, 2), range(4, 7)]
    assert boxed_heading(lines[0:2]) == "1 성과"  # letter-spaced cells read as one word
    assert boxed_heading(lines[4:7]) is None


def test_caption_sources():
    assert caption_of(["□ 업종별 동향(상위 5개)", "(단위 : 억불, (전년동기 대비 %))"]) == ("업종별 동향(상위 5개)", "억불, (전년동기 대비 %)")
    assert caption_of(["【표 3】 예산 현황"]) == ("예산 현황", None)
    assert caption_of(["긴 문장으로 된 본문입니다."]) == (None, None)
    assert caption_of(["< 참고 > 국가 AI 컴퓨팅 센터 개요"]) == ("국가 AI 컴퓨팅 센터 개요", None)


def test_continued_tables():
    a = parse_table(md(["구분", "2023", "2024"], ["A", "1", "2"]), caption="현황")
    b = parse_table(md(["구분", "2023", "2024"], ["B", "3", "4"]))  # the header repeated
    c = parse_table(md(["C", "5", "6"], ["D", "7", "8"]))  # a data row read as a header
    d = parse_table(md(["항목", "금액"], ["E", "9"]))  # another table
    joined = continued(continued(a, b), c)
    assert joined is not None and joined.caption == "현황"
    assert [r[0] for r in joined.body] == ["A", "B", "C", "D"]
    assert continued(joined, d) is None


def test_a_label_merged_down_over_a_page_break_heads_the_rows_on_the_next_page():
    # ``| 화재 | 마스크 | … |`` on one page, ``|  | 소화기 | … |`` (the merged cell's rest, blank) on the next
    a = parse_table(md(["구분", "품목", "보유량"], ["폭염", "그늘막", "246개"], ["화재", "마스크", "12,500개"]), caption="재난관리자원")
    b = parse_table(md(["구분", "품목", "보유량"], ["", "소화기", "3,600개"], ["", "소화전", "12개"], ["제설", "제설제", "2,400톤"]))
    joined = continued(a, b)
    assert joined is not None and [r[0] for r in joined.body] == ["폭염", "화재", "화재", "화재", "제설"]
    assert row_passages(joined)[2] == "재난관리자원 › 화재: 품목 소화기 · 보유량 3,600개"
    # a table read without a header row (a banner's, a serial column's) goes on too: no header to ask whether it compares
    a = Table((), (("서울", "본사", "12"),), 3, None, None, ("", "", ""))
    b = Table((), (("", "분원", "3"),), 3, None, None, ("", "", ""))
    assert [r[0] for r in continued(a, b).body] == ["서울", "서울"]


_cell = st.text(alphabet="가나다123,.() -△", max_size=8)


@given(st.lists(st.lists(_cell, min_size=1, max_size=6), min_size=1, max_size=8))
def test_passages_bounded_and_never_crash(rows):
    lines = md(*rows)
    for p in table_passages(lines, max_chars=120):
        assert len(p) <= 120 + 40  # a single oversized label may exceed slightly


def test_a_text_cell_spanning_the_row_is_read_once_and_split_at_its_items():
    text = "ㅇ 정부 콜센터를 통합하겠습니다. ㅇ 디지털 취약계층을 지원하겠습니다."
    lines = md(["3", "", "시민참여 플랫폼 고도화"], [text, text, text])
    assert row_passages(parse_table(lines)) == [
        "3 시민참여 플랫폼 고도화 › ㅇ 정부 콜센터를 통합하겠습니다.",
        "3 시민참여 플랫폼 고도화 › ㅇ 디지털 취약계층을 지원하겠습니다.",
    ]


def test_equal_numbers_in_neighbouring_columns_are_both_kept():
    lines = md(["구분", "정원", "현원"], ["정무직", "4", "4"], ["별정직", "2", "1"])
    assert row_passages(parse_table(lines))[0] == "정무직: 정원 4 · 현원 4"


def test_rows_over_year_columns_are_series():
    from indexer.ingest.table_rows import row_series

    lines = md(["구분", "2021년 (A)", "2022년 (B)", "증 감 (B-A)", "%"], ["□ 국어원 청사관리", "1,622", "1,797", "175", "10.8"], ["- 기초연구", "2,269", "2,157", "△112", "△4.9"])
    assert [s[:4] for s in row_series(parse_table(lines, unit="백만원"))] == [
        ("국어원 청사관리", ((2021, 1622.0), (2022, 1797.0)), "백만원", "국어원 청사관리"),
        ("기초연구", ((2021, 2269.0), (2022, 2157.0)), "백만원", "기초연구"),
    ]
    kpi = md(["성과지표", "’23 실적", "’24 목표"], ["주민자치회 구성(개)", "132", "154"])
    assert row_series(parse_table(kpi)) == [("주민자치회 구성(개)", ((2023, 132.0), (2024, 154.0)), "개", "주민자치회 구성", ())]
    quarters = md(["구분", "2022년 1분기", "2022년 2분기"], ["투자액", "28.1", "30.2"])
    assert row_series(parse_table(quarters)) == []  # one year twice: not a yearly series


def test_a_row_under_a_merged_first_column_is_named_by_both_labels():
    from indexer.ingest.table_rows import row_series

    # 분야 merged down over its 부문: each row's series is the 부문's, not the 분야's four times over.
    lines = md(["분야", "부문", "2025", "2026", "증가율"], ["사회복지", "기초생활보장", "9,820", "10,240", "4.3"],
               ["", "노인·청소년", "14,350", "15,080", "5.0"], ["", "소계", "24,170", "25,320", "4.8"], ["합계", "", "24,170", "25,320", "4.8"])
    series = row_series(parse_table(lines, unit="억원"))
    assert [(s.label, s.metric, s.details) for s in series] == [
        ("사회복지", "사회복지 기초생활보장", ("기초생활보장",)), ("사회복지", "사회복지 노인·청소년", ("노인·청소년",)),
        ("사회복지", "사회복지 소계", ("소계",)), ("합계", "합계", ()),
    ]
    # a first column that names each row once keeps its own name: the second column is no part of it
    plain = md(["사업명", "사업기간", "2025", "2026"], ["청년 창업 지원", "2021~2025", "120", "150"], ["귀농 정착", "2022~2026", "80", "90"])
    assert [s.metric for s in row_series(parse_table(plain))] == ["청년 창업 지원", "귀농 정착"]


def test_a_unit_before_a_remark_in_the_labels_parentheses_is_the_rows_unit():
    from indexer.ingest.table_rows import row_series

    kpi = md(["성과지표", "2023", "2024"], ["온실가스 감축률(%, ’18년 대비)", "8.2", "11.5"], ["참여(명, %)", "10", "12"])
    assert [(s.metric, s.unit) for s in row_series(parse_table(kpi))] == [("온실가스 감축률 (’18년 대비)", "%"), ("참여(명, %)", None)]


def test_a_part_of_a_year_is_no_point_of_a_yearly_series():
    from indexer.ingest.table_rows import row_series

    # quarters beside whole years: the year's own column (연간) is its point, the quarters none
    t = md(["구분", "2022년", "2023년", "2024년 1분기", "2024년 2분기", "2024년 연간"], ["총투자", "817.0", "651.5", "164.5", "160.0", "639.5"])
    assert [s.points for s in row_series(parse_table(t))] == [((2022, 817.0), (2023, 651.5), (2024, 639.5))]
    # a half year's target is not the year's: 280 → 165 is no fall
    half = md(["성과지표", "2024년 목표", "2025년 상반기 목표", "2026년 목표"], ["외국인 관광객 수(만명)", "280", "165", "300"])
    assert [s.points for s in row_series(parse_table(half))] == [((2024, 280.0), (2026, 300.0))]


def test_a_years_end_column_is_the_years_point_and_a_unit_column_its_unit():
    from indexer.ingest.table_rows import row_series

    t = md(["구분", "2022년(12월말)", "2023년(12월말)", "2024년 12월 말"], ["등록인구(명)", "1,200", "1,300", "1,400"])
    assert [s.points for s in row_series(parse_table(t))] == [((2022, 1200.0), (2023, 1300.0), (2024, 1400.0))]
    kpi = md(["전략", "성과지표", "측정단위", "2023", "2024"], ["일자리 확대", "고용률", "%", "61.2", "62.0"],
             ["", "취업자 수", "명", "1,200", "1,300"])
    assert [(s.metric, s.unit) for s in row_series(parse_table(kpi))] == [("일자리 확대 고용률", "%"), ("일자리 확대 취업자 수", "명")]


def test_a_remarks_column_under_a_spanned_year_is_no_point():
    from indexer.ingest.table_rows import row_series

    # ``2024년 | 2025년`` spanned over ``목표 | 실적 | 목표 | 비고``: the 2025 point is its 목표, not its 비고.
    kpi = md(["성과지표", "2024년 목표", "2024년 실적", "2025년 목표", "2025년 비고"], ["합계출산율(명)", "0.81", "0.80", "0.86", "-"])
    assert row_series(parse_table(kpi)) == [("합계출산율(명)", ((2024, 0.8), (2025, 0.86)), "명", "합계출산율", ())]


def test_remarks_only_as_a_columns_last_word():
    from indexer.ingest.table_rows import row_series

    kpi = md(["성과지표", "2023년 실적", "2024년 실적", "2025년 목표(참고치)"], ["고용률(%)", "61.2", "62.0", "63.0"])
    assert [p for _, p, *_ in row_series(parse_table(kpi))] == [((2023, 61.2), (2024, 62.0), (2025, 63.0))]
    rates = md(["지역", "2023년 대비 고용률", "2024년 고용률"], ["서울", "61.2", "62.0"])
    assert [p for _, p, *_ in row_series(parse_table(rates))] == [((2023, 61.2), (2024, 62.0))]


def test_four_digit_years_of_the_last_century_are_read_as_written():
    from indexer.ingest.table_rows import row_series

    lines = md(["구분", "실적 1999년", "실적 2000년"], ["이용자(명)", "120", "150"])
    assert row_series(parse_table(lines)) == [("이용자(명)", ((1999, 120.0), (2000, 150.0)), "명", "이용자", ())]


def test_hwp_merged_cells_spread_over_columns_and_rows_are_read_once():
    # hwp-hwpx-parser writes a merged cell into every column and row it spans: the unit note over
    # two columns, the header over two rows, ``2022년 (B)`` twice, and letter-spaced labels.
    lines = [
        "|  |  |  |  |  | (단위: 백만원) | (단위: 백만원) |",
        "|---|---|---|---|---|---|---|",
        "| 구 분 | 2021년 (A) | 2022년 (B) | 2022년 (B) | 증 감 (B-A) | 증 감 (B-A) |  |",
        "| 구 분 | 2021년 (A) | 2022년 (B) | 2022년 (B) | 증 감 (B-A) | 증 감 (B-A) | % |",
        "| 합 계 | 22,565 | 24,887 | 24,887 | 2,322 | 2,322 | 10.3 |",
        "| □ 국어원 청사관리 | 1,622 | 1,797 | 1,797 | 175 | 175 | 10.8 |",
    ]
    t = parse_table(lines, "세출예산")
    assert t.unit == "백만원"
    assert t.columns == ("구분", "2021년 (A)", "2022년 (B)", "증 감 (B-A)", "%")
    assert row_passages(t) == [
        "세출예산 › (단위: 백만원) › 합계: 2021년 (A) 22,565 · 2022년 (B) 24,887 · 증 감 (B-A) 2,322 · % 10.3",
        "세출예산 › (단위: 백만원) › □ 국어원 청사관리: 2021년 (A) 1,622 · 2022년 (B) 1,797 · 증 감 (B-A) 175 · % 10.8",
    ]
    assert [s[:3] for s in row_series(t)] == [
        ("합계", ((2021, 22565.0), (2022, 24887.0)), "백만원"),
        ("국어원 청사관리", ((2021, 1622.0), (2022, 1797.0)), "백만원"),
    ]


def test_equal_columns_with_different_values_are_kept():
    lines = ["| 구분 | 실적 | 실적 |", "|---|---|---|", "| 교육 | 10 | 12 |"]
    t = parse_table(lines)
    assert t.width == 3 and row_passages(t) == ["교육: 실적 10 · 실적 12"]


def test_a_caption_sits_right_above_its_table():
    assert caption_of(["참고 2 주요 과제별·연도별 추진일정"]) == ("주요 과제별·연도별 추진일정", None)
    assert caption_of(["붙임 1 (단위: 백만원)"]) == (None, "백만원")  # the annex's number is no title
    # A bulleted line two lines up belongs to the text before, not to the table.
    assert caption_of(["□ 추진체계 강화 △ 범정부 T/F 운영", "ㅇ 세부 일정은 아래와 같음"]) == (None, None)
    assert caption_of(["< 지역별 동향 >", "※ 잠정치", "(단위: 억 달러)"]) == ("지역별 동향", "억 달러")


@pytest.mark.parametrize(
    "preceding, caption, unit",
    [
        (["2) 예산 현황", "(단위: 백만원)"], "예산 현황", "백만원"),
        (["(1) 성과지표"], "성과지표", None),
        (["‹표 1> 유형별 생활인구 현황(2023년)", "(단위: 만 명)"], "유형별 생활인구 현황(2023년)", "만 명"),
        (["<표 2-1> 지역별 현황"], "지역별 현황", None),
        (["표 3. 연도별 예산"], "연도별 예산", None),
        (["ㅇ 예산이 늘었다", "※ 잠정치"], None, None),
    ],
)
def test_caption_forms(preceding, caption, unit):
    assert caption_of(preceding) == (caption, unit)


def test_a_year_in_two_columns_keeps_one_of_them():
    # A budget table names a year twice (본예산 and 추경): the column marked 추경 / 확정 / (A) / (B) is
    # the year's figure, else the later one; 결산 '22 and 예산안 '24 stay.
    budget = md(["구분", "'22 결산", "'23 본예산", "'23 추경(A)", "'24 예산안(B)", "증감"], ["계", "100", "110", "115", "130", "15"])
    assert [s[:2] for s in row_series(parse_table(budget))] == [("계", ((2022, 100.0), (2023, 115.0), (2024, 130.0)))]
    later = md(["구분", "2023년 예산", "2023년 결산", "2024년 예산"], ["계", "110", "108", "130"])
    assert [s[:2] for s in row_series(parse_table(later))] == [("계", ((2023, 108.0), (2024, 130.0)))]
    marked = md(["구분", "2023 정부안", "2023 국회확정", "2024 정부안"], ["계", "110", "112", "130"])
    assert [s[:2] for s in row_series(parse_table(marked))] == [("계", ((2023, 112.0), (2024, 130.0)))]


@pytest.mark.parametrize(
    "header",
    [
        ["구분", "2022년 1분기", "2022년 2분기", "2023년 1분기"],  # quarters
        ["구분", "2023 상반기", "2023 하반기", "2024 상반기"],  # halves
        ["구분", "2023년 1월", "2023년 2월", "2024년 1월"],  # months
        ["구분", "2022 금액", "2022 비중", "2023 금액", "2023 비중"],  # two measures per year
    ],
)
def test_a_year_split_into_periods_or_measures_is_no_series(header):
    row = ["계", *[str(10 + j) for j in range(len(header) - 1)]]
    assert row_series(parse_table(md(header, row))) == []


def test_a_row_unit_comes_from_a_unit_column_or_the_label():
    # (row label as written, points, unit, metric). A column headed 단위 gives the row's unit;
    # else a unit in parentheses ending the label (the metric drops it); else the table's unit.
    kpi = md(
        ["성과지표", "단위", "'23 실적", "'24 목표"],
        ["이용자 만족도", "점", "80", "85"],
        ["참여 인원(명)", "", "100", "120"],
        ["예산 집행률", "(%)", "90", "95"],
    )
    assert [s[:4] for s in row_series(parse_table(kpi))] == [
        ("이용자 만족도", ((2023, 80.0), (2024, 85.0)), "점", "이용자 만족도"),
        ("참여 인원(명)", ((2023, 100.0), (2024, 120.0)), "명", "참여 인원"),
        ("예산 집행률", ((2023, 90.0), (2024, 95.0)), "%", "예산 집행률"),
    ]
    budget = md(["구분", "2021년", "2022년"], ["기본경비(총액인건비)", "232", "237"], ["증가율(%)", "1.0", "2.0"], ["- 인원(천명)", "3", "4"])
    assert [s[:4] for s in row_series(parse_table(budget, unit="백만원"))] == [
        ("기본경비(총액인건비)", ((2021, 232.0), (2022, 237.0)), "백만원", "기본경비(총액인건비)"),  # no unit: a name
        ("증가율(%)", ((2021, 1.0), (2022, 2.0)), "%", "증가율"),
        ("인원(천명)", ((2021, 3.0), (2022, 4.0)), "천명", "인원"),
    ]
    plain = md(["구분", "2021년", "2022년"], ["합계(A+B)", "1", "2"], ["국비(R&D)", "3", "4"])
    assert [(s[2], s[3]) for s in row_series(parse_table(plain))] == [(None, "합계(A+B)"), (None, "국비(R&D)")]


def test_record_names_from_key_value_records_and_code_lines():
    from indexer.ingest.table_rows import record_name

    # a value that ends like a column name (…사업, …계획) is still the project's name
    assert record_name(parse_table(md(["세부사업명", "청년창업지원사업"], ["사업기간", "2023~2027"]))) == (1, "세부사업명: 청년창업지원사업")
    # the most specific name a record gives
    both = md(["단위사업", "농촌개발사업", "세부사업", "농촌주거개선사업"], ["사업기간", "2021~2026", "총사업비", "500억원"])
    assert record_name(parse_table(both)) == (1, "세부사업: 농촌주거개선사업")
    code = md(["코드", "회계", "단위사업", "세부사업"], ["1234-301", "농특회계", "스마트농업", "스마트팜 ICT 융복합 확산"])
    assert record_name(parse_table(code)) == (1, "세부사업: 스마트팜 ICT 융복합 확산")
    # neither a total row nor a one-row list of projects with their budgets
    assert record_name(parse_table(md(["코드", "회계", "세부사업", "비고"], ["-", "일반회계", "계", "-"]))) is None
    assert record_name(parse_table(md(["세부사업", "2024 예산", "2025 예산"], ["스마트팜 확산", "100", "120"]))) is None
    assert caption_of(["<참고> 세부 내역은 붙임 참조"]) == (None, None)


def test_a_two_column_table_row_without_label_gets_no_key():
    # | 항목 | 내용 | over |  | 추가 설명 |: one pair a row, nothing says the empty cell was merged.
    assert parse_table(md(["항목", "내용"], ["", "추가 설명"])).body[0][0] == ""


def test_a_comparison_table_pairs_the_old_and_new_text_without_a_row_label():
    lines = md(["현 행", "개 정 안"], ["<신 설>", "제8조의2(돌봄쉼터) 시장은 쉼터를 둘 수 있다."], ["제9조 ② 10만원까지", "제9조 ② 20만원까지"])
    assert row_passages(parse_table(lines)) == [
        "현행 <신 설> · 개정안 제8조의2(돌봄쉼터) 시장은 쉼터를 둘 수 있다.",
        "현행 제9조 ② 10만원까지 · 개정안 제9조 ② 20만원까지",
    ]


@pytest.mark.parametrize(
    "rows",
    [
        # a funding table: the header's even cells are short labels, but its rows are figures
        (["구분", "합계", "국비", "도비", "시군비", "비고"], ["2025년", "100", "50", "30", "20", ""], ["2026년", "80", "", "50", "30", ""]),
        (["성명", "직위", "연락처", "비고"], ["", "과장", "044-201-1530", ""]),
    ],
)
def test_empty_cells_of_a_table_that_is_no_key_value_record_stay_empty(rows):
    table = parse_table(md(*rows))
    assert [list(r) for r in table.body][-1] == rows[-1]
    text = " ".join(row_passages(table))
    assert all(c in text for c in rows[-1] if c)  # 044-201-1530 was lost as a key without a value


def test_before_and_after_as_keys_of_a_record_stay_pairs():
    # | 기존 | 3개소 | 신규 | 2개소 |: keys and values, not a comparison header
    assert row_passages(parse_table(md(["기존", "3개소", "신규", "2개소"], ["합계", "5개소", "비고", "-"]))) == [
        "기존: 3개소 · 신규: 2개소 · 합계: 5개소 · 비고: -"
    ]
    assert row_passages(parse_table(md(["기존", "방문 접수"], ["개선", "온라인 접수"]))) == ["기존: 방문 접수 · 개선: 온라인 접수"]


def test_a_new_paragraph_in_a_comparison_has_no_old_text():
    lines = md(["현 행", "개 정 안"], ["제5조 ① 10만원을 지원할 수 있다.", "제5조 ① ---- 20만원 ----."], ["", "② 추가로 지원할 수 있다."])
    assert row_passages(parse_table(lines))[-1] == "개정안 ② 추가로 지원할 수 있다."


def test_a_unit_note_with_two_units_gives_each_row_its_own():
    # (단위: 억불, (전년동기 대비 %)): amounts plain, rates in parentheses; (단위: 가구, %): a 증감률 row in %.
    t = parse_table(md(["구분", "2019년", "2020년"], ["투자액", "657.4", "582.1"], ["투자액", "(26.8)", "(△11.5)"]), unit="억불, (전년동기 대비 %)")
    assert [unit for _, _, unit, _, _ in row_series(t)] == ["억불", "전년동기 대비 %"]
    t = parse_table(md(["구분", "2021년", "2022년"], ["귀농가구", "14,347", "12,411"], ["증감률", "3.1", "△13.5"]), unit="가구, %")
    assert [unit for _, _, unit, _, _ in row_series(t)] == ["가구", "%"]
    # …only an amount's unit beside a rate's; other notes stay whole, and a figure's comma is no separator
    rows = (["구분", "2021년", "2022년"], ["법률", "12", "15"], ["고용률", "61.2", "62.1"], ["취업자", "28,089", "28,204"])
    expected = {"가구, %": ["가구", "%", "가구"], "%, 천명": ["천명", "%", "천명"], "명, 개소": ["명, 개소"] * 3, "1,000원": ["1,000원"] * 3,
                "백만원, 명, %": ["백만원, 명, %"] * 3, "백만원, (국비)": ["백만원, (국비)"] * 3}
    for note, units in expected.items():
        assert [s.unit for s in row_series(parse_table(md(*rows), unit=note))] == units, note


def test_a_measure_per_volume_or_time_is_a_label_unit():
    t = parse_table(md(["성과지표", "'22 실적", "'23 실적"], ["초미세먼지 농도(㎍/㎥)", "18.3", "18.0"], ["처리용량(톤/일)", "100", "120"]))
    assert [(metric, unit) for _, _, unit, metric, _ in row_series(t)] == [("초미세먼지 농도", "㎍/㎥"), ("처리용량", "톤/일")]


def test_a_release_masthead_in_the_contact_box_is_no_text_but_the_contacts_are():
    lines = md(["배포일시", "2025. 3. 13.(목) 09:00", "보도일시", "즉시 보도"], ["담당부서", "청년정책담당관", "담당자", "팀장 김민재"],
               ["사진", "있음(2매)", "자료", "총 3쪽"])
    assert row_passages(parse_table(lines)) == ["담당부서: 청년정책담당관 · 담당자: 팀장 김민재"]
    only_masthead = md(["보도 일시", "2025. 3. 13.", "배포", "즉시"])
    assert row_passages(parse_table(only_masthead)) == []


def test_a_bar_merged_across_a_record_reads_once():
    # Hangul's merged ``보도자료`` over a masthead comes out of the readers in every column; after the vision-chart
    # split it is a pair whose key is its value.
    lines = md(["보도자료", "보도자료"], ["보도 일시", "2025. 1. 15.(수) 12:00"], ["배포 일시", "2025. 1. 15.(수) 09:00"])
    assert row_passages(parse_table(lines)) == ["보도자료"]


def test_a_table_with_years_as_rows_gives_a_series_per_column():
    lines = md(["연도", "지원 인원", "지원액(백만원)", "비고"], ["2022", "1,120", "2,016", "-"], ["2023", "1,380", "2,898", ""],
               ["2025(계획)", "3,000", "7,200", "확대"], ["합계", "5,500", "12,114", ""])
    series = column_series(parse_table(lines, unit="명"))
    assert series == [
        (((2022, 1120.0), (2023, 1380.0), (2025, 3000.0)), "명", "지원 인원"),
        (((2022, 2016.0), (2023, 2898.0), (2025, 7200.0)), "백만원", "지원액"),  # the header's own unit first
    ]
    # Row labels that are not years in order are no series: a table of regions, or years going back.
    assert column_series(parse_table(md(["구분", "인원"], ["서울", "10"], ["부산", "20"]))) == []
    assert column_series(parse_table(md(["연도", "인원"], ["2024", "10"], ["2023", "20"]))) == []
    # A note with one unit per column of figures gives each its own; any other note none.
    two = md(["연도", "인원", "금액"], ["2022", "10", "100"], ["2023", "12", "130"])
    assert [u for _, u, _ in column_series(parse_table(two, unit="명, 백만원"))] == ["명", "백만원"]
    assert [u for _, u, _ in column_series(parse_table(two, unit="명, 백만원, %"))] == [None, None]


def test_fields_named_like_a_masthead_stay_outside_a_press_release():
    lines = md(["제출부수", "10부", "분량", "A4 30쪽 이내"], ["사진", "제품 사진 3매 첨부", "자료", "시험성적서"])
    assert row_passages(parse_table(lines)) == ["제출부수: 10부 · 분량: A4 30쪽 이내 · 사진: 제품 사진 3매 첨부 · 자료: 시험성적서"]


def test_a_ladder_of_label_columns_fills_its_cells_merged_down():
    # 정책사업 › 단위사업 › 세부사업 by column: a 세부사업 row's empty cells are its 정책사업 and 단위사업, merged down.
    lines = md(["정책사업", "단위사업", "세부사업", "2025 예산액", "2024 예산액"],
               ["노인복지 증진", "노인복지 증진", "노인복지 증진", "18,640", "16,920"],
               ["", "노인일자리 지원", "노인일자리 지원", "9,870", "8,760"], ["", "", "전담인력 운영", "660", "610"],
               ["", "경로당 운영 지원", "경로당 운영 지원", "8,770", "8,160"], ["", "", "경로당 양곡비 지원", "1,130", "1,030"])
    rows = row_passages(parse_table(lines))
    assert rows[2] == "노인복지 증진: 단위사업 노인일자리 지원 · 세부사업 전담인력 운영 · 2025 예산액 660 · 2024 예산액 610"
    assert rows[4] == "노인복지 증진: 단위사업 경로당 운영 지원 · 세부사업 경로당 양곡비 지원 · 2025 예산액 1,130 · 2024 예산액 1,030"
    # A row of figures under an empty label keeps its figures where they are: only text cells are labels.
    figures = md(["구분", "2023", "2024"], ["국비", "10", "12"], ["", "", "5"])
    assert row_passages(parse_table(figures))[-1] == "국비: 2024 5"


def test_a_first_column_of_text_keeps_its_name():
    # | 현황 | 대책 | over sentences: the first column is text, not a row label, so it is read under its name too.
    lines = md(["현황", "대책"],
               ["□ 노후 하수관로 1,240km 중 30년 이상 경과한 관로가 38% □ 최근 3년간 땅꺼짐 27건 발생",
                "□ 하수관로 정밀조사를 연 200km로 확대"],
               ["□ 재난 문자·방송이 읍면동마다 따로 운영되어 전파가 늦음", "□ 재난 예·경보 통합 플랫폼 구축(15억원)"])
    rows = row_passages(parse_table(lines))
    assert rows[1] == "현황 □ 재난 문자·방송이 읍면동마다 따로 운영되어 전파가 늦음 · 대책 □ 재난 예·경보 통합 플랫폼 구축(15억원)"
    # Short first cells are row names; a generic first column (구분) keeps long cells as labels too.
    names = md(["사업명", "사업기간"], ["스마트 하수관로 관리", "2025~2027"])
    assert row_passages(parse_table(names)) == ["스마트 하수관로 관리: 사업기간 2025~2027"]
    generic = md(["구분", "대책"], ["노후 하수관로 1,240km 중 30년 이상 경과한 관로가 38%에 이름", "정밀조사 확대"])
    assert row_passages(parse_table(generic))[0].startswith("노후 하수관로 1,240km 중 30년 이상 경과한 관로가 38%에 이름: ")


def test_a_budget_books_rows_nest_by_their_level_tags():
    lines = md(["정책/단위/세부사업", "예산액", "전년도 예산액"],
               ["[정책] 소상공인이 살맛 나는 지역경제", "2,965,000", "3,160,000"],
               ["[단위] 지역화폐 발행", "2,340,000", "2,600,000"],
               ["[세부] 공주페이 발행 운영", "2,340,000", "2,600,000"],
               ["201-01 사무관리비", "540,000", "600,000"],
               ["○ 카드 제작 및 운영대행 수수료 : 18,000,000,000원 × 3% = 540,000천원", "", ""],
               ["[세부] 청년 창업 지원", "312,000", "260,000"],
               ["201-01 사무관리비", "12,000", "10,000"])
    out = row_passages(parse_table(lines, unit="천원"))
    assert out[3] == "(단위: 천원) › 소상공인이 살맛 나는 지역경제 › 지역화폐 발행 › 공주페이 발행 운영 › 201-01 사무관리비: 예산액 540,000 · 전년도 예산액 600,000"
    assert out[4].startswith("(단위: 천원) › 소상공인이 살맛 나는 지역경제 › 지역화폐 발행 › 공주페이 발행 운영 › 201-01 사무관리비 › ○ 카드 제작")
    assert out[6].startswith("(단위: 천원) › 소상공인이 살맛 나는 지역경제 › 지역화폐 발행 › 청년 창업 지원 › 201-01 사무관리비:")
    # An ordinary table's labels are left alone.
    assert row_passages(parse_table(md(["구분", "예산"], ["- 인건비", "10"], ["- 운영비", "20"]))) == ["- 인건비: 예산 10", "- 운영비: 예산 20"]


def test_a_second_header_row_names_the_columns_under_each_year():
    # both header rows full width, as a word processor writes merged cells: ``2023년`` spans ``물량 | 예산``
    table = parse_table(md(["구분", "2023년", "", "2024년", "", "2025년(계획)", ""], ["", "물량", "예산", "물량", "예산", "물량", "예산"],
                           ["수도권", "21,000", "11,300", "22,500", "12,100", "23,800", "12,900"]), unit="호, 억원")
    assert row_passages(table, 1000) == [
        "(단위: 호, 억원) › 수도권: 2023년 물량 21,000 · 2023년 예산 11,300 · 2024년 물량 22,500 · 2024년 예산 12,100 · "
        "2025년(계획) 물량 23,800 · 2025년(계획) 예산 12,900"]
    # a series per sub-header, each with its own unit from the note
    assert [s[:4] for s in row_series(table)] == [
        ("수도권", ((2023, 21000.0), (2024, 22500.0), (2025, 23800.0)), "호", "수도권 물량"),
        ("수도권", ((2023, 11300.0), (2024, 12100.0), (2025, 12900.0)), "억원", "수도권 예산"),
    ]
    # a column named over both rows leaves its cell below empty: a budget's 총괄표
    table = parse_table(md(["구분", "2022 결산", "2023 예산", "", "2024 요구", "증감", ""],
                           ["", "", "본예산(A)", "추경", "정부안(B)", "(B-A)", "(B-A)/A"],
                           ["청년일경험 지원", "28,410", "61,360", "61,360", "71,750", "10,390", "16.9"]))
    assert row_passages(table, 1000) == [
        "청년일경험 지원: 2022 결산 28,410 · 2023 예산 본예산(A) 61,360 · 2023 예산 추경 61,360 · 2024 요구 정부안(B) 71,750 · "
        "증감 (B-A) 10,390 · 증감 (B-A)/A 16.9"]
    assert [s[1] for s in row_series(table)] == [((2022, 28410.0), (2023, 61360.0), (2024, 71750.0))]
    # a second row with figures, or one leaving a spanned cell unnamed, is no header
    body = parse_table(md(["구분", "2023년", "", "2024년", ""], ["", "물량", "", "물량", "예산"], ["계", "1", "2", "3", "4"]))
    assert body.columns[:2] == ("구분", "2023년")


def test_a_second_header_row_under_spans_the_reader_repeats():
    # a PDF reader writes a spanning year once per column it spans (``| 구분 | 2022년 | 2022년 | …``) over
    # ``|  | 목표 | 실적 | …``: the years' 목표 and 실적 are the columns, not a row of the table
    table = parse_table(md(["구분", "2022년", "2022년", "2023년", "2023년"], ["", "목표", "실적", "목표", "실적"],
                           ["이용건수", "850", "912", "950", "1,034"]))
    assert row_passages(table, 1000) == ["이용건수: 2022년 목표 850 · 2022년 실적 912 · 2023년 목표 950 · 2023년 실적 1,034"]
    # two distinct column names over a row of names are still no spans
    table = parse_table(md(["구분", "목표", "실적"], ["", "가", "나"], ["계", "1", "2"]))
    assert table.columns == ("구분", "목표", "실적")


@pytest.mark.parametrize(
    "preceding, caption",
    [
        (["ㅇ 월별 추진일정"], "월별 추진일정"),
        (["ㅇ (인증절차)"], "인증절차"),
        (["[별표 1]", "공통 경비 기준단가", "(단위: 원)"], "공통 경비 기준단가"),
        (["ㅇ 사업비 : 총 624백만원"], None),  # a field, not a title
        (["ㅇ 세부 내용은 다음과 같음"], None),  # a sentence
        (["김해시 감사관"], None),  # a plain line names a table only over its unit note
        (["2) 협상적격자 중 기술평가 점수와 가격평가 점수를 합산한 고득점 순으로 협상"], None),  # a long clause with an object
        (["3) 사업비를 확보하기 위한 계획"], "사업비를 확보하기 위한 계획"),  # a short title with one is a title
        (["○ 선정 평가 기준(100점)"], "선정 평가 기준(100점)"),  # a parenthesis of its own stays whole
        (["□ 도로·교량 정비 사업 : 16개 사업, 총 198억원"], "도로·교량 정비 사업 : 16개 사업, 총 198억원"),  # a box's summary
    ],
)
def test_a_short_circle_item_or_a_title_over_a_unit_note_names_the_table(preceding, caption):
    assert caption_of(preceding)[0] == caption


def test_a_task_named_in_a_key_value_table_is_a_record():
    from indexer.ingest.table_rows import record_name

    table = parse_table(md(["관리과제명", "해외취업 지원 내실화"], ["주관부서", "해외취업국"], ["평가등급", "우수(91.2점)"]))
    assert record_name(table) == (1, "관리과제명: 해외취업 지원 내실화")


def test_a_cell_repeated_across_columns_is_read_once_under_all_of_them():
    table = parse_table(md(["과제", "1분기", "2분기", "3분기", "4분기"], ["해양쓰레기 수거", "계획 수립", "집중 수거", "집중 수거", "결과 보고"]))
    assert row_passages(table, 1000) == ["해양쓰레기 수거: 1분기 계획 수립 · 2분기·3분기 집중 수거 · 4분기 결과 보고"]
    span = parse_table(md(["과제", "추진일정 2019 상", "추진일정 2019 하", "관계 부처"], ["맞춤형 안내", "ISP", "ISP", "행안부"]))
    assert row_passages(span, 1000) == ["맞춤형 안내: 추진일정 2019 상·하 ISP · 관계 부처 행안부"]


def test_one_header_row_over_a_merged_column_is_no_vision_chart():
    from indexer.ingest.table_rows import split_spanning_head

    header = md(["구분", "주요 내용", "주요 내용"], ["교육", "청년 창업 교육", "연 2회"], ["멘토링", "1:1 멘토링", "상시"], ["자금", "융자", "분기별"])
    assert split_spanning_head(header) is None
    chart = md(["비 전", "녹색 충남", "녹색 충남", "녹색 충남"], ["목 표", "40% 감축", "40% 감축", "40% 감축"],
               ["추진전략", "전략 1", "전략 2", "전략 3"], ["핵심과제", "석탄화력", "미세먼지", "직매립"])
    pairs, grid, sizes = split_spanning_head(chart)
    assert pairs == ["| 비전 | 녹색 충남 |", "|---|---|", "| 목표 | 40% 감축 |"] and grid[0] == "| 추진전략 | 전략 1 | 전략 2 | 전략 3 |"
    assert sizes == [1, 1]
    # a label merged down over several goals (repeated by the HWP readers, left empty in a PDF) is one pair
    for again in ("목 표", ""):
        goals = md(["비 전", "녹색 충남", "녹색 충남"], ["목 표", "① 40% 감축", "① 40% 감축"], [again, "② 숲 10% 확대", "② 숲 10% 확대"],
                   ["전 략", "주요 과제", "예산"], ["1. 탄소중립", "석탄화력", "456억원"])
        pairs, grid, sizes = split_spanning_head(goals)
        assert pairs[2:] == ["| 목표 | ① 40% 감축 ② 숲 10% 확대 |"] and sizes == [1, 2] and grid[0] == "| 전 략 | 주요 과제 | 예산 |"


def test_a_goal_and_result_table_without_years_states_each_rows_goal_in_the_year_given():
    from indexer.ingest.table_rows import goal_series

    lines = md(["성과지표", "단위", "목표", "실적", "달성률"], ["공공 공연장 객석 점유율", "%", "65.0", "68.2", "104.9%"],
               ["작은도서관 이용자 수(천명)", "-", "840", "566", "67.4%"], ["합계", "", "", "", ""])
    table = parse_table(lines)
    assert row_series(table) == []  # no year columns
    assert goal_series(table, 2024) == [
        ("공공 공연장 객석 점유율", ((2024, 65.0),), "%", "공공 공연장 객석 점유율", ()),
        ("작은도서관 이용자 수(천명)", ((2024, 840.0),), "천명", "작은도서관 이용자 수", ()),
    ]
    assert goal_series(table, None) == []  # no year anywhere: no point to place the goal at
    # a table of goals and results needs both columns; a year's columns are read as a series instead
    assert goal_series(parse_table(md(["지표", "목표", "비고"], ["만족도", "85", "-"])), 2024) == []
    assert goal_series(parse_table(md(["지표명", "목표치", "실적", "달성률(%)"], ["만족도(점)", "85.0", "86.4", "101.6"])), 2024) == [
        ("만족도(점)", ((2024, 85.0),), "점", "만족도", ())]


def test_a_goal_and_result_table_takes_its_year_from_its_caption_or_heading():
    from indexer.ingest.parsing import parse_text

    text = ("Ⅱ. 2024년 성과 및 평가\n< 성과지표 달성 현황 >\n| 성과지표 | 목표 | 실적 | 달성률 |\n|---|---|---|---|\n"
            "| 공공 공연장 객석 점유율(%) | 65.0 | 68.2 | 104.9% |\n| 생활문화동호회 등록 수(개) | 1,450 | 1,398 | 96.4% |\n")
    targets = [t for p in parse_text(text, doc_id="r").passages for t in p.targets]
    assert [(t.metric, t.unit, [(v.year, v.value) for v in t.values], t.trend) for t in targets] == [
        ("공공 공연장 객석 점유율", "%", [(2024, 65.0)], "target"), ("생활문화동호회 등록 수", "개", [(2024, 1450.0)], "target")]
    captioned = text.replace("Ⅱ. 2024년 성과 및 평가\n< 성과지표 달성 현황 >", "Ⅱ. 성과 및 평가\n< 2023년 성과지표 달성 현황 >")
    assert {v.year for p in parse_text(captioned, doc_id="r").passages for t in p.targets for v in t.values} == {2023}
    # half a year's goal is no year's
    half = text.replace("Ⅱ. 2024년 성과 및 평가", "Ⅱ. 2024년 상반기 성과")
    assert not [t for p in parse_text(half, doc_id="r").passages for t in p.targets]


def test_a_results_reports_title_dates_its_goal_tables_and_a_plans_does_not():
    from indexer.ingest.parsing import parse_text

    table = "| 지표명 | 목표치 | 실적 | 달성률(%) |\n|---|---|---|---|\n| CBT 시험 전환 종목 수(개) | 120 | 131 | 109.2 |\n"
    report = parse_text("2024년도 자체평가 결과보고서\nⅡ. 관리과제별 평가결과\n" + table, doc_id="r")
    assert [(t.metric, [(v.year, v.value) for v in t.values]) for p in report.passages for t in p.targets] == [
        ("CBT 시험 전환 종목 수", [(2024, 120.0)])]
    plan = parse_text("2025년 업무계획\nⅠ. 그간의 성과\n" + table, doc_id="p")
    assert not [t for p in plan.passages for t in p.targets]


def test_a_form_whose_rows_span_under_a_first_row_of_two_pairs_is_one_record():
    # An RFP's requirement card: | 분류 | 기능 | 고유번호 | SFR-003 | over rows whose value spans the three
    # columns (the readers repeat a merged cell across them). It was read as a header over three columns,
    # each value under ``기능·요구사항 고유번호·SFR-003``, and the number named no row.
    name, define = "상담사 지원 기능", "상담 화면에 대화 요약 제공"
    lines = md(["요구사항 분류", "기능", "요구사항 고유번호", "SFR-003"], ["요구사항 명칭", *[name] * 3],
               ["요구사항 정의", *[define] * 3])  # fmt: skip
    assert row_passages(parse_table(lines)) == [
        f"요구사항 분류: 기능 · 요구사항 고유번호: SFR-003 · 요구사항 명칭: {name} · 요구사항 정의: {define}"
    ]
    # A header over rows that fill their columns is still a header.
    lines = md(["구분", "2023", "2024", "2025"], ["예산", "100", "100", "100"], ["인원", "12", "12", "12"])
    assert row_passages(parse_table(lines))[0] == "예산: 2023 100 · 2024 100 · 2025 100"


def test_a_key_and_value_both_merged_down_leave_a_record_of_pairs():
    # A release's contact box: 담당 부서 and its office span two rows, the second row's two cells come out empty.
    # Not pairs, the table was a header over one row, and the office named nothing (``과장 김은하 사무관 서동진 · …``).
    lines = md(["담당 부서", "기초생활보장과", "과장 김은하", "044-202-3051"], ["", "", "사무관 서동진", "044-202-3058"])
    assert row_passages(parse_table(lines)) == [
        "담당 부서: 기초생활보장과 · 과장 김은하: 044-202-3051 · 사무관 서동진: 044-202-3058"
    ]
    # Empty cells under empty cells are no merged pair: a header over figures stays a header.
    lines = md(["구분", "2023", "2024", "2025"], ["", "", "10", "20"])
    assert parse_table(lines).header[0][0] == "구분"


def test_a_key_and_value_merged_down_over_three_rows_leave_a_record_of_pairs():
    # A contact box of three: 담당 부서 and its office span the three rows, the two rows under the first both empty
    # there. The third row's pair is under an empty pair, itself merged down: the table had been a header over two
    # rows again (``과장 김은하 주무관 이민지 · 044-202-3051 044-202-3059``), the office naming nothing.
    lines = md(["담당 부서", "기초생활보장과", "과장 김은하", "044-202-3051"], ["", "", "사무관 서동진", "044-202-3058"],
               ["", "", "주무관 이민지", "044-202-3059"])  # fmt: skip
    assert row_passages(parse_table(lines)) == [
        "담당 부서: 기초생활보장과 · 과장 김은하: 044-202-3051 · 사무관 서동진: 044-202-3058 · 주무관 이민지: 044-202-3059"
    ]
    # Empty cells under empty cells under a header are still no merged pair.
    lines = md(["구분", "2023", "2024", "2025"], ["", "", "10", "20"], ["", "", "30", "40"])
    assert parse_table(lines).header[0][0] == "구분"


def test_a_schedule_whose_marks_fill_a_row_keeps_its_header():
    # A plan's 추진일정: ``●`` in every period of a row is a mark in each column, not a value merged across them.
    # Read as a form's spanning rows, the header became pairs (``추진 과제: 상반기 · 하반기: 비고``) and each task
    # lost its periods (``계획 수립: ●``).
    lines = md(["추진 과제", "상반기", "하반기", "비고"], ["계획 수립", "●", "●", "●"], ["시범 운영", "●", "●", "●"])
    assert row_passages(parse_table(lines)) == ["계획 수립: 상반기 ● · 하반기 ● · 비고 ●", "시범 운영: 상반기 ● · 하반기 ● · 비고 ●"]


def test_a_label_merged_across_the_next_columns_is_read_once():
    # ``| 합계 | < | 6,220 |``: the readers repeat a spanned label in each column it covers; it is the row's label,
    # not also a value of the columns it covers.
    lines = md(["구분", "연도", "금액"], ["국비", "2024년", "5,000"], ["합계", "합계", "6,220"])
    assert row_passages(parse_table(lines))[-1] == "합계: 금액 6,220"
    ladder = md(["정책사업", "단위사업", "세부사업", "2025 예산액", "2024 예산액"],
                ["노인복지 증진", "노인복지 증진", "노인복지 증진", "18,640", "16,920"],
                ["", "노인일자리 지원", "노인일자리 지원", "9,870", "8,760"], ["", "", "전담인력 운영", "660", "610"])
    assert row_passages(parse_table(ladder))[0] == "노인복지 증진: 2025 예산액 18,640 · 2024 예산액 16,920"
    # a later text cell that happens to repeat the label is still read
    again = md(["구분", "내용", "비고"], ["교육", "안전 교육", "교육"])
    assert row_passages(parse_table(again))[0] == "교육: 내용 안전 교육 · 비고 교육"


def test_a_label_with_one_text_across_the_table_heads_no_column():
    """A plan's vision box (``| 비 전 | 사람 중심, 막힘없는 교통도시 수원 | < | < |`` over ``| 목 표 | … |``): each row is a
    label and its texts; read as the header, the vision had been every column's name."""
    vision = "사람 중심, 막힘없는 교통도시 수원"
    table = parse_table(md(["비 전", vision, vision, vision, vision],
                           ["목 표", "수단분담률 29.0%", "수단분담률 29.0%", "사망자 20명 이하", "사망자 20명 이하"],
                           ["추진전략", "철도망 확충", "버스 서비스", "보행 환경", "스마트 주차"]))
    texts = row_passages(table)
    assert texts[0] == f"비전: {vision}"
    assert texts[1] == "목표: 수단분담률 29.0% · 사망자 20명 이하"
    assert texts[2] == "추진전략: 철도망 확충 · 버스 서비스 · 보행 환경 · 스마트 주차"
    # a record's name merged across its row stays the record's first pair
    record = parse_table(md(["사업명", "생활밀착형 국민체육센터 건립", "생활밀착형 국민체육센터 건립", "생활밀착형 국민체육센터 건립"],
                            ["사업코드", "4131-302", "회계", "국민체육진흥기금"]))
    assert row_passages(record) == ["사업명: 생활밀착형 국민체육센터 건립 · 사업코드: 4131-302 · 회계: 국민체육진흥기금"]


def test_a_header_cell_over_two_label_columns_makes_both_the_rows_label():
    """``| 구 분 | < |`` over ``| 자체수입 | 지방세 | … |``: the label is ``자체수입 지방세``, not ``자체수입`` with a
    column ``구분 지방세`` among the figures."""
    table = parse_table(md(["구 분", "구 분", "2026", "2027"], ["자체수입", "소 계", "20,800", "21,510"], ["", "지방세", "19,420", "20,100"]))
    texts = row_passages(table)
    assert texts[0].startswith("자체수입 소계: 2026 20,800")
    assert texts[1].startswith("자체수입 지방세: 2026 19,420")


def test_a_year_led_title_over_a_unit_note_is_the_tables_caption():
    assert caption_of(["자료: 질병관리청", "2024년 연령대별 온열질환자", "(단위: 명, %)"]) == ("2024년 연령대별 온열질환자", "명, %")


def test_a_yearbooks_bare_unit_note_and_spaced_bilingual_headers():
    # ``단위 : 명`` with no parentheses is the unit; the English lines under a caption (``Unit : person``) are skipped
    assert caption_of(["□ 인구 추이", "Population Trends", "단위 : 세대, 명", "Unit : household, person"]) == ("인구 추이", "세대, 명")
    assert caption_of(["단위 : 명, 건"]) == (None, "명, 건")
    # a header cell spaced out over its English name (``세 대<br>Households``) reads as the word
    table = parse_table(["| 연 별 | 세 대 Households | 인 구 Population |", "| 2024 | 24,620 | 46,031 |"])
    assert table.columns[1:] == ("세대 Households", "인구 Population")


def test_a_budget_books_untagged_ladder_puts_each_expense_code_under_its_project():
    # 부서 › 정책 › 단위 › 세부사업 rows with no ``[세부]`` tags, then 편성목 rows (``301-01 일반보상금``): each code row names
    # the project it prices; a total above them (``합계``) is no project
    lines = md(["사업·편성목", "예산액", "산출기초"], ["일자리경제과", "6,584,451", ""], ["신중년 사회공헌활동 지원", "322,200", ""],
               ["301-01 일반보상금", "318,400", "○ 참여자 중식비 : 80명 × 8,000원 × 100일 = 64,000"],
               ["201-01 사무관리비", "3,200", "○ 참여자 상해보험료 : 80명 × 25,000원 = 2,000"],
               ["가람사랑상품권 발행 및 운영", "2,394,000", ""], ["301-12 기타보상금", "2,100,000", "○ 구매자 할인지원 = 2,100,000"])
    rows = row_passages(parse_table(lines))
    assert rows[2].startswith("신중년 사회공헌활동 지원 › 301-01 일반보상금:") and rows[3].startswith("신중년 사회공헌활동 지원 › 201-01")
    assert rows[5].startswith("가람사랑상품권 발행 및 운영 › 301-12 기타보상금:")
    assert rows[1].startswith("신중년 사회공헌활동 지원:")  # the project row itself names nothing above it
    totals = row_passages(parse_table(md(["편성목", "예산액"], ["합계", "6,584,451"], ["201-01 사무관리비", "343,280"],
                                         ["301-01 일반보상금", "318,400"])))
    assert totals[1] == "201-01 사무관리비: 예산액 343,280"


def test_a_plain_title_right_over_a_table_that_says_it_is_one_captions_it():
    # ``선정 기업 업종별 현황`` right over its table (no mark, no unit note): the rows' caption; a cover's issuer there
    # (``농림축산식품부``) or a title further up is none
    assert caption_of(["※ 대표자 성별 기준", "선정 기업 업종별 현황"]) == ("선정 기업 업종별 현황", None)
    assert caption_of(["농림축산식품부"]) == (None, None)
    assert caption_of(["선정 기업 업종별 현황", "이 표는 선정 기업을 업종별로 나누어 보인 것이다."]) == (None, None)


def test_one_text_across_a_table_over_its_grid_is_a_row_of_its_own():
    # a vision box merged across the table over the strategies' grid: its text is kept (as the header it named the
    # columns and was never read), and the grid's first row names the columns
    lines = md(["비전 : 시민이 믿고 맡기는 청렴 한내 목표 : 종합청렴도 2등급 달성"] * 2, ["4대 전략", "12개 과제"],
               ["Ⅰ. 솔선하는 청렴 리더십", "① 고위직 청렴 솔선수범"], ["Ⅱ. 공정하고 투명한 행정", "④ 인허가 처리과정 공개"])
    table = parse_table(lines)
    assert table.columns == ("4대 전략", "12개 과제")
    assert row_passages(table)[0] == "비전 : 시민이 믿고 맡기는 청렴 한내 목표 : 종합청렴도 2등급 달성"



def test_rows_under_a_row_merged_across_the_table_are_under_its_label():
    # a timeline grouped by dates merged across (``| 7. 14.(화) | < |``): each time row is that day's; a table with one
    # such row only (a header-like banner) or none is left alone
    lines = md(["시각", "조치내용"], ["7. 14.(화)", "7. 14.(화)"], ["15:30", "호우주의보 발효, 초기대응 근무 돌입"],
               ["22:00", "비상 3단계 격상"], ["7. 15.(수)", "7. 15.(수)"], ["02:40", "하령1지하차도 통제"])
    rows = row_passages(parse_table(lines))
    assert rows[1] == "7. 14.(화) › 15:30: 조치내용 호우주의보 발효, 초기대응 근무 돌입"
    assert rows[4] == "7. 15.(수) › 02:40: 조치내용 하령1지하차도 통제"
    plain = row_passages(parse_table(md(["시각", "조치내용"], ["15:30", "호우주의보 발효"], ["22:00", "비상 3단계 격상"])))
    assert plain == ["15:30: 조치내용 호우주의보 발효", "22:00: 조치내용 비상 3단계 격상"]


def test_a_budget_rows_source_of_funds_is_no_project():
    lines = md(["사업·편성목", "예산액"], ["신중년 사회공헌활동 지원", "322,200"], ["301-01 일반보상금", "318,400"], ["국비", "161,100"],
               ["군비", "157,300"], ["201-01 사무관리비", "3,200"])
    rows = row_passages(parse_table(lines))
    assert rows[4].startswith("신중년 사회공헌활동 지원 › 201-01 사무관리비:")
