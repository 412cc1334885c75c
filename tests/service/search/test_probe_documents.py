"""Probe documents: the shapes the held-out set has and our real files lack, searched end to end.

``tests/data/probes/`` holds short text documents written in the layout of an RFP, a notice, a budget
explanation, a policy brief and a ministry work plan; ``tests/data/probe_specs/`` holds more, written
as HWPX and PDF at test time (:mod:`tests.probe_files`): a press release, a work report, a second work
plan, a budget explanation with a project box per project, a bill, a council's ordinance bill, mid-term fiscal plans, a
performance plan, a report to a council, a bid notice, a research brief, a city's press release, an audit result, a budget
book, a 고시 and a statement of work (these four without queries: their lines and kinds are checked), and twelve more
written in the eighth and ninth rounds (work-report slides, a research report's chapter, a notice of proposed legislation, a
statistics release, a district department's report to its council, a contest guide, a work plan opening on a vision chart,
an RFP's requirement tables, a self-evaluation report, a ministry guideline, a 보도참고자료 and a mid-term plan's tables), and five
from the eleventh (a master plan's task cards, a council audit's follow-up, a work plan in other bullet glyphs, a performance
report and a staffing plan), and five from the twelfth (a budget explanation's 총괄표 under a two-row header and its
산출근거, a tenant notice for shops, an RFP whose requirements are listed a row each, a research brief with a summary
box and footnotes, and a press release with its 붙임 tables), and five from the fourteenth (a bill with its 신·구조문대비표, a
work plan whose chapters sit in one-cell boxes over ❶ tasks, a 세출예산 사업명세서 with its 산출기초, a results analysis whose
table has years over 목표 | 실적, and a landscape work report with a running header, page numbers and a 현황 | 대책 table).
``tests/data/probe_queries.json`` asks what a reader of each would. Every query must find its answer in
the top 3 of the hybrid list, except those marked ``miss`` (they must still miss it: a fix shows up).
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from service.evaluation import evaluate, load_queries, score_ranking
from tests.conftest import ROOT
from tests.probe_files import MERGED, blocks, pdf_text_is_whole, render_specs, unstyled

PROBES = ROOT / "tests" / "data" / "probes"
SPECS = ROOT / "tests" / "data" / "probe_specs"
QUERIES = ROOT / "tests" / "data" / "probe_queries.json"
MISSES = {q["q"]: q["miss"] for q in json.loads(QUERIES.read_text(encoding="utf-8"))["queries"] if "miss" in q}


@pytest.fixture(scope="module")
def probe_docs(tmp_path_factory):
    pytest.importorskip("hwpx", reason="python-hwpx (dev extra) writes the HWPX probes")
    pytest.importorskip("reportlab", reason="reportlab (dev extra) writes the PDF probes")
    d = tmp_path_factory.mktemp("probes") / "docs"
    if not pdf_text_is_whole(d.parent):
        pytest.skip("PDFium reads the PDF probes' Korean text whole only with a Korean font installed (fonts-noto-cjk; .ci/run installs it)")
    shutil.copytree(PROBES, d)
    render_specs(SPECS, d)
    return d


@pytest.fixture(scope="module")
def probe_index(probe_docs, embedder):
    from indexer import build_index
    from service.search import load_index

    build_index([probe_docs], probe_docs.parent / "index", embedder=embedder)
    return load_index(probe_docs.parent / "index", embedder=embedder)


def test_every_probe_document_has_its_kind(probe_index):
    kinds = {doc.doc_id: doc.doc_type for doc in probe_index.corpus.documents.values()}
    assert kinds == {
        "rfp-kwater-digital-platform": "rfp", "notice-sejong-happy-housing": "notice", "budget-explanation-2024": "budget",
        "brief-living-population": "report", "work-plan-2024": "work-plan", "press-release-return-farming": "press-release",
        "work-report-water-2024": "work-report", "work-plan-culture-2025": "work-plan", "budget-smart-farm-2024": "budget",
        "bill-farmland-2024": "bill", "bill-ordinance-busan-2024": "bill", "midterm-fiscal-plan-2024-environment": "plan", "brief-vacant-houses": "report",
        "rfp-seoul-ai-chatbot-2024": "rfp", "notice-youth-rent-2024": "notice", "budget-explanation-mafra-2024": "budget",
        "press-release-ai-2025": "press-release", "work-report-welfare-2025": "work-report",
        "perf-plan-mfds-2025": "plan", "council-report-asan-jobs-2025": "work-report", "bid-notice-bucheon-its-2024": "notice",
        "midterm-2025-daejeon-welfare": "plan", "brief-youth-outflow-2024": "report", "press-release-changwon-youth-2025": "press-release",
        "audit-result-gimhae-welfare-2024": "report", "budget-book-gongju-jobs-2025": "budget", "rule-mss-startup-voucher-2024": "law",
        "sow-gwangju-bus-bis-2024": "rfp",
        "workreport-slides-mote-2025": "work-report", "research-report-ch2-2024": "report",
        "legislative-notice-enforcement-decree-2024": "notice", "stats-release-births-2024": "press-release",
        "gu-dept-report-2025": "work-report", "contest-guide-village-2025": "notice", "work-plan-vision-chart-2025": "work-plan",
        "rfp-requirements-2025": "rfp", "self-evaluation-report-2024": "report", "guideline-local-budget-2025": "report",
        "press-reference-qa-2025": "press-release", "midterm-plan-sector-tables-2025": "plan",
        "master-plan-jeonnam-smartfarm-2025": "plan", "council-audit-followup-suwon-2024": "report",
        "work-plan-glyphs-mois-safety-2025": "work-plan", "perf-report-busan-culture-2025": "report",
        "org-reform-daegu-suseong-2025": "plan",
        "round12-budget-explanation-moef-2024": "budget", "round12-notice-tenant-shop-2024": "notice",
        "round12-rfp-requirement-list-2024": "rfp", "round12-brief-footnotes-drt-2024": "report",
        "round12-press-release-attachments-2025": "press-release", "rfp-outline-styles-tax-2024": "rfp",
        "round13-work-report-forest-2025": "work-report", "round13-notice-national-rental-2024": "notice",
        "round13-rfp-cards-multiline-2024": "rfp", "round13-budget-sewage-regions-2024": "budget",
        "round13-press-release-comparison-2025": "press-release",
        "round14-bill-comparison-table-2024": "bill", "round14-work-plan-boxed-titles-2025": "work-plan",
        "round14-budget-sejul-detail-2025": "budget", "round14-perf-stats-two-row-header-2025": "report",
        "round14-work-report-landscape-2025": "work-report",
        "round14v-care-service-gyeongbuk-2025": "budget", "round14v-budget-welfare-pohang-2025": "budget",
        "round15-midterm-plan-wonju-transport-2025": "plan", "round15-work-plan-yeonsu-economy-2025": "work-plan",
        "round15-bill-ordinance-namwon-birth-2025": "bill",
        "round16-budget-explanation-mcst-sports-center-2025": "budget", "round16-rfp-busan-metro-lift-monitoring-2025": "rfp",
        "round16-press-release-gangwon-night-pediatric-2025": "press-release",
        "round17-bill-assembly-apartment-management-2025": "bill", "round17-work-report-jinan-agri-center-2025": "work-report",
        "round17-brief-climate-institute-heat-shelter-2025": "report",
        "round18-notice-gwangmyeong-old-shop-renewal-2025": "notice", "round18-perf-report-moel-industrial-safety-2024": "report",
        "round18-audit-disposition-chungbuk-yeongdong-2025": "report",
        "round19-midterm-fiscal-gun-gochang-2025": "plan", "round19-work-plan-kma-weather-2025": "work-plan",
        "round19-project-description-mof-small-vessel-tracking-2026": "budget",
        "round20-bill-ordinance-icheon-happy-taxi-2025": "bill", "round20-work-report-assembly-fishing-port-agency-2025": "work-report",
        "round20-press-release-nfa-home-fire-alarm-2025": "press-release",
        "round21-budget-explanation-seoul-gu-library-2026": "budget", "round21-rfp-province-disaster-sensor-2026": "rfp",
        "round21-research-report-krihs-rural-vacancy-2025": "report",
        "round22-work-plan-city-suwon-transport-2026": "work-plan", "round22-notice-province-youth-startup-2026": "notice",
        "round22-bill-assembly-ev-charging-2026": "bill",
        "round23-midterm-fiscal-province-2026-2030": "plan", "round23-work-report-province-council-health-2025": "work-report",
        "round23-press-release-ministry-heatwave-2025": "press-release",
        "round24-implementation-plan-province-balanced-development-2026": "plan",
        "round24-council-budget-review-report-city-2026": "report", "round24-press-release-education-office-2026": "press-release",
        "round25-budget-explanation-ministry-calculation-basis-2026": "budget",
        "round25-work-plan-county-results-and-plans-2026": "work-plan", "round25-committee-review-report-assembly-bill-2026": "report",
        "round26-rfp-public-agency-data-platform-2026": "rfp", "round26-midterm-local-fiscal-plan-city-sector-2026": "plan",
        "round26-notice-ministry-subsidy-guideline-2026": "report",
        "round27-business-plan-city-corporation-2026": "plan", "round27-safety-management-plan-city-2026": "plan",
        "round27-council-questions-answers-2025": "report",
        "round28-press-explanation-ministry-2026": "press-release", "round28-recruitment-notice-public-agency-2026": "notice",
        "round28-supplementary-budget-proposal-county-2026": "budget",
        "round29-consent-bill-public-property-plan-city-2026": "bill", "round29-budget-explanation-ministry-landscape-2026": "budget",
        "round29-work-report-agency-assembly-2026": "work-report",
        "round30-work-plan-province-bureau-2026": "work-plan", "round30-regional-health-plan-annual-city-2026": "plan",
        "round30-rfp-city-smart-parking-2026": "rfp",
        "round31-gender-budget-statement-city-2026": "budget", "round31-fund-operation-plan-ministry-2026": "budget",
        "round31-council-minutes-committee-2025": "report",
        "round32-participatory-budget-results-gu-2026": "report", "round32-written-answers-audit-ministry-2025": "report",
        "round32-feasibility-summary-province-2026": "report",
        "round33-work-plan-education-office-2026": "work-plan", "round33-midterm-fiscal-metro-city-2026-2030": "plan",
        "round33-rfp-maintenance-sla-agency-2026": "rfp",
        "round34-project-explanation-ministry-subsidy-2026": "budget", "round34-work-report-province-council-2026": "work-report",
        "round34-bill-ordinance-enactment-county-2026": "bill",
        "round35-pledge-implementation-plan-mayor-2026": "plan", "round35-settlement-inspection-opinion-county-2025": "budget",
        "round35-committee-deliberation-results-city-2026": "report",
        "round36-joint-evaluation-results-province-2025": "plan", "round36-mou-press-and-agreement-city-2026": "press-release",
        "round36-disaster-response-manual-gun-2026": "plan",
        "round37-local-fiscal-disclosure-city-2025": "report", "round37-festival-results-report-county-2025": "report",
        "round37-public-hearing-material-province-2026": "plan",
        "round38-school-parent-letter-education-office-2026": "notice",
        "round38-environmental-impact-summary-city-2026": "report", "round38-rule-amendment-organization-city-2026": "law",
        "round39-admin-audit-results-council-2026": "report", "round39-statistical-yearbook-county-2025": "report",
        "round39-local-subsidy-grant-decision-city-2026": "notice",
        "round40-civil-petition-manual-district-2026": "report", "round40-policy-research-final-report-institute-2025": "report",
        "round40-national-agenda-implementation-plan-ministry-2026": "plan",
        "round41-public-property-plan-bill-county-2026": "bill", "round41-budget-expenditure-statement-city-2026": "budget",
        "round41-gender-impact-assessment-report-city-2025": "report",
        "round42-local-investment-review-results-province-2026": "report",
        "round42-public-agency-management-report-foundation-2025": "report", "round42-integrity-policy-plan-city-2026": "plan",
        "round43-urban-plan-decision-notice-city-2026": "notice", "round43-nabo-program-evaluation-2025": "report",
        "round43-heavy-rain-situation-report-county-2026": "report",
        "round44-public-library-operation-plan-city-2026": "plan", "round44-agri-tech-pilot-results-county-2025": "report",
        "round44-school-space-innovation-contest-guide-office-2026": "notice",
    }
    titles = {doc.doc_id: doc.title for doc in probe_index.corpus.documents.values()}
    # the headline after a masthead that names its ministry, not the masthead
    assert titles["press-release-return-farming"] == "귀농·귀촌 인구 2년 연속 감소, 청년 귀농은 늘어"
    assert titles["bill-farmland-2024"] == "농지법 일부개정법률안"
    assert titles["bill-ordinance-busan-2024"] == "부산광역시 반려동물 보호 및 복지 조례 일부개정조례안"
    # not the author's byline after it
    assert titles["brief-vacant-houses"] == "빈집 정비를 통한 지방 정주여건 개선 방안"
    # not a series' name with its volume, nor a masthead box's first row (``| 보도자료 | 2025. 4. 2.(수) 배포 |``)
    assert titles["round12-brief-footnotes-drt-2024"] == "농촌 고령자의 이동권 보장을 위한 수요응답형 교통(DRT) 확대 방안"
    assert titles["round12-press-release-attachments-2025"] == "지방소멸대응 생활인프라 공모, 18개 시·군 최종 선정"
    # nor a masthead cell merged across its box (``| 보도자료 | 보도자료 | 보도자료 | 보도자료 |`` as read)
    assert titles["round13-press-release-comparison-2025"] == "위기가구 긴급복지 지원 문턱 낮춘다"
    # nor a running header that shortens the title above it (one page, so no other page repeats it)
    assert titles["round14-perf-stats-two-row-header-2025"] == "청주시 공공자전거 운영 성과 분석"
    # nor the act the plan is made under, printed under its title (and as its running header)
    assert titles["round27-safety-management-plan-city-2026"] == "2026년 서림시 안전관리계획"
    # a notice's own title under its number, not the running header's short form of it
    assert titles["round28-recruitment-notice-public-agency-2026"] == "2026년 상반기 한국수자원환경공단 신입·경력직원 채용 공고"
    # nor the council named alone over a bill's box
    assert titles["round29-consent-bill-public-property-plan-city-2026"] == "2026년도 제1차 공유재산 관리계획 변경안"
    # nor the period a plan covers, printed in parentheses under its title
    assert titles["round30-regional-health-plan-annual-city-2026"] == "제9기 익산시 지역보건의료계획 2026년도 시행계획"
    # nor the running header's short form printed over a title set on two lines
    assert titles["round32-feasibility-summary-province-2026"] == "지방도 1017호선 솔섬 연륙교 건설사업 타당성조사 결과 요약 보고"
    assert titles["round14-work-report-landscape-2025"] == "2025년 도시안전국 주요업무 보고"
    # nor twice, when the running header over it is the fuller form (``2025년 기상청 업무계획`` over ``2025년 업무계획``)
    assert titles["round19-work-plan-kma-weather-2025"] == "2025년 기상청 업무계획 국민 안전을 지키는 촘촘하고 빠른 기상정보"
    # nor a study's authors under it, nor a cover word the running header already ends on
    assert titles["round21-research-report-krihs-rural-vacancy-2025"] == "농촌 빈집 실태 분석과 정비ㆍ활용 활성화 방안"
    assert titles["round21-rfp-province-disaster-sensor-2026"] == "충청남도 IoT 기반 재난감지 센서망 구축 사업 제안요청서"


def _squash(s: str) -> str:
    return re.sub(r"[\s|·›:]+", "", s)


# Lines that are the metadata's and no passage's: a press release's masthead, a table of contents, a page number.
# (and a caption line, which lives on in its table's rows, as their caption)
_NOT_TEXT = re.compile(r"^(?:농림축산식품부 보도자료|보도참고자료|보 도 자 료|보도시점.*|순 서|보 ?고 ?순 ?서|.*·{3,}\s*\d+|[<‹〈]\s*참고\s*[>›〉]\s*.*|[<‹〈\[]\s*표\s*[\d-]*\s*[>›〉\]]\s*.*|목\s+차|차\s+례|- \d+ -|\d+ / \d+|\((?:다음 쪽에 |표 )?계속\))$")
# A contents page typed as a table, under its title: dropped with it.
_TOC_TITLE = re.compile(r"^(?:목\s+차|차\s+례)$")
# A picture's placeholder as a spec writes it (``[IMAGE] 위치도 ①``): the readers' marker, never text.
_IMAGE = re.compile(r"\[IMAGE\]\s*")
_TABLE_NUMBER = re.compile(r"^[<‹〈【\[]\s*(?:표|그림)\s*(?:\d+[.\-])*\d*\s*[>›〉】\]]\s*(?=\S)")
_STRIP_ENTRY = re.compile(r"^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]\.|붙임$)")
# A release's masthead fields in its contact box (``| 배포일시 | 2025. 3. 13. | 사진 | 있음(2매) |``): the key and its value.
_MASTHEAD_KEY = re.compile(r"^(?:배포\s*일시|보도\s*일시|사진|자료|쪽\s*수)$")


@pytest.mark.parametrize("spec", sorted(SPECS.glob("*.md")), ids=lambda p: p.name)
def test_no_line_of_a_probe_is_lost(probe_index, spec):
    """Every paragraph and cell of the spec is in some passage (a budget explanation's first project
    once lost its 사업목적 to the table-of-contents rule)."""
    doc_id = spec.name.split(".")[0]
    # (a PDF's footnote is written as the HWP readers write one: ``[^1]`` at its mark, ``[^1]: …`` its note)
    text = _squash(re.sub(r"\[\^(\d+)\]:?", r"\1)", " ".join(p.text for p in probe_index.corpus.passages if p.doc_id == doc_id)))
    text += _squash(probe_index.corpus.documents[doc_id].title)
    pieces = [unstyled(v) for kind, v in blocks(spec.read_text(encoding="utf-8")) if kind == "p" and not _NOT_TEXT.match(v)]
    spec_blocks = blocks(spec.read_text(encoding="utf-8"))
    for (before_kind, before), (kind, rows) in zip([("p", ""), *spec_blocks], spec_blocks):
        strip = len(rows) == 1 and all(_STRIP_ENTRY.match(c) for c in rows[0])  # a slide deck's contents strip
        if kind == "table" and not _NOT_TEXT.match(rows[0][0]) and not (before_kind == "p" and _TOC_TITLE.match(before)) and not strip:
            # the header's first cell (구분, 사업명) only names the column of row labels (the second, after a
            # serial column: | 연번 | 시·도 | … |, whose numbers are dropped)
            labels = 2 if rows[0][0] in ("연번", "순번", "번호") else 1
            pieces += [
                c.replace("<br>", " ") for r, row in enumerate(rows) for k, c in enumerate(row)
                if c and c not in MERGED and not (r == 0 and k < labels) and not (r > 0 and k < labels - 1)
                and not _MASTHEAD_KEY.match(row[k - k % 2])
            ]  # (a cell's lines, ``<br>``, as one text; a ``<`` or ``^`` cell is the merged cell left of it or above)
    # (a Latin ``o`` typed as a bullet is read as the bullet ``○``; a caption framed ``< … >`` is read without its frame, a
    # numbered one, ``<표 1.3-1> 토지이용계획``, without its number: its table's rows carry it)
    lost = [x for x in pieces if _squash(re.sub(r"^[oｏ](?=\s)", "○", re.sub(r"^[<‹〈]\s*(.+?)\s*[>›〉]$", r"\1", _TABLE_NUMBER.sub("", _IMAGE.sub("", x)))))
            not in text]
    # a contents page's entries (``목 차`` over lines until the body's first styled heading) need not reappear: an
    # enclosure listed there (``붙임 … 신청서(회신서) 1부``) is the annex's own heading further on
    toc, inside = set(), False
    for kind, v in spec_blocks:
        if kind == "p" and _TOC_TITLE.match(unstyled(v).strip()):
            inside = True
        elif inside and (kind != "p" or v.lstrip().startswith("{")):
            inside = False
        elif inside:
            toc.add(unstyled(v))
    lost = [x for x in lost if x not in toc]
    # a ``구분 | 내용`` header names nothing (nor its second pair, ``| 구 분 | 내 용 | 구 분 | 내 용 |``, nor ``추진 내용``
    # over a two-column table's only text); a bill's promulgation number is a blank form field (법률 제 호, 남원시 조례 제 호)
    assert [x for x in lost if not re.fullmatch(r"\S*내용|구분", _squash(x)) and not re.fullmatch(r"\S+(?:\s+\S+)?\s+제\s+호", x)] == []


# A noted miss is expected to fail, not required to: dense scores differ a little between CPUs (the bundled engine's
# kernels), so a query near the 3rd place may pass on one machine and miss on another; one that passes shows as XPASS.
_QUERY_CASES = [
    pytest.param(q, marks=pytest.mark.xfail(reason=MISSES[q.q], strict=False)) if q.q in MISSES else q
    for q in load_queries(QUERIES)
]


@pytest.mark.parametrize("query", _QUERY_CASES, ids=lambda q: q.q)
def test_each_probe_query_finds_its_answer_in_the_top_3(probe_index, query):
    """An answer of the best grade in the top 3 (a query with two such answers needs one of them)."""
    texts = [h.text for h in probe_index.search(query.q, k=10).hits]
    best = max(query.rel.values())
    assert score_ranking(texts[:3], {u: g for u, g in query.rel.items() if g == best}, k=3)[1] > 0, texts[:3]


def test_the_probe_set_as_a_whole(probe_index):
    report = evaluate(lambda q: [h.text for h in probe_index.search(q, k=10).hits], load_queries(QUERIES), "hybrid")
    # 0.87 over the 55 queries when the HWPX and PDF probes were added (each answer in the top 10); 0.797 over the
    # 241 once round 12's 30 came, eight of them paraphrases that share no word with their answer (0.82 over the 211 before);
    # 0.780 over the 400 once blind rounds 16 and 17 came (their 42 queries 0.55 and 0.55), 0.772 over 421 with round 18 (0.62);
    # 0.760 over 442 with round 19 (0.58), on a machine where the 421 score 0.769; 0.761 over 463 with round 20 (0.65);
    # 0.748 over 484 with round 21 (0.40 on arrival, 0.46 after its fixes); 0.736 over 505 with round 22 (0.56);
    # 0.722 over 526 with round 23 (0.51; its welfare, heat and fiscal documents also outrank older probes' answers);
    # 0.720 over 547 with round 24 (0.69 on arrival, 0.72 after its fixes); 0.719 over 568 with round 25 (0.66);
    # 0.713 over 589 with round 26 (0.65; its 빈집 guideline and RFP also answer older probes' questions); 0.710 over 610
    # with round 27 (0.67; 0.79 alone); 0.711 over 631 with round 28 (0.58) once a query may name a document by its issuer;
    # 0.710 over 652 with round 29 (0.74; its 산림청 report also answers older 산불 and 재선충 probes); 0.707 over 673 with
    # round 30 (0.62); 0.694 over 715 with rounds 31 and 32 (0.49 and 0.49: committee minutes, 국정감사 written answers and a
    # 주민참여예산 result, asked in everyday words; the 673 before them 0.707); 0.676 over 757 with rounds 33 and 34 (0.50
    # and 0.40: an 교육청 plan, a 중기지방재정계획, a 통합돌봄 사업설명자료 and a 농림축산국 report beside older probes of
    # the same subjects; the 673 0.703); 0.660 over 799 with rounds 35 and 36 (0.38 and 0.43: a pledge plan, a 결산
    # 검사의견서, a planning committee's results, a 합동평가 report, an MOU with its agreement and a disaster manual, asked
    # mostly in everyday words; the 757 before them 0.674); 0.656 over 841 with rounds 37 and 38 (0.55 and 0.58: a 재정공시, a
    # festival's results, a 공청회 handout, a school letter, an environmental impact summary and a rule's amendment notice);
    # 0.626 over 967 with rounds 39–44 (0.41, 0.52, 0.50, 0.47, 0.41 and 0.57: an audit's results, a yearbook, a subsidy
    # letter, a 민원 manual, a research report, a 국정과제 plan, a 공유재산 bill, a 세출 statement, a 성별영향평가, an investment
    # review, a foundation's report, an integrity plan, a planning notice, a NABO evaluation, a flood report, a library
    # plan, a pilot's results and a contest guide; the 841 before them 0.648 beside their documents)
    assert report.ndcg >= 0.62, report
    # every query but the noted misses finds an answer in the top 10 (a query with several judged passages may
    # lose one of them to the other documents' text)
    assert [q.q for q in report.per_query if q.recall == 0.0 and q.q not in MISSES] == []
