"""The fixed query set every latency figure uses: the 15 dev queries plus realistic extras.

The extras are what residents, officials and a chatbot backend type against a
city's plan: short keyword queries, natural-language questions, a long
question, queries with numbers and Latin, and a few with no answer in the
corpus (they still cost a full search). The set never changes between runs,
so numbers stay comparable.
"""

from __future__ import annotations

from pathlib import Path

from service.evaluation import EvalQuery, load_queries

from .common import ROOT

__all__ = ["DEV_QUERIES_PATH", "EXTRA_QUERIES", "benchmark_queries", "dev_queries"]

DEV_QUERIES_PATH = ROOT / "tests" / "data" / "dev_queries.json"

EXTRA_QUERIES: tuple[str, ...] = (
    "청렴한 인천 실현",
    "불합리한 규제 개선",
    "남북교류 협력 기금",
    "북한이탈주민 지원",
    "인권 교육",
    "마을공동체 만들기 지원사업",
    "시민 소통 홍보 전략",
    "뉴미디어 SNS 홍보",
    "도시브랜드 마케팅",
    "공공데이터 개방 확대",
    "사이버침해대응센터 운영 건수",
    "정보소외계층 정보화교육",
    "리빙랩 운영",
    "국제기구 UNESCAP 지원",
    "민원 전화 120 일원화",
    "시청사 통합 복합청사 건립",
    "지방세 징수율 제고",
    "공론조사와 갈등관리",
    "비영리민간단체 공익활동",
    "2025년까지 목표가 늘어나는 사업은?",
    "시민이 직접 정책을 제안하려면 어떻게 해야 하나요",
    "인천시가 스마트도시를 만들기 위해 추진하는 사업과 그 성과 지표를 알려줘",
    "IDC 유지관리",
    "코로나 방역 대책",
    "청년 주거 지원",
)


def dev_queries(path: Path = DEV_QUERIES_PATH) -> list[EvalQuery]:
    """The dev set with its relevance judgements (for quality figures)."""
    return load_queries(path)


def benchmark_queries() -> list[str]:
    """The latency query set: dev queries first, then the extras (40 queries)."""
    return [q.q for q in dev_queries()] + list(EXTRA_QUERIES)
