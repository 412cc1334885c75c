"""The search page, driven in a real (headless, system) Chromium against the real server.

Screenshots of the results page, a passage in context, the audit view and the
phone-width layout go to ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import re
import urllib.parse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

QUERY = "스마트도시 관련 사업"


def _real_errors(problems) -> list[str]:
    # Chromium logs every 4xx/5xx fetch as "Failed to load resource"; that is the page working as intended.
    return [e for e in problems.errors if "Failed to load resource" not in e]


def _search(page, base: str, query: str = QUERY) -> None:
    page.goto(base + "/")
    box = page.get_by_label("검색어", exact=True)
    box.click()
    box.fill(query)
    box.press("Enter")


def _no_horizontal_overflow(page) -> None:
    widths = page.evaluate(
        """() => {
          const vw = document.documentElement.clientWidth;
          const wide = [...document.querySelectorAll('body *')]
            .filter(el => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
            .filter(el => el.getBoundingClientRect().right > vw + 1)
            .slice(0, 5).map(el => el.tagName + '.' + el.className + ' ' + Math.round(el.getBoundingClientRect().right));
          return {scroll: document.documentElement.scrollWidth, vw, wide};
        }"""
    )
    assert widths["scroll"] <= widths["vw"], f"horizontal overflow at {widths['vw']}px: {widths}"
    assert not widths["wide"], f"elements stick out at {widths['vw']}px: {widths['wide']}"


def test_search_shows_highlighted_results_with_targets(new_page, server_url, screenshots):
    page, problems = new_page()
    _search(page, server_url)

    hits = page.locator("#results > li.hit")
    hits.first.wait_for()
    assert hits.count() >= 5
    # Matched morphemes are highlighted, with <mark>, and they are words of the query.
    marks = page.locator("#results mark")
    assert marks.count() > 0
    marked = " ".join(marks.all_text_contents())
    assert "스마트" in marked or "도시" in marked or "사업" in marked, marked
    # Quantitative targets: a small table and a sparkline with the trend.
    table = page.locator("#results .target-table").first
    assert table.is_visible()
    assert re.search(r"’2\d", table.inner_text())
    assert page.locator("#results .target-viz svg polyline").count() > 0
    assert page.locator("#results .trend-chip").first.inner_text().strip() in {"▲ 증가", "▶ 유지", "▼ 감소", "◎ 목표"}
    # Breadcrumb, document title and page.
    first = hits.first
    assert first.locator(".crumbs li").count() >= 2
    assert "p. " in first.locator(".meta").inner_text()
    # The result count is announced; the query is in the URL (shareable).
    status = page.locator("#status")
    assert status.get_attribute("aria-live") == "polite"
    assert re.search(r"결과 \d+\+?건", status.inner_text())
    assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["q"] == [QUERY]

    page.screenshot(path=str(screenshots / "results.png"), full_page=True)
    assert not problems.external, f"the page fetched from outside the server: {problems.external}"
    assert not _real_errors(problems), problems.errors


def test_url_state_is_shareable_and_back_forward_work(new_page, server_url, api):
    page, problems = new_page()
    # Open a shared link directly: the form is filled and the search runs.
    page.goto(server_url + "/?" + urllib.parse.urlencode({"q": QUERY, "mode": "lexical"}))
    page.locator("#results > li.hit").first.wait_for()
    assert page.get_by_label("검색어", exact=True).input_value() == QUERY
    assert page.locator("#mode-lexical").is_checked()
    assert "키워드 검색" in page.locator("#status").inner_text()

    # Switch the mode with the keyboard-operable segmented control: the URL follows.
    page.locator("label[for=mode-dense]").click()
    page.wait_for_url(re.compile(r"mode=dense"))
    page.wait_for_function("document.querySelector('#status').textContent.includes('의미 검색')")

    # Back restores the previous mode (and its results), forward goes again.
    page.go_back()
    page.wait_for_url(re.compile(r"mode=lexical"))
    page.wait_for_function("document.querySelector('#status').textContent.includes('키워드 검색')")
    assert page.locator("#mode-lexical").is_checked()
    page.go_forward()
    page.wait_for_url(re.compile(r"mode=dense"))
    assert page.locator("#mode-dense").is_checked()

    # Filters go into the URL too.
    doc_id = api(server_url + "/documents")[1]["documents"][0]["doc_id"]
    page.get_by_label("문서", exact=True).select_option(doc_id)
    page.wait_for_url(re.compile(r"doc="))
    page.get_by_label("유형", exact=True).select_option("goal")
    page.wait_for_url(re.compile(r"kind=goal"))
    page.wait_for_function("document.querySelector('#status').textContent.includes('필터')")
    kinds = page.locator("#results .meta .chip").all_text_contents()
    assert kinds and all(k == "목표" for k in kinds if k in {"목표", "세부 항목", "문단", "조문", "항목", "문장"})
    assert not _real_errors(problems), problems.errors


def _context_ids(api, base: str) -> tuple[str | None, str | None]:
    """(a hit whose passage has a parent goal, a hit whose passage has sub-items) for QUERY."""
    _, res = api(base + "/search?" + urllib.parse.urlencode({"q": QUERY, "k": 20}))
    with_parent = with_children = None
    for hit in res["results"]:
        _, ctx = api(base + "/passages/" + urllib.parse.quote(hit["passage_id"], safe=""))
        if ctx["parent"] and not with_parent:
            with_parent = hit["passage_id"]
        if ctx["children"] and not with_children:
            with_children = hit["passage_id"]
    return with_parent, with_children


def test_open_passage_in_its_document_context(new_page, server_url, screenshots, api):
    with_parent, with_children = _context_ids(api, server_url)
    assert with_parent and with_children, "the corpus should give both a sub-item and a goal with sub-items"
    page, problems = new_page()
    _search(page, server_url)
    page.locator("#results > li.hit").first.wait_for()

    # A sub-item: the detail shows its parent goal.
    page.locator(f'#results li.hit[data-passage="{with_parent}"] .open-link').click()
    detail = page.locator("#detail")
    detail.wait_for()
    page.locator("#detail-parent").wait_for()
    assert "상위 목표" in detail.inner_text()
    assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["p"] == [with_parent]
    assert page.locator(f'#results li.hit[data-passage="{with_parent}"]').get_attribute("class").count("is-open") == 1
    # Focus moved into the panel (keyboard users land there).
    page.wait_for_function("document.activeElement && document.activeElement.id === 'detail-heading'")

    # A goal with sub-items, opened by clicking the card itself.
    page.locator(f'#results li.hit[data-passage="{with_children}"] .hit-text').click()
    page.locator("#detail-children").wait_for()
    assert page.locator("#detail-children li").count() >= 1
    assert "세부 항목" in page.locator("#detail-children h3").inner_text()
    assert page.locator("#detail .ctx-nav a").count() >= 1  # previous / next neighbours
    page.screenshot(path=str(screenshots / "passage.png"), full_page=False)

    # The detail has its own URL: reloading it shows the same passage.
    page.reload()
    page.locator("#detail-children").wait_for()

    # Escape closes the panel and removes the passage from the URL.
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector('#detail').hidden")
    assert "p=" not in page.url
    assert not _real_errors(problems), problems.errors


def test_audit_view_lists_duplicate_clusters_and_flat_targets(new_page, server_url, screenshots, api):
    page, problems = new_page()
    page.goto(server_url + "/")
    page.get_by_role("link", name="감사").click()
    page.wait_for_url(re.compile(r"view=audit"))

    clusters = page.locator("#dup-list > li.cluster")
    clusters.first.wait_for()
    _, dups = api(server_url + "/duplicates")
    assert clusters.count() == len(dups["clusters"]) > 0
    assert page.locator("#dup-list .chip.kind-exact").count() > 0
    assert re.search(r"묶음 \d+개", page.locator("#dup-status").inner_text())

    flat_rows = page.locator("#flat-body > tr")
    flat_rows.first.wait_for()
    _, flat = api(server_url + "/targets?trend=flat")
    assert flat_rows.count() == flat["count"] > 0
    assert "’2" in flat_rows.first.inner_text()
    page.screenshot(path=str(screenshots / "audit.png"), full_page=True)

    # Filter by kind and scope; the URL follows.
    page.get_by_label("종류", exact=True).select_option("near")
    page.wait_for_url(re.compile(r"dkind=near"))
    page.wait_for_function(
        "() => { const c = [...document.querySelectorAll('#dup-list .cluster-head .chip')]; "
        "return c.length > 0 && c.every(x => x.classList.contains('kind-near')); }"
    )
    _, near = api(server_url + "/duplicates?kind=near")
    assert clusters.count() == len(near["clusters"])
    page.get_by_label("범위", exact=True).select_option("same-section")
    page.wait_for_url(re.compile(r"scope=same-section"))

    # CSV downloads (UTF-8 with BOM, one row per member).
    page.get_by_label("종류", exact=True).select_option("")
    page.get_by_label("범위", exact=True).select_option("")
    page.wait_for_function(f"document.querySelectorAll('#dup-list > li.cluster').length === {len(dups['clusters'])}")
    with page.expect_download() as dl:
        page.locator("#dup-csv").click()
    text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert text.splitlines()[0].startswith("cluster,kind,scope,similarity")
    assert len(text.strip().splitlines()) == 1 + sum(len(c["members"]) for c in dups["clusters"])
    with page.expect_download() as dl:
        page.locator("#flat-csv").click()
    flat_csv = open(dl.value.path(), encoding="utf-8-sig").read()
    assert len(flat_csv.strip().splitlines()) == 1 + flat["count"]
    assert flat["targets"][0]["metric"] in flat_csv

    # A cluster member opens in its document context.
    page.locator("#dup-list .cluster a").first.click()
    page.wait_for_url(re.compile(r"p="))
    page.locator("#detail .ctx.current").wait_for()
    assert not _real_errors(problems), problems.errors


def test_overlong_query_shows_the_servers_message(new_page, server_url, api):
    long_query = "스마트도시 " * 120  # 720 characters
    status, body = api(server_url + "/search?" + urllib.parse.urlencode({"q": long_query}))
    assert status == 422
    page, problems = new_page()
    _search(page, server_url, long_query)
    msg = page.locator("#message")
    msg.wait_for()
    assert body["detail"] in msg.inner_text()
    assert "검색어가 너무 깁니다" in msg.inner_text()
    assert page.locator("#results > li").count() == 0
    assert not _real_errors(problems), problems.errors


def test_empty_and_error_states_say_what_to_do(new_page, server_url):
    page, problems = new_page()
    # No results: suggest other modes.
    page.goto(server_url + "/?" + urllib.parse.urlencode({"q": "쿼크글루온플라즈마", "mode": "lexical"}))
    msg = page.locator("#message")
    msg.wait_for()
    assert "찾지 못했습니다" in msg.inner_text()
    assert "단어 수를 줄이" in msg.inner_text()
    msg.get_by_role("button", name=re.compile("의미 검색으로")).click()
    page.wait_for_url(re.compile(r"mode=dense"))

    # The server cannot be reached.
    page.route(re.compile(r".*/search\?.*"), lambda route: route.abort())
    _search(page, server_url, "주민자치")
    msg.wait_for()
    page.wait_for_function("document.querySelector('#message').textContent.includes('서버에 연결할 수 없습니다')")
    assert page.locator("#message").get_by_role("button", name="다시 시도").is_visible()

    # A 5xx answer.
    page.unroute(re.compile(r".*/search\?.*"))
    page.route(
        re.compile(r".*/search\?.*"),
        lambda route: route.fulfill(status=500, content_type="application/json", body='{"detail": "internal error; see the server log"}'),
    )
    _search(page, server_url, "주민자치 활성화")
    page.wait_for_function("document.querySelector('#message').textContent.includes('서버에 연결할 수 없습니다')")

    # Retry once the server is back.
    page.unroute(re.compile(r".*/search\?.*"))
    page.locator("#message").get_by_role("button", name="다시 시도").click()
    page.locator("#results > li.hit").first.wait_for()
    assert page.locator("#message").is_hidden()
    assert not _real_errors(problems), problems.errors


def test_phone_width_has_no_horizontal_overflow(new_page, server_url, screenshots):
    page, problems = new_page(width=390, height=844)
    page.goto(server_url + "/")
    _no_horizontal_overflow(page)
    _search(page, server_url)
    page.locator("#results > li.hit").first.wait_for()
    page.wait_for_load_state("networkidle")
    _no_horizontal_overflow(page)
    page.screenshot(path=str(screenshots / "phone-results.png"), full_page=True)

    # The passage detail covers the screen and can be closed.
    page.locator("#results li.hit .open-link").first.click()
    page.locator("#detail .ctx.current").wait_for()
    _no_horizontal_overflow(page)
    page.screenshot(path=str(screenshots / "phone-passage.png"))
    page.get_by_role("button", name="문서 속 위치 닫기").click()
    page.wait_for_function("document.querySelector('#detail').hidden")

    page.goto(server_url + "/?view=audit")
    page.locator("#dup-list > li.cluster").first.wait_for()
    page.locator("#flat-body > tr").first.wait_for()
    _no_horizontal_overflow(page)
    page.screenshot(path=str(screenshots / "phone-audit.png"), full_page=True)
    assert not _real_errors(problems), problems.errors


def test_keyboard_only_search_and_open(new_page, server_url, screenshots):
    page, problems = new_page()
    page.goto(server_url + "/")
    page.wait_for_function("document.querySelector('#index-info').textContent.length > 0")
    page.screenshot(path=str(screenshots / "home.png"))
    # Tab from the top of the page reaches the query box; labels are real <label>s.
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    assert page.evaluate("document.activeElement.id") == "q"
    assert page.evaluate("document.activeElement.labels.length") == 1
    page.keyboard.type("주민자치")
    page.keyboard.press("Enter")
    page.locator("#results > li.hit").first.wait_for()
    # Every form control has an accessible label.
    unlabeled = page.evaluate(
        "[...document.querySelectorAll('input:not([type=hidden]), select')].filter(e => !e.labels || !e.labels.length).map(e => e.id)"
    )
    assert not unlabeled
    link = page.locator("#results li.hit .open-link").first
    link.focus()
    page.keyboard.press("Enter")
    page.locator("#detail .ctx.current").wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'detail-heading'")
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector('#detail').hidden")
    # Focus returns to the result it came from.
    assert page.evaluate("document.activeElement.classList.contains('open-link')")
    assert not _real_errors(problems), problems.errors


def test_linked_passages_render_and_server_text_is_never_html(new_page, server_url, screenshots):
    """Linked passages (direction ↔ project) show under the hit; text from the server is shown as text.

    The real response is taken from the server and amended in flight, so the test does not depend
    on which links the corpus yields, and a hostile passage text proves nothing is parsed as HTML.
    """
    import json

    evil = '<img src=x onerror="window.__pwned=1"><b>굵게</b>'

    def amend(route):
        resp = route.fetch()
        data = resp.json()
        hits = data["results"]
        assert len(hits) >= 2
        target = hits[1]
        hits[0]["linked"] = [
            {
                "passage_id": target["passage_id"],
                "relation": "implemented-by",
                "score": 0.93,
                "doc_id": target["doc_id"],
                "kind": target["kind"],
                "section": target["section"],
                "page": target["page"],
                "text": target["text"],
                "targets": [
                    {
                        "metric": "주민자치회 구성",
                        "unit": "개",
                        "values": [{"year": 2021, "value": 132}, {"year": 2022, "value": 154}],
                        "trend": "up",
                        "text": "주민자치회 구성(개) : (‘21) 132 → (’22) 154",
                    }
                ],
            }
        ]
        hits[1]["linked"] = [dict(hits[0]["linked"][0], passage_id=hits[0]["passage_id"], relation="implements", text=hits[0]["text"], targets=[])]
        hits[2 if len(hits) > 2 else 1]["text"] = evil
        route.fulfill(response=resp, body=json.dumps(data), content_type="application/json")

    page, problems = new_page()
    page.route(re.compile(r".*/search\?.*"), amend)
    _search(page, server_url, "주민자치")
    first = page.locator("#results > li.hit").first
    first.wait_for()

    linked = first.locator(".linked")
    assert linked.is_visible()
    assert "방향 ↔ 사업" in linked.inner_text()
    assert "추진 사업" in linked.inner_text()
    assert linked.locator(".trend-up").inner_text().strip() == "▲ 증가"
    assert linked.locator(".target-table td").all_text_contents() == ["132", "154"]
    assert "투자 방향" in page.locator("#results > li.hit").nth(1).locator(".linked").inner_text()

    # Hostile text shows literally; no element was created from it and no script ran.
    assert page.get_by_text(evil).count() == 1
    assert page.locator("#results img, #results b").count() == 0
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(screenshots / "linked.png"))

    # The linked passage opens in context, and the detail lists the link too.
    linked.locator("a").first.click()
    page.wait_for_url(re.compile(r"p="))
    page.locator("#detail .ctx.current").wait_for()
    assert not _real_errors(problems), problems.errors
