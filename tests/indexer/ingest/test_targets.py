"""Tests of indexer.targets: quantitative targets parsed from passage text.

Golden lines come from the sample corpus (corpus/*.txt); hypothesis checks
that the parser never raises, that offsets point at ``Target.text``, and that
generated target lines round-trip.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.ingest.targets import normalize_quotes, parse_targets, trend_of
from indexer.records import TRENDS, Target, TargetPoint

CORPUS = Path(__file__).resolve().parents[3] / "corpus"


def _pts(*pairs: tuple[int, float]) -> list[tuple[int, float]]:
    return [(y, float(v)) for y, v in pairs]


def _each(first: int, last: int, value: float) -> list[tuple[int, float]]:
    return [(y, float(value)) for y in range(first, last + 1)]


def _values(t: Target) -> list[tuple[int, float]]:
    return [(p.year, p.value) for p in t.values]


# (line, metric, unit, values, trend)
GOLDEN = [
    ("주민자치회 구성(개) : (‘21) 132 → (’22) 154", "주민자치회 구성", "개", _pts((2021, 132), (2022, 154)), "up"),
    (
        "시정 현안 정책개발 및 연구지원 강화(억원): (’21) 98→ (’25) 104",
        "시정 현안 정책개발 및 연구지원 강화",
        "억원",
        _pts((2021, 98), (2025, 104)),
        "up",
    ),
    (
        "공공데이터 품질향상 및 개방 확대(건): (‘21) 1,400 → (’25) 1,800",
        "공공데이터 품질향상 및 개방 확대",
        "건",
        _pts((2021, 1400), (2025, 1800)),
        "up",
    ),
    (
        "남북교류 협력을 위한 기금 전출금 : (‘21→’25) 매년 20억 전출계획",
        "남북교류 협력을 위한 기금 전출금",
        "억원",
        _each(2021, 2025, 20),
        "flat",
    ),
    ("일 잘하는 조직 운영(건수): (’21)~(’25) 2회", "일 잘하는 조직 운영", "건수", _each(2021, 2025, 2), "flat"),
    (
        "온라인 시민시장실 구축을 통한 데이터 기반 시민소통 강화(%) : (‘21) 100 → (’22) 100",
        "온라인 시민시장실 구축을 통한 데이터 기반 시민소통 강화",
        "%",
        _pts((2021, 100), (2022, 100)),
        "flat",
    ),
    (
        "인천광역시 스마트자가통신망 구축(구축률・유지): (‘21) 100 → (’25) 100",
        "인천광역시 스마트자가통신망 구축",
        "구축률・유지",
        _pts((2021, 100), (2025, 100)),
        "flat",
    ),
    (
        "“시 통합웹사이트”유지관리 용역(%): (‘21) 100 → (’25) 100",
        "“시 통합웹사이트”유지관리 용역",
        "%",
        _pts((2021, 100), (2025, 100)),
        "flat",
    ),
    (
        "인천데이터센터(IDC) 통합 유지관리 용역(%): (‘21) 97 → (’25) 97",
        "인천데이터센터(IDC) 통합 유지관리 용역",
        "%",
        _pts((2021, 97), (2025, 97)),
        "flat",
    ),
    ("지역통계 작성 및 개방: (‘21) 6 → (’25) 7", "지역통계 작성 및 개방", None, _pts((2021, 6), (2025, 7)), "up"),
    (
        "시정 비전과 연계한 전략적 성과 관리(실적률): (’21) 91→(’25) 95",
        "시정 비전과 연계한 전략적 성과 관리",
        "실적률",
        _pts((2021, 91), (2025, 95)),
        "up",
    ),
    (
        "북한이탈주민 및 이북5도민 등 지원 : (‘21→’25) 매년 7억 투자 계획",
        "북한이탈주민 및 이북5도민 등 지원",
        "억원",
        _each(2021, 2025, 7),
        "flat",
    ),
    # Bullets in front, goal + sub-item on one line.
    (
        "○ 전 읍면동 주민자치회 전환을 통한 주민자치 활성화 - 주민자치회 구성(개) : (‘21) 132 → (’22) 154",
        "주민자치회 구성",
        "개",
        _pts((2021, 132), (2022, 154)),
        "up",
    ),
    ("- 정보통신보조기기 보급지원(대): (‘21) 180 → (’25) 180", "정보통신보조기기 보급지원", "대", _pts((2021, 180), (2025, 180)), "flat"),
    ("ㅇ 국고보조율 (’23) 50% → (’24) 60%", "국고보조율", "%", _pts((2023, 50), (2024, 60)), "up"),
    ("* 업무 경감(%) : (’24) 20 → (’25) 30", "업무 경감", "%", _pts((2024, 20), (2025, 30)), "up"),
    ("ㅇ 행정 효율화 ㅇ 업무 경감(%) : (’24) 20 → (’25) 30", "업무 경감", "%", _pts((2024, 20), (2025, 30)), "up"),
    # A ``ㅇ`` or ``*`` inside a word is no bullet.
    ("ㅇㅇ시 참여율(%): (’24) 20 → (’25) 30", "ㅇㅇ시 참여율", "%", _pts((2024, 20), (2025, 30)), "up"),
    ("참여 기관* 수(개): (’24) 20 → (’25) 30", "참여 기관* 수", "개", _pts((2024, 20), (2025, 30)), "up"),
    # Other supported shapes.
    ("성과지표(건) : (2021) 10 → (2025) 12", "성과지표", "건", _pts((2021, 10), (2025, 12)), "up"),
    ("성과지표(개) : ('21~'25) 3", "성과지표", "개", _each(2021, 2025, 3), "flat"),
    ("만족도(점): (’21) 3.5 → (’25) 4.25", "만족도", "점", _pts((2021, 3.5), (2025, 4.25)), "up"),
    ("참여율(%): (’21) 1 → (’22) 2 → (’25) 4", "참여율", "%", _pts((2021, 1), (2022, 2), (2025, 4)), "up"),
    ("민원 처리(건): (’21) 9 ⇒ (’25) 4", "민원 처리", "건", _pts((2021, 9), (2025, 4)), "down"),
    ("민원 처리(건): (’21) 9 -> (’25) 4", "민원 처리", "건", _pts((2021, 9), (2025, 4)), "down"),
    ("민원 처리(건)： (’21) 9 → (’25) 4", "민원 처리", "건", _pts((2021, 9), (2025, 4)), "down"),
    ("민원 처리(건) (’21) 9 → (’25) 4", "민원 처리", "건", _pts((2021, 9), (2025, 4)), "down"),
    ("교육 운영 (’21)~(’25) 연 2회", "교육 운영", "회", _each(2021, 2025, 2), "flat"),
    ("장학금 지원 : (‘21→’23) 매년 500만", "장학금 지원", "만원", _each(2021, 2023, 500), "flat"),
    # The metric's unit is the series' unit: 500만 (원) is 5,000 천원.
    ("장학금 지원(천원) : (‘21→’23) 매년 500만", "장학금 지원", "천원", _each(2021, 2023, 5000), "flat"),
]


# A unit after the last point, in parentheses: the unit of the whole series (when nothing else names one).
TRAILING_UNITS = [
    ("사업비 (’24) 1,000 → (’25) 1,000 (백만원)", "사업비", "백만원"),
    ("사업비 : (’24) 1,000 → (’25) 1,200 (단위: 백만원)", "사업비", "백만원"),
    ("- 참여 인원 (’24) 100 → (’25) 120(명) - 세부 설명", "참여 인원", "명"),
    ("기금 전출 : (‘21→’25) 매년 20 (억원)", "기금 전출", "억원"),
    ("상담 건수 12,000(’21) → 15,000(’22) (건)", "상담 건수", "건"),
]


@pytest.mark.parametrize(("line", "metric", "unit"), TRAILING_UNITS, ids=[t[0][:30] for t in TRAILING_UNITS])
def test_unit_after_the_series(line: str, metric: str, unit: str) -> None:
    (t,) = parse_targets(line, offset=9)
    assert (t.metric, t.unit) == (metric, unit)
    assert t.text == line[t.start - 9 : t.end - 9] and t.text.endswith(")")


def test_unit_after_the_series_only_when_it_is_one() -> None:
    # Not a unit: a note, a label; a unit named before the series wins.
    for line in ("참여율 (’24) 20 → (’25) 30 (잠정)", "참여율 (’24) 20 → (’25) 30 (누적 기준)", "참여율 (’24) 20 → (’25) 30 (’26년 재검토)"):
        (t,) = parse_targets(line)
        assert t.unit is None and t.text.endswith("30")
    (t,) = parse_targets("사업비(억원): (’24) 10 → (’25) 12 (백만원)")
    assert (t.unit, t.text) == ("억원", "사업비(억원): (’24) 10 → (’25) 12")
    (t,) = parse_targets("사업비 : (’24) 10억 → (’25) 12억 (%)")
    assert t.unit == "억원"
    # The next target's metric starts after the unit.
    a, b = parse_targets("사업비 (’24) 1 → (’25) 2 (억원) 참여율(%): (’24) 20 → (’25) 30")
    assert (a.unit, b.metric, b.unit) == ("억원", "참여율", "%") and a.end <= b.start


@pytest.mark.parametrize(("line", "metric", "unit", "values", "trend"), GOLDEN, ids=[g[0][:30] for g in GOLDEN])
def test_golden_lines(line: str, metric: str, unit: str | None, values: list, trend: str) -> None:
    (t,) = parse_targets(line)
    assert t.metric == metric
    assert t.unit == unit
    assert _values(t) == values
    assert t.trend == trend
    assert t.text == line[t.start : t.end]
    assert t.text.startswith(metric)


def test_two_targets_on_one_line() -> None:
    line = (
        "○ 공정하고 신속한 권리구제 추진(건): (‘21) 292 → (’25) 292 "
        "○ 납세자 권리보호 및 구제업무 운영(건): (‘21) 85 → (’25) 85"
    )
    a, b = parse_targets(line)
    assert (a.metric, a.unit, _values(a)) == ("공정하고 신속한 권리구제 추진", "건", _pts((2021, 292), (2025, 292)))
    assert (b.metric, b.unit, _values(b)) == ("납세자 권리보호 및 구제업무 운영", "건", _pts((2021, 85), (2025, 85)))
    assert a.text == "공정하고 신속한 권리구제 추진(건): (‘21) 292 → (’25) 292"
    assert a.end <= b.start


def test_range_target_text_ends_at_value() -> None:
    line = "○ 남북교류 협력을 위한 기금 전출금 : (‘21→’25) 매년 20억 전출계획 ○ 북한이탈주민 및 이북5도민 등 지원 : (‘21→’25) 매년 7억 투자 계획"
    a, b = parse_targets(line)
    assert a.text == "남북교류 협력을 위한 기금 전출금 : (‘21→’25) 매년 20억"
    assert b.metric == "북한이탈주민 및 이북5도민 등 지원"


def test_money_over_a_span_is_yearly_only_when_it_says_so() -> None:
    (t,) = parse_targets("기금 전출 : (‘21→’23) 매년 20억원")
    assert [(p.year, p.value) for p in t.values] == [(2021, 20.0), (2022, 20.0), (2023, 20.0)] and t.unit == "억원"
    assert parse_targets("기금 전출 : (‘21→’23) 20억원") == ()
    assert parse_targets("기금 전출 : (‘21→’23) 20 (억원)") == ()  # a unit after the value says the same
    (t,) = parse_targets("협의회 운영 : (’21)~(’23) 2회")  # a count over a span stays one a year
    assert [p.value for p in t.values] == [2.0, 2.0, 2.0]
    # a span's place in a sequence counts nothing: the plan's fourth year, not 4 a year from 2023 to 2027
    assert parse_targets("- 제5차 충청북도 지역균형발전 기본계획(2023~2027) 4차년도 -") == ()
    assert parse_targets("정비사업 (’24~’26) 2단계") == ()
    (t,) = parse_targets("스마트팜 보급(단계): (’21) 1 → (’25) 3")  # stages reached year by year are a target
    assert [p.value for p in t.values] == [1.0, 3.0]


def test_long_word_after_value_is_not_a_unit() -> None:
    (t,) = parse_targets("기금 전출 : (‘21→’25) 매년 20억전출계획")
    assert t.unit is None
    assert t.text == "기금 전출 : (‘21→’25) 매년 20"


def test_metric_does_not_reach_into_a_broken_series() -> None:
    (t,) = parse_targets("목표 (‘21) → 민원 처리(건): (‘21) 9 → (’25) 4")
    assert t.metric == "민원 처리"


def test_offset_is_added() -> None:
    line = "○ 지역통계 작성 및 개방: (‘21) 6 → (’25) 7"
    (t,) = parse_targets(line, offset=1000)
    assert (t.start, t.end) == (1002, 1000 + len(line))
    assert t.text == line[2:]


@pytest.mark.parametrize(
    "text",
    [
        "업무평가위원회 운영(분과 4회/전체 1회)",
        "시민평가단 구성·운영(55명)",
        "민선 7기 시장 공약이행 평가 및 관리, 시민평가단 구성·운영(55명)",
        "주민자치회를 통해 주민자치를 활성화한다.",
        "(‘21)",
        "주민자치회 구성(개) : (‘21)",
        "주민자치회 구성(개) : (‘21) → (’22)",
        "주민자치회 구성(개) : (’21)~(’25)",
        "(‘21) 132 → (’22) 154",  # no metric
        "○ - : (‘21) 132 → (’22) 154",  # no metric either
        "예산(억원): (’25→’21) 매년 5억",  # span runs backwards
        "< 1단계(’23년~’25년) 50억원 >",  # money over a span: the span's total, not 50억원 a year
        # ... whichever side names the unit: the metric, the value or a group after it.
        "사업비(억원) : (‘21→’23) 20",
        "사업비(백만원) : (’21)~(’23) 500",
        "사업비(억 원) : (‘21~’23) 20",
        "사업비 : (‘21→’23) 20억원",
        "사업비 : (‘21→’23) 20 (억원)",
        "ㅇ 진단 체계 개발(’23년~’25년) 2023 2024 2025",  # a schedule's year columns, not a value
        "",
    ],
)
def test_not_targets(text: str) -> None:
    assert parse_targets(text) == ()


def test_corpus_targets_are_well_formed() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip("no sample corpus")
    found = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        for t in parse_targets(text):
            found += 1
            assert t.text == text[t.start : t.end]
            assert t.metric and "○" not in t.metric and " - " not in t.metric
            assert len(t.values) >= 2 or t.trend == "target"
            assert all(2000 <= p.year <= 2099 for p in t.values)
    assert found >= 20


# -- sentence goals: one year, one value ----------------------------------------

# (line, metric, unit, (year, value), target text)
SENTENCE_GOALS = [
    ("○ 청년 인턴 채용 ’24년 목표 1,200명", "청년 인턴 채용", "명", (2024, 1200), "청년 인턴 채용 ’24년 목표 1,200명"),
    ("○ 공공 체육시설 2024년까지 500개소 확충", "공공 체육시설", "개소", (2024, 500), "공공 체육시설 2024년까지 500개소"),
    ("‘25년 목표 : 재생에너지 비중 30%", "재생에너지 비중", "%", (2025, 30), "‘25년 목표 : 재생에너지 비중 30%"),
    ("- 민원 만족도 (’23) 85% 달성", "민원 만족도", "%", (2023, 85), "민원 만족도 (’23) 85%"),
    ("- 취업자 수 ’24년 3만명 목표", "취업자 수", "만명", (2024, 3), "취업자 수 ’24년 3만명"),
    # The metric between year and value wins over the words before the year.
    ("○ 2024년까지 국공립 어린이집 500개소 확충", "국공립 어린이집", "개소", (2024, 500), "2024년까지 국공립 어린이집 500개소"),
    ("○ 에너지전환 ‘25년 목표 : 재생에너지 비중 30%", "재생에너지 비중", "%", (2025, 30), "‘25년 목표 : 재생에너지 비중 30%"),
    # Counting words (누적) are not the metric; a particle may sit between value and goal word.
    ("- 자전거도로 2025년까지 누적 100km 조성", "자전거도로", "km", (2025, 100), "자전거도로 2025년까지 누적 100km"),
    ("- 마을기업 ’25년까지 3,000개를 육성", "마을기업", "개", (2025, 3000), "마을기업 ’25년까지 3,000개"),
    ("- 온실가스 배출량 2030년까지 40% 이상 감축", "온실가스 배출량", "%", (2030, 40), "온실가스 배출량 2030년까지 40%"),
    # A trailing unit and a colon before the year; a bracketed label as the metric.
    ("주민 참여율(%): ’24년 목표 60% 달성", "주민 참여율", "%", (2024, 60), "주민 참여율(%): ’24년 목표 60%"),
    ("- (청년 일자리) ’24년 목표 1,200명", "청년 일자리", "명", (2024, 1200), "(청년 일자리) ’24년 목표 1,200명"),
    ("- (일자리) 청년 인턴 ’24년 목표 1,200명", "청년 인턴", "명", (2024, 1200), "청년 인턴 ’24년 목표 1,200명"),
    # Other year forms, units and goal words.
    ("- 참여율 (’24 목표) 70%", "참여율", "%", (2024, 70), "참여율 (’24 목표) 70%"),
    ("- 만족도 (2024년) 80점 이상 달성", "만족도", "점", (2024, 80), "만족도 (2024년) 80점"),
    ("- 청년 고용률 ’24년 목표치 46.5%", "청년 고용률", "%", (2024, 46.5), "청년 고용률 ’24년 목표치 46.5%"),
    ("- 스마트공장 2022년까지 3만개 보급", "스마트공장", "만개", (2022, 3), "스마트공장 2022년까지 3만개"),
    ("- 문화예술 기금 ’25년 말까지 20억 원 조성", "문화예술 기금", "억원", (2025, 20), "문화예술 기금 ’25년 말까지 20억 원"),
    ("- 인천데이터센터(IDC) 통합 ’24년 목표 97%", "인천데이터센터(IDC) 통합", "%", (2024, 97), "인천데이터센터(IDC) 통합 ’24년 목표 97%"),
    # Counters 호, 기 and the goal word 확보.
    ("○ 공공임대주택 2025년까지 240만호 확보", "공공임대주택", "만호", (2025, 240), "공공임대주택 2025년까지 240만호"),
    ("- 수소충전소 ’22년까지 450기 구축", "수소충전소", "기", (2022, 450), "수소충전소 ’22년까지 450기"),
    # The year after the goal verb, in parentheses.
    ("- 수소충전소 450기 구축(’22)", "수소충전소", "기", (2022, 450), "수소충전소 450기 구축(’22)"),
    ("○ 공공임대주택 240만호 확보(’25년까지)", "공공임대주택", "만호", (2025, 240), "공공임대주택 240만호 확보(’25년까지)"),
    ("- 전기차 충전기 누적 1만기 보급(2025년)", "전기차 충전기", "만기", (2025, 1), "전기차 충전기 누적 1만기 보급(2025년)"),
    ("- 마을기업 3,000개를 육성(’25년 목표)", "마을기업", "개", (2025, 3000), "마을기업 3,000개를 육성(’25년 목표)"),
    # A label word before the metric names no measure.
    ("○ 일자리 목표 청년 인턴 채용 ’24년 1,200명 달성", "청년 인턴 채용", "명", (2024, 1200), "청년 인턴 채용 ’24년 1,200명"),
    # ``ㅇ`` and ``*`` bullets.
    ("ㅇ 청년 인턴 채용 ’24년 목표 1,200명", "청년 인턴 채용", "명", (2024, 1200), "청년 인턴 채용 ’24년 목표 1,200명"),
    ("* 수소충전소 450기 구축(’22)", "수소충전소", "기", (2022, 450), "수소충전소 450기 구축(’22)"),
]


@pytest.mark.parametrize(("line", "metric", "unit", "point", "text"), SENTENCE_GOALS, ids=[g[0][:30] for g in SENTENCE_GOALS])
def test_sentence_goals(line: str, metric: str, unit: str, point: tuple[int, float], text: str) -> None:
    (t,) = parse_targets(line, offset=100)
    assert (t.metric, t.unit, _values(t), t.trend) == (metric, unit, [(point[0], float(point[1]))], "target")
    assert t.text == text == line[t.start - 100 : t.end - 100]
    assert metric in t.text


@pytest.mark.parametrize(
    "text",
    [
        # No metric to name: the value alone says nothing searchable.
        "’24년 목표 1,200명",
        "2024년까지 500개소 확충",
        "(’23) 85% 달성",
        # No goal word: an amount spent or reported is no target.
        "’23년 예산 1,200백만원 집행",
        "○ 교육 지원 ’23년 1,200명 참여",
        "보도자료 ‘24년 해외직접투자는 639.5억 달러로 전년 대비 1.8% 감소",
        # An actual, a baseline, a budget, even next to a goal word.
        "* 실적 ’21년 1,200명 달성",
        "* ’21년 실적 1,200명 달성",
        "- 관련 ’22년 예산 618백만원 확대",
        # Dates, ranges, page and section numbers, durations.
        "2024년 3월 1,200명 목표",
        "○ 2024년 12월까지 3개 기관 시범 운영",
        "1단계(’22년~’26년) 63개 분야 구축",
        "○ 사업기간 : 2022년 ~ 2026년 (5년간) 총 500억원",
        "- 12 -",
        "2. 추진 목표 3개 분야",
        "○ 3년간 24년 목표 1,200명",
        "(24) 1,200명 달성",
        # The value counts the next word, or is one point of a series.
        "2030년까지 30개 분야 사전 편찬",
        "○ 학교 안전 ’22년 10개 이상 지자체 확대",
        "교육인원 42,360명(‘21) ⇒ 44,000명(‘22) 목표",
        "원스톱 패키지 2종 → ‘22년 10개 이상 확대",
        "- 수어 교육 ’24년 목표 1,200명(‘23) 대비",
        # A clause before the year, not a noun phrase; a subject.
        "○ ‘22년까지 종이증명서를 절반 이하로 감축하여 3조원 이상 절감",
        "○ 정부는 2024년까지 500개소를 확충",
        "○ 일자리 창출을 위해 ’24년 목표 1,200명",
        "○ 누적 ’24년 목표 1,200명",
        # No counter unit (``240만호`` has one: see SENTENCE_GOALS).
        "○ 공공임대주택 2025년까지 240만 확보",
        # A goal verb with an amount but no year in the sentence.
        "○ 공공임대주택 240만호 확보",
        "- 수소충전소 450기 구축",
        # A goal year after the verb, but the number is a budget, an actual or one point of a series.
        "- 사업 예산 100억원 확보(’22)",
        "- 시설 10개 확대(’21) → 20개 확대(’22)",
        "- 교육 인원 ’21년 1,200명 달성 → ’22년 1,500명 달성",
    ],
)
def test_not_sentence_goals(text: str) -> None:
    assert [t for t in parse_targets(text) if t.trend == "target"] == []


# -- series stated in sentences: value then year, year with 년 then value ----------

# (line, metric, unit, values, trend, target text)
SENTENCE_SERIES = [
    # Value, then its year label (real: nikl-2022-work-plan).
    (
        "국어문화학교 교육인원 42,360명(‘21) ⇒ 44,000명(‘22)",
        "국어문화학교 교육인원",
        "명",
        _pts((2021, 42360), (2022, 44000)),
        "up",
        "국어문화학교 교육인원 42,360명(‘21) ⇒ 44,000명(‘22)",
    ),
    # A label word (목표) before the metric, a counting word (누적) before each value, a spaced unit.
    (
        "비전 더욱 커지고 넓어지는 한국어 목표 말뭉치 구축량 누적 21억 어절(‘21) ⇒ 누적 22억 어절(‘22)",
        "말뭉치 구축량",
        "억어절",
        _pts((2021, 21), (2022, 22)),
        "up",
        "말뭉치 구축량 누적 21억 어절(‘21) ⇒ 누적 22억 어절(‘22)",
    ),
    (
        "- 재생에너지 비중 20%(’21) → 25%(’23) → 30%(’25)",
        "재생에너지 비중",
        "%",
        _pts((2021, 20), (2023, 25), (2025, 30)),
        "up",
        "재생에너지 비중 20%(’21) → 25%(’23) → 30%(’25)",
    ),
    (
        "교통사고 사망자 수 300명(’21) ▶ 250명(’22)",
        "교통사고 사망자 수",
        "명",
        _pts((2021, 300), (2022, 250)),
        "down",
        "교통사고 사망자 수 300명(’21) ▶ 250명(’22)",
    ),
    ("○ 고객 만족도 : 80점(’21) ~ 80점(’25)", "고객 만족도", "점", _pts((2021, 80), (2025, 80)), "flat", "고객 만족도 : 80점(’21) ~ 80점(’25)"),
    (
        "참여 인원 100명(2021) → 200명(2022년 목표)",
        "참여 인원",
        "명",
        _pts((2021, 100), (2022, 200)),
        "up",
        "참여 인원 100명(2021) → 200명(2022년 목표)",
    ),
    (
        "(청년 일자리) 1,000명(’21) → 1,200명(’22)",
        "청년 일자리",
        "명",
        _pts((2021, 1000), (2022, 1200)),
        "up",
        "(청년 일자리) 1,000명(’21) → 1,200명(’22)",
    ),
    ("상담 건수 12,000(’21) → 15,000(’22)", "상담 건수", None, _pts((2021, 12000), (2022, 15000)), "up", "상담 건수 12,000(’21) → 15,000(’22)"),
    # A year with 년, then its value; a particle after the last value is not part of it.
    (
        "- 친환경 인증 면적 ’22년 4,000ha → ’27년 7,000ha로 확대",
        "친환경 인증 면적",
        "ha",
        _pts((2022, 4000), (2027, 7000)),
        "up",
        "친환경 인증 면적 ’22년 4,000ha → ’27년 7,000ha",
    ),
    (
        "온실가스 배출량 2018년 727백만톤 → 2030년 436백만톤",
        "온실가스 배출량",
        "백만톤",
        _pts((2018, 727), (2030, 436)),
        "down",
        "온실가스 배출량 2018년 727백만톤 → 2030년 436백만톤",
    ),
    ("- 청년 고용률 ’21년 42% → ’25년 목표 46%", "청년 고용률", "%", _pts((2021, 42), (2025, 46)), "up", "청년 고용률 ’21년 42% → ’25년 목표 46%"),
    (
        "- 참여 인원 ’25년까지 1,500명 → ’30년까지 3,000명",
        "참여 인원",
        "명",
        _pts((2025, 1500), (2030, 3000)),
        "up",
        "참여 인원 ’25년까지 1,500명 → ’30년까지 3,000명",
    ),
    # Series of actuals are series too (as ``국민신문고 민원 추이 : (16) … → (18) …`` is), when a plain noun phrase names them.
    (
        "해외직접투자 : ’23년 651.5억 달러 → ’24년 639.5억 달러",
        "해외직접투자",
        "억달러",
        _pts((2023, 651.5), (2024, 639.5)),
        "down",
        "해외직접투자 : ’23년 651.5억 달러 → ’24년 639.5억 달러",
    ),
    # A budget or an actual is a series too: 예산, 실적, 집행 name it (they only rule out one-year goals).
    (
        "ㅇ R&D 예산 '23년 31.1조원 → '24년 26.5조원",
        "R&D 예산",
        "조원",
        _pts((2023, 31.1), (2024, 26.5)),
        "down",
        "R&D 예산 '23년 31.1조원 → '24년 26.5조원",
    ),
    (
        "- 민원 처리 실적 ’22년 1,200건 → ’23년 1,500건",
        "민원 처리 실적",
        "건",
        _pts((2022, 1200), (2023, 1500)),
        "up",
        "민원 처리 실적 ’22년 1,200건 → ’23년 1,500건",
    ),
    # ``ㅇ`` and ``*`` bullets are no part of the metric.
    ("* 업무 경감 : '24년 20% → '25년 30%", "업무 경감", "%", _pts((2024, 20), (2025, 30)), "up", "업무 경감 : '24년 20% → '25년 30%"),
    ("ㅇ 국고보조율 '23년 50% → '24년 60%", "국고보조율", "%", _pts((2023, 50), (2024, 60)), "up", "국고보조율 '23년 50% → '24년 60%"),
    (
        "ㅇ 행정 효율화 ㅇ 업무 경감 20%(’24) → 30%(’25)",
        "업무 경감",
        "%",
        _pts((2024, 20), (2025, 30)),
        "up",
        "업무 경감 20%(’24) → 30%(’25)",
    ),
    ("** 참여 기관 ’24년 20곳 → ’25년 30곳", "참여 기관", "곳", _pts((2024, 20), (2025, 30)), "up", "참여 기관 ’24년 20곳 → ’25년 30곳"),
    # A series in parentheses after its metric: the goal word before the parenthesis is what is done,
    # a short word after each value what it counts (probe: perf-plan-mfds-2025); neither is metric or unit.
    (
        "ㅇ 수입식품 정밀검사 대상 선별 확대(’24년 12개 품목 → ’25년 30개 품목)",
        "수입식품 정밀검사 대상 선별",
        "개",
        _pts((2024, 12), (2025, 30)),
        "up",
        "수입식품 정밀검사 대상 선별 확대(’24년 12개 품목 → ’25년 30개 품목)",
    ),
    ("- 선별 품목 확대(’24년 12개→’25년 30개) 추진", "선별 품목", "개", _pts((2024, 12), (2025, 30)), "up", "선별 품목 확대(’24년 12개→’25년 30개)"),
    # ``24만기`` is 24 만기, as ``3만명`` is 3 만명: a plain amount keeps the scale it is written in.
    (
        "○ 스마트 계량기 보급 확대(’23년 24만기 → ’25년 59만기)",
        "스마트 계량기 보급",
        "만기",
        _pts((2023, 24), (2025, 59)),
        "up",
        "스마트 계량기 보급 확대(’23년 24만기 → ’25년 59만기)",
    ),
    (
        "- 공공 와이파이 구축 확대(1,000곳(’22) → 2,000곳(’24))",
        "공공 와이파이 구축",
        "곳",
        _pts((2022, 1000), (2024, 2000)),
        "up",
        "공공 와이파이 구축 확대(1,000곳(’22) → 2,000곳(’24))",
    ),
    # A label before a colon keeps its words; the counted word after the last value is left out, as a particle is.
    (
        "ㅇ 정밀검사 대상 선별 확대 : ’24년 12개 품목 → ’25년 30개 품목",
        "정밀검사 대상 선별 확대",
        "개",
        _pts((2024, 12), (2025, 30)),
        "up",
        "정밀검사 대상 선별 확대 : ’24년 12개 품목 → ’25년 30개",
    ),
    # Two points in prose, ``에서`` … ``(으)로``; the object particle is no part of the metric (probe: midterm-2025-daejeon-welfare).
    (
        "○ 재생에너지 비중을 2024년 16.9%에서 2028년 21.3%로 높인다",
        "재생에너지 비중",
        "%",
        _pts((2024, 16.9), (2028, 21.3)),
        "up",
        "재생에너지 비중을 2024년 16.9%에서 2028년 21.3%",
    ),
    (
        "- 노인 일자리를 2024년 25,400개에서 2028년 31,000개로 확대",
        "노인 일자리",
        "개",
        _pts((2024, 25400), (2028, 31000)),
        "up",
        "노인 일자리를 2024년 25,400개에서 2028년 31,000개",
    ),
    (
        "- 참여 마을을 ’24년 16개에서 ’28년 21개까지 늘린다",
        "참여 마을",
        "개",
        _pts((2024, 16), (2028, 21)),
        "up",
        "참여 마을을 ’24년 16개에서 ’28년 21개",
    ),
    (
        "- 대기 인원을 ’23년 300명 → ’25년 120명으로 줄인다",
        "대기 인원",
        "명",
        _pts((2023, 300), (2025, 120)),
        "down",
        "대기 인원을 ’23년 300명 → ’25년 120명",
    ),
]


# Korean compound amounts: number × 천/백/십 × 조/억/만; a series is brought to one unit, the smallest
# scale any point is written in (``5,000억원 → 1.8조원`` is 5,000 → 18,000 억원).
AMOUNTS = [
    ("투자 규모 '23년 5천억원 → '24년 8천억원", "억원", _pts((2023, 5000), (2024, 8000))),
    ("투자 규모 '23년 5천억원 → '24년 1조 8천억원", "억원", _pts((2023, 5000), (2024, 18000))),
    ("투자 규모 '23년 5천억원 → '24년 1조8천억원", "억원", _pts((2023, 5000), (2024, 18000))),
    ("투자 규모 '23년 5,000억원 → '24년 1.8조원", "억원", _pts((2023, 5000), (2024, 18000))),
    ("투자 규모 '23년 1.8조원 → '24년 5,000억원", "억원", _pts((2023, 18000), (2024, 5000))),
    ("투자 규모 5천억원(’23) → 1조 8천억원(’24)", "억원", _pts((2023, 5000), (2024, 18000))),
    ("투자 규모 : (’23) 5,000억원 → (’24) 1.8조원", "억원", _pts((2023, 5000), (2024, 18000))),
    ("투자 규모 : (’23) 5천억원 → (’24) 1조 8천억원", "억원", _pts((2023, 5000), (2024, 18000))),
    ("사업비 '23년 2억 5천만원 → '24년 3억원", "만원", _pts((2023, 25000), (2024, 30000))),
    ("사업비 '23년 1,200백만원 → '24년 15억원", "백만원", _pts((2023, 1200), (2024, 1500))),
    ("이용자 '23년 5천명 → '24년 1만명", "천명", _pts((2023, 5), (2024, 10))),
    ("이용자 '23년 1.5천만명 → '24년 2천만명", "천만명", _pts((2023, 1.5), (2024, 2))),
    ("교육인원 42,360명(‘21) ⇒ 4.4만명(‘22)", "명", _pts((2021, 42360), (2022, 44000))),
    # One scale as written stays as written.
    ("투자 규모 '23년 31.1조원 → '24년 26.5조원", "조원", _pts((2023, 31.1), (2024, 26.5))),
    ("이용자 '23년 3만명 → '24년 4만명", "만명", _pts((2023, 3), (2024, 4))),
]


@pytest.mark.parametrize(("line", "unit", "values"), AMOUNTS, ids=[a[0][6:36] for a in AMOUNTS])
def test_korean_amounts(line: str, unit: str, values: list) -> None:
    (t,) = parse_targets(line)
    metric = "투자 규모" if line.startswith("투자 규모") else line.split(" ")[0]
    assert (t.metric, t.unit, _values(t)) == (metric, unit, values)
    assert t.text == line[t.start : t.end] and t.text.endswith(line.split(" ")[-1])


def test_korean_amounts_in_goals() -> None:
    (t,) = parse_targets("- 모태펀드 ’25년까지 1조 8천억원 조성")
    assert (t.metric, t.unit, _values(t), t.text) == ("모태펀드", "억원", _pts((2025, 18000)), "모태펀드 ’25년까지 1조 8천억원")
    (t,) = parse_targets("- 모태펀드 5천억원 조성(’25)")
    assert (t.unit, _values(t)) == ("억원", _pts((2025, 5000)))
    (t,) = parse_targets("기금 조성 : (‘21→’23) 매년 2억 5천만원")
    assert (t.unit, _values(t)) == ("만원", _each(2021, 2023, 25000))


@pytest.mark.parametrize(
    "text",
    [
        # Two amounts side by side are no compound amount (``20억 5개소`` is not 2,000,000,005).
        "- 기금 ’24년까지 20억 5개소 확충",
        # Amounts in different units are no series; an amount cut short (``1조 8``) is no point.
        "투자 규모 '23년 5천억원 → '24년 1조 8천억달러",
        "투자 규모 '23년 5천억원 → '24년 1조 8",
        "투자 규모 : (’23) 5천억원 → (’24) 1조 8",
        "투자 규모 : (’23) 10명 → (’24) 1.8조원",
        "투자 규모 : (’23) 5천억 → (’24) 1조 8천",
        # Digit words (``2만 5,000명``, ``1천5백억``, ``1천 5백억``) make one number only when its parts go down.
        "고용 인원 : (’21) 2만 15,000명 → (’25) 3만명",
        "사업비 : (’21) 1천 15백억 → (’25) 3천억",
    ],
)
def test_not_korean_amounts(text: str) -> None:
    assert parse_targets(text) == ()


@pytest.mark.parametrize(("line", "metric", "unit", "values", "trend", "text"), SENTENCE_SERIES, ids=[g[0][:30] for g in SENTENCE_SERIES])
def test_sentence_series(line: str, metric: str, unit: str | None, values: list, trend: str, text: str) -> None:
    (t,) = parse_targets(line, offset=50)
    assert (t.metric, t.unit, _values(t), t.trend) == (metric, unit, values, trend)
    assert t.text == text == line[t.start - 50 : t.end - 50]


def test_sentence_series_in_a_row() -> None:
    # nikl-2022-work-plan: three series in one passage, with and without commas between them.
    for sep in (", ", " "):
        line = sep.join(
            [
                "목표 말뭉치 구축량 누적 21억 어절(‘21) ⇒ 누적 22억 어절(‘22)",
                "국어문화학교 교육인원 42,360명(‘21) ⇒ 44,000명(‘22)",
                "공공언어 감수‧표준화 지원 4,676건(‘21) ⇒ 5,000건(‘22)",
            ]
        )
        a, b, c = parse_targets(line)
        assert [x.metric for x in (a, b, c)] == ["말뭉치 구축량", "국어문화학교 교육인원", "공공언어 감수‧표준화 지원"]
        assert [x.unit for x in (a, b, c)] == ["억어절", "명", "건"]
        assert _values(c) == _pts((2021, 4676), (2022, 5000))
        assert all(x.trend == "up" and line[x.start : x.end] == x.text for x in (a, b, c))
        assert a.end <= b.start and b.end <= c.start


@pytest.mark.parametrize(
    "text",
    [
        # A baseline without a year (``2종``, ``현재 2개``) is no point: TargetPoint needs a year, and
        # the goal alone would hide that it is the end of a series (real: mois-digital-gov-innovation-plan-2019).
        "* 행복출산, 안심상속 등 2종 → ‘22년 10개 이상(든든임신, 온종일돌봄 등)",
        "생애주기 서비스 대폭 확대 (현재 2개 → 22년 10개 이상)",
        # Dates, ranges, quarters.
        "2024년 3월 100명 → 2025년 3월 200명",
        "신청 10건(’21.3월) → 20건(’22.3월)",
        "1단계 사업(’22년~’26년) → 2단계 사업(’27년~’30년)",
        "투자액 ’23년 4분기 163.0 → ’24년 1분기 164.5",
        # Press-release statements: a clause, not a metric, names the numbers.
        "‘24년 해외직접투자는 639.5억 달러로 전년 대비 1.8% 감소",
        "해외직접투자는 ’23년 651.5억 달러 → ’24년 639.5억 달러로 감소",
        "감소세는 전년 대비 완화(20.3%(’23) → 1.8%(’24))",
        # Years that do not increase, units that disagree, years without a quote or 년, articles, ordinals.
        "시설 10개(’22) → 5개(’21)",
        "교육인원 42,360명(‘21) ⇒ 44,000건(‘22)",
        "계약 인원 30명(12) → 40명(15)",
        "근거 제14조(’21) → 제15조(’22)",
        "단계 1차(’21) → 2차(’22)",
        # Values without arrows, a single value with its year.
        "교육인원 42,360명(‘21), 44,000명(‘22)",
        "교육인원 44,000명(‘22)",
        # A number in the metric (``3종 대상``).
        "기관 평가 확대(3종 대상 6회(’21)→4종 대상 13회(’22))",
        # Words of an actual or a baseline alone name no measure.
        "전년 대비 ’22년 5% → ’23년 3%",
        "- 예산 실적 ’22년 10억원 → ’23년 12억원",
        "* 기준 ’22년 10개 → ’23년 12개",
        # Prose series need increasing years, one unit and a plain noun phrase (not a topic: a clause).
        "○ 일자리를 2028년 25,400개에서 2024년 31,000개로 확대",
        "○ 일자리를 2024년 25,400개에서 2028년 31,000명으로 확대",
        "ㅇ 수입식품 신고건수는 ’20년 75만 건에서 ’23년 82만 건으로 증가",
        # A goal word alone before the parenthesis names nothing.
        "ㅇ 확대(’24년 12개 품목 → ’25년 30개 품목)",
    ],
)
def test_not_sentence_series(text: str) -> None:
    assert parse_targets(text) == ()


def test_a_sentence_series_is_never_split_into_goals() -> None:
    (t,) = parse_targets("- 친환경 인증 면적 ’22년 4,000ha → ’27년 7,000ha 달성")
    assert (t.trend, _values(t)) == ("up", _pts((2022, 4000), (2027, 7000)))
    (t,) = parse_targets("- 교육인원 42,360명(‘21) ⇒ 44,000명(‘22) 목표 달성")
    assert t.trend == "up"
    # A series without a metric still takes its span: none of its points becomes a goal.
    assert parse_targets("○ 정부는 ’22년 4,000ha → ’27년 7,000ha 달성") == ()


def test_sentence_series_after_a_parenthesised_series() -> None:
    line = "○ 주민자치회 구성(개) : (‘21) 132 → (’22) 154 ○ 국어문화학교 교육인원 42,360명(‘21) ⇒ 44,000명(‘22)"
    a, b = parse_targets(line)
    assert (a.metric, b.metric) == ("주민자치회 구성", "국어문화학교 교육인원")
    assert a.end <= b.start and line[b.start : b.end] == b.text


SERIES_UNITS = ["명", "개소", "%", "억원", "백만원", "건", "회", "가구", "곳", "km", "ha", "개"]


@st.composite
def sentence_series_line(draw: st.DrawFn) -> tuple[str, str, str, list[tuple[int, float]]]:
    metric = draw(st.sampled_from(GOAL_METRICS))
    unit = draw(st.sampled_from(SERIES_UNITS))
    years = sorted(draw(st.sets(st.integers(2000, 2099), min_size=2, max_size=4)))
    value_first = draw(st.booleans())
    parts, points = [], []
    for y in years:
        s, v = draw(number())
        q = draw(st.sampled_from(["‘", "’", "'", "′"]))
        if value_first:
            parts.append(f"{s}{unit}({q}{y % 100:02d})")
        else:
            parts.append(f"{draw(st.sampled_from([f'{q}{y % 100:02d}', str(y)]))}년 {s}{unit}")
        points.append((y, v))
    series = parts[0]
    for part in parts[1:]:
        series += draw(st.sampled_from([" → ", "→", " ⇒ ", " ▶ ", " ~ "])) + part
    line = draw(st.sampled_from(["", "○ ", "- "])) + metric + draw(st.sampled_from([" ", " : "])) + series
    return line + draw(st.sampled_from(["", " ○ 다음 목표", ". 이후 점검"])), metric, unit, points


@given(sentence_series_line())
@settings(max_examples=200)
def test_sentence_series_round_trip(case: tuple[str, str, str, list[tuple[int, float]]]) -> None:
    line, metric, unit, points = case
    (t,) = parse_targets(line)
    assert (t.metric, t.unit, _values(t)) == (metric, unit, points)
    assert t.trend == trend_of([v for _, v in points]) != "target"
    assert t.text == line[t.start : t.end]


def test_a_series_span_never_yields_a_sentence_goal() -> None:
    # "(’24) 1,200명 목표" inside a series is its last point, not a goal of its own.
    (t,) = parse_targets("성과지표(명) : (’23) 850 → (’24) 1,200명 목표")
    assert (t.trend, _values(t)) == ("up", _pts((2023, 850), (2024, 1200)))
    # A series without a metric still takes its span.
    assert parse_targets("(‘21) 132 → (’22) 154명 달성") == ()


def test_sentence_goals_and_series_in_order() -> None:
    line = "○ 주민자치회 구성(개) : (‘21) 132 → (’22) 154 ○ 청년 인턴 채용 ’24년 목표 1,200명 ○ 만족도(점): (’21) 3 → (’25) 4"
    a, b, c = parse_targets(line, offset=7)
    assert [x.trend for x in (a, b, c)] == ["up", "target", "up"]
    assert [x.metric for x in (a, b, c)] == ["주민자치회 구성", "청년 인턴 채용", "만족도"]
    for x in (a, b, c):
        assert line[x.start - 7 : x.end - 7] == x.text
    assert a.end <= b.start and b.end <= c.start


def test_two_sentence_goals_in_one_passage() -> None:
    a, b = parse_targets("- 취업자 수 ’24년 3만명 목표, 청년 고용률 ’24년 목표치 46.5%")
    assert (a.metric, b.metric) == ("취업자 수", "청년 고용률")
    assert a.end <= b.start


GOAL_METRICS = ["청년 인턴 채용", "공공 체육시설", "재생에너지 비중", "민원 만족도", "취업자 수", "마을기업"]
GOAL_UNITS = ["명", "개소", "%", "억원", "백만원", "건", "회", "가구", "곳", "km"]


@st.composite
def goal_line(draw: st.DrawFn) -> tuple[str, str, str, int, float]:
    metric = draw(st.sampled_from(GOAL_METRICS))
    unit = draw(st.sampled_from(GOAL_UNITS))
    year = draw(st.integers(2000, 2099))
    s, v = draw(number())
    q = draw(st.sampled_from(["‘", "’", "'", "′"]))
    short = f"{q}{year % 100:02d}"
    form = draw(st.integers(0, 3))
    if form == 0:
        body = f"{metric} {short}년 목표 {s}{unit}"
    elif form == 1:
        body = f"{metric} {draw(st.sampled_from([short, str(year)]))}년까지 {s}{unit} {draw(st.sampled_from(['확충', '달성', '구축', '조성']))}"
    elif form == 2:
        body = f"{draw(st.sampled_from([short, str(year)]))}년 목표 : {metric} {s}{unit}"
    else:
        body = f"{metric} ({short}) {s}{unit} 달성"
    line = draw(st.sampled_from(["", "○ ", "- ", "※ "])) + body + draw(st.sampled_from(["", " ○ 다음 목표", ". 이후 점검"]))
    return line, metric, unit, year, v


@given(goal_line())
@settings(max_examples=200)
def test_sentence_goal_round_trip(case: tuple[str, str, str, int, float]) -> None:
    line, metric, unit, year, value = case
    (t,) = parse_targets(line)
    assert (t.metric, t.unit, _values(t), t.trend) == (metric, unit, [(year, value)], "target")
    assert t.text == line[t.start : t.end]


# -- normalize_quotes / trend_of ------------------------------------------------


def test_normalize_quotes() -> None:
    assert normalize_quotes("(‘21) → (’25) (“22) (′23) (＇24) (`20) (´19)") == "('21) → ('25) ('22) ('23) ('24) ('20) ('19)"
    assert normalize_quotes("주민자치회") == "주민자치회"


@given(st.text())
@settings(max_examples=200)
def test_normalize_quotes_keeps_length(text: str) -> None:
    assert len(normalize_quotes(text)) == len(text)


def test_trend_of() -> None:
    assert trend_of([TargetPoint(2021, 1), TargetPoint(2025, 2)]) == "up"
    assert trend_of([TargetPoint(2021, 2), TargetPoint(2022, 9), TargetPoint(2025, 2)]) == "flat"
    assert trend_of([3, 1]) == "down"
    # One value (or none) is no series: a goal, never "flat".
    assert trend_of([5]) == "target"
    assert trend_of([TargetPoint(2024, 1200)]) == "target"
    assert trend_of([]) == "target"
    assert trend_of([5, 5]) == "flat"


# -- properties -----------------------------------------------------------------

#: Characters that exercise every branch of the parser.
TARGETISH = st.text(
    alphabet=st.sampled_from(list("(（)）‘’“”'`′21059,. :：~～→⇒▶->○-\n가나억만회%년매명기확보")),
    max_size=200,
)


@given(st.one_of(st.text(), TARGETISH))
@settings(max_examples=200)
def test_never_raises_and_offsets_point_at_text(text: str) -> None:
    prev_end = 0
    for t in parse_targets(text):
        assert 0 <= t.start < t.end <= len(text)
        assert t.text == text[t.start : t.end]
        assert t.trend in TRENDS
        assert t.values
        assert (len(t.values) == 1) == (t.trend == "target")
        assert t.start >= prev_end  # targets never overlap
        prev_end = t.end


WORDS = ["주민", "자치회", "구성", "운영", "지원", "강화", "데이터", "센터", "및", "확대", "시민", "소통", "스마트"]
UNITS = ["개", "건", "%", "억원", "회", "명", "실적률", "구축률・유지", "점"]
OPEN_QUOTES = ["‘", "’", "'", "`", "′", "＇", "“", ""]
CLOSE_QUOTES = ["’", "‘", "'", "′", "”", ""]
ARROWS = ["→", " → ", "→ ", " ⇒ ", " -> ", "~"]
COLONS = [": ", " : ", "： ", " "]
BULLETS = ["", "○ ", "- ", "○ 목표 달성 - "]


@st.composite
def number(draw: st.DrawFn) -> tuple[str, float]:
    """A printed value and what it means: ``1,400``, ``98``, ``3.25``."""
    n = draw(st.integers(0, 9_999_999))
    if draw(st.booleans()):
        frac = draw(st.integers(0, 99))
        s = f"{n}.{frac:02d}"
    elif n >= 1000 and draw(st.booleans()):
        s = f"{n:,}"
    else:
        s = str(n)
    return s, float(s.replace(",", ""))


@st.composite
def target_line(draw: st.DrawFn) -> tuple[str, str, str | None, list[tuple[int, float]]]:
    metric = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))
    unit = draw(st.one_of(st.none(), st.sampled_from(UNITS)))
    years = sorted(draw(st.sets(st.integers(2000, 2099), min_size=2, max_size=4)))
    points = []
    parts = []
    for y in years:
        s, v = draw(number())
        q1, q2 = draw(st.sampled_from(OPEN_QUOTES)), draw(st.sampled_from(CLOSE_QUOTES))
        parts.append(f"({q1}{y % 100:02d}{q2}) {s}")
        points.append((y, v))
    series = parts[0]
    for p in parts[1:]:
        series += draw(st.sampled_from(ARROWS)) + p
    head = metric + (f"({unit})" if unit else "")
    colon = draw(st.sampled_from(COLONS))
    line = draw(st.sampled_from(BULLETS)) + head + colon + series + draw(st.sampled_from(["", " - 세부 설명", " ○ 다음 목표"]))
    return line, metric, unit, points


@given(target_line())
@settings(max_examples=200)
def test_round_trip(case: tuple[str, str, str | None, list[tuple[int, float]]]) -> None:
    line, metric, unit, points = case
    (t,) = parse_targets(line)
    assert t.metric == metric
    assert t.unit == unit
    assert _values(t) == points
    assert t.trend == trend_of([v for _, v in points])
    assert t.text == line[t.start : t.end]


# -- speed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: "".join(random.Random(0).choices("(’‘'21→~ 0123456789,.:○-가나억회%)\n", k=1_000_000)),
        lambda: "(" + " " * 1_000_000,
        lambda: "('21) " + "1" * 1_000_000,
        lambda: "('21) " + "1,000" * 200_000,
        lambda: ("(' " + " " * 1000 + "'") * 1000,
        lambda: ("가" * 999 + "('21) 1 → ('22) 2") * 1000,
        lambda: "('21~'25) 매년" * 100_000,
        lambda: "'24년 " * 200_000,
        lambda: ("2024년까지 " + "가" * 39 + " ") * 20_000,
        lambda: ("공공 " * 500 + "'24년 목표 1,200명 ") * 200,
        lambda: "가 ('21) 1 → ('22) 2 ('23) 3명 달성 목표 " * 40_000,
        lambda: "".join(random.Random(1).choices("'’‘(2024년까지 목표: 0123456789,.%명개소억원달성 가나)\n", k=1_000_000)),
        lambda: "교육 1명('21) → " * 100_000,
        lambda: "인원 '22년 1명 → " * 100_000,
        lambda: "교육 1명('21) → 2명('22) " * 20_000,
        lambda: "충전소 1기 구축('22) " * 20_000,
        lambda: "누적 " * 200_000 + "1명('21) → 2명('22)",
        lambda: "".join(random.Random(2).choices("'’(2024년까지 목표: 0123456789,.%명개소억 어절원달성확보기 가나)→⇒▶~\n", k=1_000_000)),
        lambda: "투자 '24년 " + "1조 " * 250_000 + "8천억원",
        lambda: "(’24) " + "1조 2억 " * 150_000,
        lambda: "".join(random.Random(3).choices("'’(24년) 0123456789,.조억만천백십원명 →~", k=1_000_000)),
        lambda: "(’24) " + "1천" * 500_000,
        lambda: "인원 " + "2만5" * 300_000 + "명('21)",
        lambda: "'22년 " + "22년 " * 200_000,
        lambda: "'22년 " + "사업 22년까지 5개소 " * 60_000,
        lambda: "(’21) 1만명에서 → " * 70_000,
    ],
    ids=[
        "random",
        "spaces",
        "digits",
        "commas",
        "quoted-spaces",
        "long-words",
        "ranges",
        "years",
        "long-gaps",
        "long-metrics",
        "series-and-goals",
        "random-goals",
        "value-year-points",
        "year-value-points",
        "sentence-series",
        "value-goal-years",
        "long-modifiers",
        "random-series",
        "compound-amounts",
        "compound-points",
        "random-amounts",
        "digit-word-runs",
        "ten-thousand-runs",
        "bare-years",
        "bare-goal-years",
        "particles",
    ],
)
def test_megabyte_inputs_are_fast(make) -> None:
    text = make()
    t0 = time.perf_counter()
    parse_targets(text)
    # Generous bound (a loaded 2-core CI machine took 12 s on one case): a catastrophic backtrack
    # would take minutes, not seconds.
    assert time.perf_counter() - t0 < 30


@pytest.mark.parametrize(
    "line, unit, values",
    [
        ("○ 청년 취업자 수 : (’23) 1만명 → (’25) 1.5만명으로 확대", "만명", [(2023, 1.0), (2025, 1.5)]),
        ("○ 거점 : (’23) 5개소 → (’25) 10개소로 확대", "개소", [(2023, 5.0), (2025, 10.0)]),
        ("○ 예산 : (’23) 1,200억원 → (’24) 1,580억원으로 증액", "억원", [(2023, 1200.0), (2024, 1580.0)]),
    ],
)
def test_a_particle_after_the_last_value_is_not_its_unit(line, unit, values):
    (t,) = parse_targets(line)
    assert (t.unit, [(p.year, p.value) for p in t.values]) == (unit, values)


@pytest.mark.parametrize(
    "line, metric, unit, values",
    [
        ("○ 노후 상수관망 정비 : (’24) 12.5km → (’28) 60km", "노후 상수관망 정비", "km", [(2024, 12.5), (2028, 60.0)]),
        ("○ 도시숲 조성 : (’24) 35ha → (’28) 80ha", "도시숲 조성", "ha", [(2024, 35.0), (2028, 80.0)]),
        ("○ 태양광 설비 용량 : (’24) 45MW → (’28) 120MW로 확대", "태양광 설비 용량", "MW", [(2024, 45.0), (2028, 120.0)]),
        ("○ 공원 면적 : (’24) 12.3㎢ → (’28) 14㎢", "공원 면적", "㎢", [(2024, 12.3), (2028, 14.0)]),
    ],
)
def test_a_unit_in_latin_letters_or_a_unit_sign_glued_to_its_values(line, metric, unit, values):
    (t,) = parse_targets(line)
    assert (t.metric, t.unit, [(p.year, p.value) for p in t.values]) == (metric, unit, values)


# -- Korean numerals with digit words: 1천5백억, 2만5천명, 1조 2천5백억원 --------------------

MIXED_AMOUNTS = [
    ("사업비 : (’21) 1천5백억 → (’25) 3천억", "억원", _pts((2021, 1500), (2025, 3000))),
    ("사업비 '23년 1천5백억원 → '24년 3천억원", "억원", _pts((2023, 1500), (2024, 3000))),
    ("사업비 : (’21) 1천 5백억 → (’25) 3천억", "억원", _pts((2021, 1500), (2025, 3000))),
    ("고용 인원 : (’21) 1천 2백명 → (’25) 1천 5백명", "명", _pts((2021, 1200), (2025, 1500))),
    ("예산 : (’23) 3백 5십억원 → (’24) 4백억원", "억원", _pts((2023, 350), (2024, 400))),
    ("투자 규모 : (’23) 1조 2천5백억원 → (’24) 2조원", "억원", _pts((2023, 12500), (2024, 20000))),
    ("고용 인원 : (’21) 2만5천명 → (’25) 3만명", "명", _pts((2021, 25000), (2025, 30000))),
    ("고용 인원 : (’21) 2만 5천명 → (’25) 3만명", "명", _pts((2021, 25000), (2025, 30000))),
    ("고용 인원 : (’21) 2만 5,000명 → (’25) 3만명", "명", _pts((2021, 25000), (2025, 30000))),
    ("고용 인원 '21년 1천5백명 → '25년 2천명", "명", _pts((2021, 1500), (2025, 2000))),
    ("교육인원 2만5천명(’21) → 3만명(’22)", "명", _pts((2021, 25000), (2022, 30000))),
    ("투자 규모 ’25년 목표 1천5백억원", "억원", _pts((2025, 1500))),
    ("일자리 ’25년 목표 2만5천명", "명", _pts((2025, 25000))),
    ("일자리 2만5천명 창출(’25)", "명", _pts((2025, 25000))),
]


@pytest.mark.parametrize(("line", "unit", "values"), MIXED_AMOUNTS, ids=[a[0] for a in MIXED_AMOUNTS])
def test_korean_numerals_with_digit_words(line: str, unit: str, values: list) -> None:
    (t,) = parse_targets(line)
    assert (t.unit, _values(t)) == (unit, values)
    assert t.text == line[t.start : t.end]


def _korean_digits(n: int) -> st.SearchStrategy[str]:
    """``n`` (1..9,999) as written before a scale word or unit: ``2500``, ``2천5백``, ``2천5백20``, ``2천 5백``."""
    thousands, hundreds = (f"{n // 1000}천" if n >= 1000 else ""), (f"{n // 100 % 10}백" if n % 1000 >= 100 else "")
    rest = str(n % 100) if n % 100 else ""
    spaced = thousands + (" " if thousands and hundreds else "") + hundreds + rest
    return st.sampled_from([str(n), thousands + hundreds + rest, spaced])


@st.composite
def korean_number(draw: st.DrawFn) -> tuple[str, str, int]:
    """A count in 명 (``2만5천명``, ``2만 5,000명``) or an amount in 억원 (``1조 2천5백억원``), and its value."""
    if draw(st.booleans()):
        n = draw(st.integers(10_001, 99_999_999).filter(lambda x: x % 10_000))
        high, low = divmod(n, 10_000)
        sep = draw(st.sampled_from(["", " "]))
        rest = f" {low:,}" if sep and low >= 1000 and draw(st.booleans()) else sep + draw(_korean_digits(low))
        if sep and rest.strip().isdigit() and "," not in rest:
            rest = rest.strip()  # a plain number after 만 is glued to it, or written 5,000
        return f"{high}만{rest}명", "명", n
    n = draw(st.integers(1, 99_999_999))
    high, low = divmod(n, 10_000)
    text = (f"{high}조" if high else "") + (" " if high and low else "") + (draw(_korean_digits(low)) + "억" if low else "") + "원"
    return text, "억원", n


@given(korean_number(), st.sampled_from(["year-value", "parens", "value-year"]))
@settings(max_examples=300)
def test_korean_numerals_round_trip(case: tuple[str, str, int], form: str) -> None:
    written, unit, value = case
    anchor = "100명" if unit == "명" else "100억원"  # a plain first point: the series is in 명 / 억원
    line, last = {
        "year-value": (f"- 참여 규모 ’21년 {anchor} → ’25년 {written}", written),
        "parens": (f"- 참여 규모 : (’21) {anchor} → (’25) {written}", written),
        "value-year": (f"- 참여 규모 {anchor}(’21) → {written}(’25)", f"{written}(’25)"),
    }[form]
    (t,) = parse_targets(line)
    assert (t.unit, _values(t)) == (unit, _pts((2021, 100), (2025, value)))
    assert t.text.endswith(last) and t.text == line[t.start : t.end]


# -- a scale word alone beside plain numbers: (’21) 42,360 → (’25) 6.5만 --------------------

BARE_SCALES = [
    ("교육인원 : (’21) 42,360 → (’25) 6.5만", None, _pts((2021, 42360), (2025, 65000))),
    ("교육인원(명) : (’21) 42,360 → (’25) 6.5만", "명", _pts((2021, 42360), (2025, 65000))),
    ("교육인원 : (’21) 42,360 → (’25) 6.5만 (명)", "명", _pts((2021, 42360), (2025, 65000))),
    ("교육인원(명) : (’21) 4만 → (’25) 6.5만", "명", _pts((2021, 40000), (2025, 65000))),
    # The metric's unit is the series' unit: the values are brought to it.
    ("교육인원(명) : (’21) 1만명 → (’25) 1.5만명", "명", _pts((2021, 10000), (2025, 15000))),
    ("사업비(억원) : (’21) 5,000 → (’25) 1.8조", "억원", _pts((2021, 5000), (2025, 18000))),
    ("사업비(백만원) : (’21) 10억 → (’25) 12억", "백만원", _pts((2021, 1000), (2025, 1200))),
    # Money when that keeps the values close: 20 → 30억 is 20 → 30 억원; 천 alone is no money.
    ("사업비 : (’21) 20 → (’25) 30억", "억원", _pts((2021, 20), (2025, 30))),
    ("참여 인원 : (’21) 5천 → (’25) 6천", "천", _pts((2021, 5), (2025, 6))),
]


@pytest.mark.parametrize(("line", "unit", "values"), BARE_SCALES, ids=[a[0] for a in BARE_SCALES])
def test_a_scale_word_alone_is_read_in_the_series_unit(line: str, unit: str | None, values: list) -> None:
    (t,) = parse_targets(line)
    assert (t.unit, _values(t)) == (unit, values)
    assert t.text == line[t.start : t.end]


@given(st.integers(1_000, 1_000_000), st.floats(0.5, 2.0), st.sampled_from(["", "(명)", "(건)"]))
@settings(max_examples=200)
def test_a_scale_word_alone_round_trip(first: int, ratio: float, unit: str) -> None:
    tenths = max(1, round(first * ratio / 1000))  # the second value in tenths of 만: 6.5만 is 65
    line = f"이용 인원{unit} : (’21) {first:,} → (’25) {tenths / 10:g}만"
    (t,) = parse_targets(line)
    assert _values(t) == _pts((2021, first), (2025, tenths * 1000))
    assert t.unit == (unit.strip("()") or None)


# -- two-digit years without their quote mark --------------------------------------------

BARE_YEARS = [
    # The passage writes its years with quote marks: a lost quote is still a year.
    ("- 청년 고용률 ’21년 42% → 25년 46%", "청년 고용률", "%", _pts((2021, 42), (2025, 46))),
    ("- 교육인원 42,360명(‘21) ⇒ 44,000명(22)", "교육인원", "명", _pts((2021, 42360), (2022, 44000))),
    ("○ ’23년 실적 점검, 청년 인턴 채용 24년도 목표 1,200명", "청년 인턴 채용", "명", _pts((2024, 1200))),
    ("○ ’23년 실적 점검, 공공 체육시설 24년까지 500개소 확충", "공공 체육시설", "개소", _pts((2024, 500))),
    ("○ ’23년 실적 점검, 민원 만족도 (24) 85% 달성", "민원 만족도", "%", _pts((2024, 85))),
    ("○ ’23년 실적 점검, 수소충전소 450기 구축(24)", "수소충전소", "기", _pts((2024, 450))),
]


@pytest.mark.parametrize(("line", "metric", "unit", "values"), BARE_YEARS, ids=[a[0] for a in BARE_YEARS])
def test_a_year_that_lost_its_quote_mark(line: str, metric: str, unit: str, values: list) -> None:
    (t,) = parse_targets(line)
    assert (t.metric, t.unit, _values(t)) == (metric, unit, values)
    assert t.text == line[t.start : t.end]


@pytest.mark.parametrize(
    "text",
    [
        # No quoted year in the passage: 24년 may be a duration, (24) a list number.
        "○ 청년 인턴 채용 24년 목표 1,200명",
        "- 청년 고용률 21년 42% → 25년 46%",
        "- 교육인원 42,360명(21) ⇒ 44,000명(22)",
        # Durations, lists and ranges stay what they are, quoted years or not.
        "○ ’23년 실적 점검, 향후 10년까지 500개소 확충",
        "○ ’23년 실적 점검, 근속 22년간 1,200명 달성",
        "○ ’23년 실적 점검, 시설 22년 동안 500개소 확충",
        "○ ’23년 실적 점검, 3년간 24년 목표 1,200명",
        "○ ’23년 실적 점검, UN평가 2010‧12‧14년 1위 달성",
        "○ ’23년 실적 점검, 사업기간 19~22년 500개소 확충",
    ],
)
def test_not_a_year(text: str) -> None:
    assert [t for t in parse_targets(text) if t.metric != "실적 점검"] == []


@given(
    st.sampled_from(GOAL_METRICS),
    st.sampled_from(GOAL_UNITS),
    st.integers(2010, 2099),
    st.integers(1, 9999),
    st.integers(0, 3),
    st.sampled_from(["‘", "’", "'"]),
)
@settings(max_examples=200)
def test_a_year_that_lost_its_quote_mark_round_trip(metric: str, unit: str, year: int, value: int, form: int, q: str) -> None:
    yy = f"{year % 100:02d}"
    goal = [
        f"{metric} {yy}년 목표 {value}{unit}",
        f"{metric} {yy}년도 목표 {value}{unit}",
        f"{metric} {yy}년까지 {value}{unit} 확충",
        f"{metric} ({yy}) {value}{unit} 달성",
    ][form]
    context = f"○ {q}{(year - 1) % 100:02d}년 실적 점검. "  # the passage writes its years with a quote
    (t,) = [t for t in parse_targets(context + "○ " + goal) if t.trend == "target"]
    assert (t.metric, t.unit, _values(t)) == (metric, unit, [(year, float(value))])
    assert parse_targets("○ " + goal) == ()  # no quoted year in the passage: no year


# -- money over a span is the span's total, whichever side names the unit ----------------


@given(
    st.sampled_from(["(억원)", "(백만원)", "(천원)", "(억 원)", ""]),
    st.sampled_from(["", "억원", "백만원"]),
    st.sampled_from(["", "매년 ", "연간 "]),
    st.integers(0, 4),
    st.integers(1, 999),
)
@settings(max_examples=200)
def test_money_over_a_span_round_trip(metric_unit: str, suffix: str, each: str, years: int, value: int) -> None:
    line = f"기금 전출{metric_unit} : (‘21→’{21 + years}) {each}{value}{suffix}"
    money = bool(metric_unit or suffix)
    found = parse_targets(line)
    if money and not each and years:
        assert found == ()
    else:
        (t,) = found
        assert [p.year for p in t.values] == list(range(2021, 2022 + years))


# -- a particle after a value is no part of the target's text ----------------------------


@pytest.mark.parametrize(
    "line, end",
    [
        ("○ 청년 취업자 수 : (’23) 1만명 → (’25) 1.5만명으로 확대", "1.5만명"),
        ("○ 청년 취업자 수 : (’23) 1만명에서 → (’25) 1.5만명으로 확대", "1.5만명"),
        ("○ 거점 : (’23) 5개소 → (’25) 10개소로 확대", "10개소"),
        ("○ 기금 전출 : (‘21→’25) 매년 20억으로 유지", "20억"),
    ],
)
def test_a_target_text_ends_at_the_unit_not_the_particle(line: str, end: str) -> None:
    (t,) = parse_targets(line)
    assert t.text.endswith(end) and t.text == line[t.start : t.end]


@given(
    st.sampled_from(["명", "개소", "억원", "만명", "회", "%"]),
    st.sampled_from(["으로", "로", "까지", "에서", "을", "를", "씩"]),
    st.integers(1, 9999),
    st.integers(1, 9999),
)
@settings(max_examples=200)
def test_a_particle_after_a_value_round_trip(unit: str, particle: str, a: int, b: int) -> None:
    line = f"○ 참여 규모 : (’23) {a}{unit} → (’25) {b}{unit}{particle} 확대"
    (t,) = parse_targets(line)
    assert (t.unit, _values(t)) == (unit, _pts((2023, a), (2025, b)))
    assert t.text == f"참여 규모 : (’23) {a}{unit} → (’25) {b}{unit}"
