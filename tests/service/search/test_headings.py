"""A numbered task title with no figure gives its place to the best passage right under it."""

from __future__ import annotations

from service.search.headings import children_first, yields_to_children

TITLE = "나. 한국형 수치예보모델 해상도 향상"
UNDER = ("Ⅲ. 주요 추진과제", "2. AI 기반 예보 혁신")


def _rank(cands: list[tuple[str, str, tuple[str, ...], str]]) -> list[str]:
    """``cands``: (document, kind, section, text) in ranked order → the texts in the order children_first gives."""
    ranked = [(i, 1.0 - i / 10) for i in range(len(cands))]
    read: list[list[int]] = []

    def texts(positions: list[int]) -> list[str]:
        read.append(positions)
        return [cands[p][3] for p in positions]

    out = children_first(ranked, lambda p: cands[p][:3], texts)
    assert [s for _, s in out] == [s for _, s in ranked]  # each place keeps its score
    assert all(cands[p][1] == "heading" for ps in read for p in ps)  # only headings' texts are read
    return [cands[p][3] for p, _ in out]


def test_a_task_title_and_its_line_swap_places():
    answer = "□ 전지구 모델 수평 해상도를 12km에서 8km로 높이고"
    cands = [
        ("kma", "row", ("Ⅱ. 비전",), "4대 전략 12개 추진과제 › 2. AI 기반 예보 혁신: 추진과제 ⑤ 한국형 수치예보모델 해상도 향상"),
        ("kma", "heading", UNDER, TITLE),
        ("kma", "goal", (*UNDER, TITLE), "ㅇ 슈퍼컴퓨터 6호기의 계산 성능을 활용"),
        ("kma", "goal", (*UNDER, TITLE), answer),
    ]
    # the best-ranked line under the title takes its place; the title goes where that line was
    assert _rank(cands) == [cands[0][3], cands[2][3], TITLE, answer]


def test_a_line_already_above_its_title_or_in_another_document_moves_nothing():
    line = ("kma", "goal", (*UNDER, TITLE), "□ 전지구 모델 수평 해상도 향상")
    other = ("kma-2024", "goal", (*UNDER, TITLE), "ㅇ 작년 계획의 같은 과제")
    heading = ("kma", "heading", UNDER, TITLE)
    assert _rank([line, heading]) == [line[3], TITLE]
    assert _rank([heading, other]) == [TITLE, other[3]]


def test_box_headings_and_headings_with_figures_keep_their_place():
    for title in ("□ <표준국어대사전> 개편 필요", "가. 공공언어 사용 평가 시행(신규 618백만원)", "■ 극한호우 긴급재난문자 확대"):
        assert not yields_to_children(title)
        cands = [("d", "heading", (), title), ("d", "goal", (title,), "ㅇ 그 아래 줄")]
        assert _rank(cands) == [title, "ㅇ 그 아래 줄"]
    for title in (TITLE, "1. 위험기상 대응 강화", "Ⅲ. 주요 추진과제", "1) 발송 기준 세분화"):
        assert yields_to_children(title), title
    assert not yields_to_children("극한호우 긴급재난문자")  # no outline marker: no task title
