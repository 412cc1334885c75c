/* plansearch search page. Vanilla JS, no build step, nothing fetched from outside this server.
 *
 * State lives in the URL (history.pushState), so every view can be shared and bookmarked and
 * back/forward works:
 *   /?q=…&mode=hybrid|dense|lexical&doc=…&kind=…&type=…&year_from=…&year_to=…&p=<passage_id>
 *                                                                   search (p: passage opened in context)
 *   /?view=audit&dkind=exact|near&scope=…                           audit view
 *
 * Server text is only ever put into the page with textContent / createTextNode (never innerHTML).
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------ constants
  var K = 20;
  var MODES = ["hybrid", "dense", "lexical"];
  var MODE_LABEL = { hybrid: "혼합", dense: "의미", lexical: "키워드" };
  var KIND_LABEL = {
    goal: "목표", "sub-item": "세부 항목", paragraph: "문단", article: "조문",
    item: "항목", sentence: "문장", heading: "제목", row: "표 행", table: "표",
  };
  var TREND = {
    up: { sym: "▲", label: "증가" },
    flat: { sym: "▶", label: "유지" },
    down: { sym: "▼", label: "감소" },
    target: { sym: "◎", label: "목표" },  // a single goal value (’24년 목표 1,200명), not a series
  };
  var RELATION_LABEL = { "implemented-by": "추진 사업", implements: "투자 방향" };
  var CLUSTER_KIND_LABEL = { exact: "완전 일치", near: "유사", revision: "개정", parallel: "병렬 항목", template: "양식" };
  var OMITTED_LABEL = { parallel: "병렬 항목", template: "양식" };
  var SCOPE_LABEL = { "same-section": "같은 절", "same-document": "같은 문서", "cross-document": "다른 문서 사이" };
  var NET_ERROR = "서버에 연결할 수 없습니다. 서버(plansearch serve)가 실행 중인지, 네트워크가 연결되어 있는지 확인한 뒤 다시 시도해 주세요.";

  var nf = new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 2 });

  // ------------------------------------------------------------------ tiny DOM helpers
  function $(id) { return document.getElementById(id); }

  /** h("div", {class: "x", onclick: fn}, child, "text", [more]) — children become text nodes, never HTML. */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "class") el.className = v;
        else if (k === "text") el.textContent = v;
        else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
        else el.setAttribute(k, v === true ? "" : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, c) {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) { c.forEach(function (x) { append(el, x); }); return; }
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function s(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    for (var i = 2; i < arguments.length; i++) if (arguments[i]) el.appendChild(arguments[i]);
    return el;
  }

  // ------------------------------------------------------------------ URL state
  function readState() {
    var u = new URLSearchParams(location.search);
    var mode = u.get("mode");
    return {
      view: u.get("view") === "audit" ? "audit" : "search",
      q: u.get("q") || "",
      mode: MODES.indexOf(mode) >= 0 ? mode : "hybrid",
      doc: u.get("doc") || "",
      kind: u.get("kind") || "",
      type: u.get("type") || "",
      yfrom: yearParam(u.get("year_from")),
      yto: yearParam(u.get("year_to")),
      p: u.get("p") || "",
      dkind: u.get("dkind") || "",
      scope: u.get("scope") || "",
    };
  }

  // A year filter is a 4-digit year or nothing.
  function yearParam(v) { v = (v || "").trim(); return /^\d{4}$/.test(v) ? v : ""; }

  function urlFor(st) {
    var u = new URLSearchParams();
    if (st.view === "audit") {
      u.set("view", "audit");
      if (st.dkind) u.set("dkind", st.dkind);
      if (st.scope) u.set("scope", st.scope);
    } else {
      if (st.q) u.set("q", st.q);
      if (st.q && st.mode !== "hybrid") u.set("mode", st.mode);
      if (st.q && st.doc) u.set("doc", st.doc);
      if (st.q && st.kind) u.set("kind", st.kind);
      if (st.q && st.type) u.set("type", st.type);
      if (st.q && st.yfrom) u.set("year_from", st.yfrom);
      if (st.q && st.yto) u.set("year_to", st.yto);
      if (st.p) u.set("p", st.p);
    }
    var qs = u.toString();
    return "/" + (qs ? "?" + qs : "");
  }

  function go(st, replace) {
    var url = urlFor(st);
    if (url !== location.pathname + location.search) {
      history[replace ? "replaceState" : "pushState"](null, "", url);
    }
    render();
  }

  function patch(changes, replace) {
    var st = readState();
    Object.keys(changes).forEach(function (k) { st[k] = changes[k]; });
    go(st, replace);
  }

  // ------------------------------------------------------------------ fetch
  /** GET a JSON endpoint; resolves {ok, status, data}; rejects only on network failure / abort. */
  function getJSON(path, signal) {
    return fetch(path, { headers: { Accept: "application/json" }, signal: signal }).then(function (r) {
      return r.text().then(function (body) {
        var data = null;
        try { data = body ? JSON.parse(body) : null; } catch (e) { data = null; }
        return { ok: r.ok, status: r.status, data: data };
      });
    });
  }

  function detailOf(res) {
    var d = res && res.data && res.data.detail;
    if (typeof d === "string") return d;
    if (d) return JSON.stringify(d);
    return "";
  }

  // ------------------------------------------------------------------ shared renderers
  function kindLabel(k) { return KIND_LABEL[k] || k; }

  function crumbs(section, label) {
    if (!section || !section.length) return null;
    return h("ol", { class: "crumbs", "aria-label": label || "문서 속 위치" },
      section.map(function (t) { return h("li", null, t); }));
  }

  /** "a › b › c · p. 12" with each heading kept on one line where it fits. */
  function where(section, page, docTitle) {
    var parts = [];
    if (docTitle) parts.push(h("span", { class: "seg doc" }, docTitle));
    (section || []).forEach(function (t) { parts.push(h("span", { class: "seg" }, t)); });
    if (page != null) parts.push(h("span", { class: "seg page" }, "p. " + page));
    // Separators come after a segment (CSS ::after), so a wrapped line never starts with one.
    var out = [];
    parts.forEach(function (x, i) { if (i) out.push(" "); out.push(x); });
    return h("span", { class: "where" }, out);
  }

  /** text with <mark> around the highlight spans; offsets are code points (Python str indices). */
  function highlighted(text, spans) {
    var frag = document.createDocumentFragment();
    var cps = Array.from(text || "");
    var list = (spans || [])
      .map(function (x) { return [Math.max(0, x.start | 0), Math.min(cps.length, x.end | 0)]; })
      .filter(function (x) { return x[1] > x[0]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var pos = 0;
    list.forEach(function (sp) {
      var start = Math.max(sp[0], pos);
      if (sp[1] <= start) return;
      if (start > pos) frag.appendChild(document.createTextNode(cps.slice(pos, start).join("")));
      frag.appendChild(h("mark", null, cps.slice(start, sp[1]).join("")));
      pos = sp[1];
    });
    if (pos < cps.length) frag.appendChild(document.createTextNode(cps.slice(pos).join("")));
    return frag;
  }

  function yearShort(y) { return "’" + String(y).slice(-2); }

  function sparkline(values, trend) {
    var W = 96, H = 30, P = 4;
    var pts = values.filter(function (v) { return isFinite(v.value); });
    var svg = s("svg", { class: "spark trend-line-" + trend, width: W, height: H, viewBox: "0 0 " + W + " " + H, "aria-hidden": "true", focusable: "false" });
    if (!pts.length) return svg;
    var ys = pts.map(function (v) { return v.year; }), vs = pts.map(function (v) { return v.value; });
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var v0 = Math.min.apply(null, vs), v1 = Math.max.apply(null, vs);
    var colour = { up: "#1d7a55", flat: "#a35f00", down: "#b4323a" }[trend] || "#4a5566";
    var xy = pts.map(function (v, i) {
      var x = y1 > y0 ? P + ((v.year - y0) / (y1 - y0)) * (W - 2 * P) : (pts.length > 1 ? P + (i / (pts.length - 1)) * (W - 2 * P) : W / 2);
      var y = v1 > v0 ? H - P - ((v.value - v0) / (v1 - v0)) * (H - 2 * P) : H / 2;
      return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
    });
    if (xy.length > 1) {
      svg.appendChild(s("polyline", {
        points: xy.map(function (p) { return p.join(","); }).join(" "),
        fill: "none", stroke: colour, "stroke-width": 2, "stroke-linejoin": "round", "stroke-linecap": "round",
      }));
    }
    xy.forEach(function (p, i) {
      var last = i === xy.length - 1;
      svg.appendChild(s("circle", { cx: p[0], cy: p[1], r: last ? 3 : 2.2, fill: last ? colour : "#fff", stroke: colour, "stroke-width": 1.5 }));
    });
    return svg;
  }

  function trendChip(trend) {
    var t = TREND[trend] || { sym: "", label: trend };
    return h("span", { class: "trend-chip trend-" + trend }, h("span", { "aria-hidden": "true" }, t.sym + " "), t.label);
  }

  function seriesText(t) {
    return t.values.map(function (v) { return yearShort(v.year) + " " + nf.format(v.value); }).join(" → ") + (t.unit ? " " + t.unit : "");
  }

  function targetBlock(t) {
    var table = h("table", { class: "target-table" },
      h("caption", { class: "visually-hidden" }, t.metric + " 연도별 목표값" + (t.unit ? " (단위: " + t.unit + ")" : "")),
      h("thead", null, h("tr", null, t.values.map(function (v) { return h("th", { scope: "col" }, yearShort(v.year)); }))),
      h("tbody", null, h("tr", null, t.values.map(function (v) { return h("td", null, nf.format(v.value)); }))));
    var label = t.metric + ": " + seriesText(t) + ", " + (TREND[t.trend] ? TREND[t.trend].label : t.trend);
    return h("div", { class: "target", title: t.text || "" },
      h("div", { class: "target-metric" }, t.metric, t.unit ? h("span", { class: "unit" }, " · 단위 " + t.unit) : null),
      h("div", { class: "target-row" },
        table,
        h("div", { class: "target-viz", role: "img", "aria-label": label }, sparkline(t.values, t.trend), trendChip(t.trend))));
  }

  function targetsBlock(targets) {
    if (!targets || !targets.length) return null;
    return h("div", { class: "targets" }, targets.map(targetBlock));
  }

  function message(el, opts) {
    clear(el);
    el.className = "message " + (opts.type || "");
    append(el, h("h2", null, opts.title));
    (opts.lines || []).forEach(function (l) { append(el, typeof l === "string" ? h("p", null, l) : l); });
    if (opts.actions && opts.actions.length) append(el, h("div", { class: "actions" }, opts.actions));
    el.hidden = false;
  }

  function retryButton(fn) {
    return h("button", { type: "button", class: "btn btn-secondary", onclick: fn }, "다시 시도");
  }

  /** Error message for a failed request: network / 5xx / 4xx with the server's own words. */
  function errorMessage(el, res, err, retry) {
    if (err || !res) {
      message(el, { type: "error", title: "서버에 연결할 수 없습니다", lines: [NET_ERROR], actions: [retryButton(retry)] });
    } else if (res.status === 503) {
      message(el, {
        type: "error", title: "검색 색인을 쓸 수 없습니다",
        lines: ["서버는 실행 중이지만 색인을 불러오지 못했습니다. 관리자에게 색인 경로(--index)를 확인해 달라고 요청하세요.",
          detailOf(res) ? h("p", null, h("span", { class: "server-detail" }, detailOf(res))) : null],
        actions: [retryButton(retry)],
      });
    } else if (res.status >= 500) {
      message(el, {
        type: "error", title: "서버에 연결할 수 없습니다",
        lines: [NET_ERROR + " (HTTP " + res.status + ")"], actions: [retryButton(retry)],
      });
    } else {
      message(el, {
        type: "error", title: "요청을 처리할 수 없습니다",
        lines: [h("p", null, h("span", { class: "server-detail" }, detailOf(res) || "HTTP " + res.status))],
      });
    }
  }

  function csvCell(v) {
    if (v === null || v === undefined) return "";
    var str = String(v);
    return /[",\n\r]/.test(str) ? '"' + str.replace(/"/g, '""') + '"' : str;
  }

  /** Download rows as CSV (UTF-8 with BOM so spreadsheet programs read Korean correctly). */
  function downloadCSV(filename, header, rows) {
    var lines = [header].concat(rows).map(function (r) { return r.map(csvCell).join(","); });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = h("a", { href: URL.createObjectURL(blob), download: filename });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ------------------------------------------------------------------ documents & health
  var docTitles = {};
  var docsLoaded = null;

  function loadDocuments() {
    if (docsLoaded) return docsLoaded;
    docsLoaded = getJSON("/documents").then(function (res) {
      if (!res.ok || !res.data) return;
      var sel = $("doc");
      (res.data.documents || []).forEach(function (d) {
        docTitles[d.doc_id] = d.title;
        sel.appendChild(h("option", { value: d.doc_id }, d.title));
      });
      sel.value = readState().doc;
    }).catch(function () { docsLoaded = null; });
    return docsLoaded;
  }

  function loadHealth() {
    getJSON("/health").then(function (res) {
      var d = res.data || {};
      if (res.ok && d.status === "ok") {
        var txt = "색인: 문서 " + nf.format(d.documents) + "건 · 검색 대상 문단 " + nf.format(d.searchable) + "개" +
          (d.targets != null ? " · 정량 목표 " + nf.format(d.targets) + "개" : "");
        $("index-info").textContent = txt;
        $("footer-info").textContent = (d.model || "") + (d.generation ? " · " + d.generation : "");
      } else if (d.reason) {
        $("index-info").textContent = "색인을 쓸 수 없습니다: " + d.reason;
      }
    }).catch(function () { $("index-info").textContent = NET_ERROR; });
  }

  // ------------------------------------------------------------------ search view
  var searchCtl = null;
  var lastKey = null;
  var lastResults = [];

  function searchKey(st) { return [st.q, st.mode, st.doc, st.kind, st.type, st.yfrom, st.yto].join("\u0001"); }

  function syncForm(st) {
    var q = $("q");
    if (document.activeElement !== q || q.value.trim() !== st.q) q.value = st.q;
    var r = document.querySelector('input[name="mode"][value="' + st.mode + '"]');
    if (r) r.checked = true;
    $("doc").value = st.doc;
    if ($("doc").value !== st.doc) $("doc").value = "";
    $("kind").value = st.kind;
    if ($("kind").value !== st.kind) $("kind").value = "";
    $("dtype").value = st.type || "";
    if ($("dtype").value !== (st.type || "")) $("dtype").value = "";
    if (document.activeElement !== $("year-from")) $("year-from").value = st.yfrom || "";
    if (document.activeElement !== $("year-to")) $("year-to").value = st.yto || "";
  }

  function renderSearch(st, force) {
    syncForm(st);
    var key = searchKey(st);
    if (!st.q) {
      if (searchCtl) searchCtl.abort();
      lastKey = null;
      lastResults = [];
      clear($("results"));
      $("message").hidden = true;
      $("status").textContent = "";
      $("intro").hidden = false;
      document.title = "plansearch · 계획 문서 검색";
    } else if (force || key !== lastKey) {
      runSearch(st, key);
    }
    renderDetail(st);
  }

  function runSearch(st, key) {
    if (searchCtl) searchCtl.abort();
    var ctl = (searchCtl = new AbortController());
    lastKey = key;
    $("intro").hidden = true;
    $("message").hidden = true;
    $("results").setAttribute("aria-busy", "true");
    $("results").classList.add("loading");
    $("status").textContent = "검색 중…";
    document.title = st.q + " · plansearch";

    var u = new URLSearchParams({ q: st.q, k: String(K), mode: st.mode });
    if (st.doc) u.append("doc", st.doc);
    if (st.kind) u.append("kind", st.kind);
    if (st.type) u.append("doc_type", st.type);
    if (st.yfrom) u.append("year_from", st.yfrom);
    if (st.yto) u.append("year_to", st.yto);

    getJSON("/search?" + u.toString(), ctl.signal).then(function (res) {
      if (ctl !== searchCtl) return;
      done();
      if (res.ok && res.data) return showResults(st, res.data);
      lastKey = null; // let the same search be retried
      clear($("results"));
      if (res.status === 422) {
        var d = detailOf(res);
        var tooLong = /maximum|at most|최대|characters/i.test(d);
        if (/year_from|year_to/.test(d)) {
          $("status").textContent = "발행 연도 범위를 확인해 주세요.";
          message($("message"), {
            type: "error",
            title: "발행 연도 범위를 확인해 주세요",
            lines: [h("p", null, "서버의 안내: ", h("span", { class: "server-detail" }, d)), "시작 연도가 끝 연도보다 늦지 않게 고쳐 주세요."],
            actions: [h("button", { type: "button", class: "btn btn-secondary", onclick: function () { patch({ yfrom: "", yto: "", p: "" }); } }, "연도 필터 해제")],
          });
          return;
        }
        $("status").textContent = tooLong ? "검색어가 너무 깁니다." : "검색어를 확인해 주세요.";
        message($("message"), {
          type: "error",
          title: tooLong ? "검색어가 너무 깁니다" : "검색어를 확인해 주세요",
          lines: [
            h("p", null, "서버의 안내: ", h("span", { class: "server-detail", id: "server-detail" }, d || "HTTP 422")),
            tooLong ? "검색어를 핵심 단어 몇 개로 줄여 다시 검색해 주세요." : "검색어를 고친 뒤 Enter를 눌러 다시 검색해 주세요.",
          ],
          actions: [h("button", { type: "button", class: "btn btn-secondary", onclick: function () { $("q").focus(); $("q").select(); } }, "검색어 고치기")],
        });
      } else {
        $("status").textContent = res.status >= 500 ? "서버 오류로 검색하지 못했습니다." : "검색하지 못했습니다.";
        errorMessage($("message"), res, null, function () { renderSearch(readState(), true); });
      }
    }).catch(function (err) {
      if (ctl !== searchCtl || (err && err.name === "AbortError")) return;
      done();
      lastKey = null;
      clear($("results"));
      $("status").textContent = "서버에 연결할 수 없습니다.";
      errorMessage($("message"), null, err, function () { renderSearch(readState(), true); });
    });

    function done() {
      $("results").removeAttribute("aria-busy");
      $("results").classList.remove("loading");
    }
  }

  function showResults(st, data) {
    var list = $("results");
    clear(list);
    lastResults = data.results || [];
    var n = lastResults.length;
    var filtered = st.doc || st.kind || st.type || st.yfrom || st.yto;
    $("status").textContent = "";
    append($("status"), [
      "‘" + data.query + "’ 결과 ", h("strong", null, n + (n >= K ? "+" : "") + "건"),
      " · " + (MODE_LABEL[data.mode] || data.mode) + " 검색",
      filtered ? " · 필터 적용" : "",
      typeof data.took_ms === "number" ? " · " + nf.format(Math.round(data.took_ms)) + " ms" : "",
    ]);
    if (!n) {
      var others = MODES.filter(function (m) { return m !== st.mode; });
      message($("message"), {
        type: "empty",
        title: "‘" + data.query + "’에 맞는 문단을 찾지 못했습니다",
        lines: [
          "단어 수를 줄이거나 더 일반적인 말로 바꿔 보세요. 키워드 검색은 형태소가 일치해야 하고, 의미 검색은 뜻이 가까운 문단도 찾습니다.",
          filtered ? "문서·유형·종류·연도 필터를 해제하면 더 많은 문단을 찾을 수 있습니다." : null,
        ],
        actions: others.map(function (m) {
          return h("button", { type: "button", class: "btn btn-secondary", onclick: function () { patch({ mode: m, p: "" }); } }, MODE_LABEL[m] + " 검색으로 다시 찾기");
        }).concat(filtered ? [h("button", { type: "button", class: "btn btn-secondary", onclick: function () { patch({ doc: "", kind: "", type: "", yfrom: "", yto: "", p: "" }); } }, "필터 해제")] : []),
      });
      return;
    }
    if (data.match === "none" || data.match === "weak") {
      // The server's match label (README "Match labels"): say so rather than present the hits as answers.
      message($("message"), {
        type: "empty",
        title: data.match === "none" ? "‘" + data.query + "’ 관련 결과를 찾지 못했습니다" : "‘" + data.query + "’와 딱 맞는 결과는 찾지 못했습니다",
        lines: [data.match === "none"
          ? "색인된 문서에 이 주제가 없는 것 같습니다. 아래는 가장 가까운 문단일 뿐, 관련이 없을 가능성이 큽니다."
          : "아래 문단은 질의와 느슨하게만 관련되어 있을 수 있습니다. 다른 말로 검색해 보세요."],
      });
    }
    lastResults.forEach(function (hit) { list.appendChild(hitCard(hit, st)); });
    markOpen(st.p);
  }

  function hitCard(hit, st) {
    var openUrl = urlFor(Object.assign({}, st, { p: hit.passage_id }));
    var meta = h("div", { class: "meta" },
      h("span", { class: "rank", "aria-label": hit.rank + "위" }, "#" + hit.rank),
      h("span", { class: "doc-title" }, hit.doc_title),
      hit.page != null ? h("span", null, "p. " + hit.page) : null,
      h("span", { class: "chip kind-" + hit.kind }, kindLabel(hit.kind)),
      hit.copies > 1 ? h("span", { class: "chip badge-dup", title: "같은 문장이 " + hit.copies + "곳에 있습니다 (한 결과로 묶음)" }, "×" + hit.copies + " 중복") : null,
      h("a", {
        class: "open-link", href: openUrl, "data-passage": hit.passage_id,
        "aria-label": "문서 속 위치 보기: " + (hit.text || "").slice(0, 40).trim(),
        onclick: function (e) { if (plainClick(e)) { e.preventDefault(); openPassage(hit.passage_id); } },
      }, "문서 속 위치 →"));

    var dups = null;
    if (hit.duplicates && hit.duplicates.length) {
      dups = h("details", { class: "dups" },
        h("summary", null, "중복된 " + hit.duplicates.length + "곳 보기"),
        h("ul", null, hit.duplicates.map(function (d) {
          return h("li", null, (d.section || []).join(" › ") + (d.page != null ? " · p. " + d.page : ""));
        })));
    }

    var linked = null;
    if (hit.linked && hit.linked.length) {
      linked = h("div", { class: "linked" },
        h("p", { class: "linked-title" }, "연결된 방향 ↔ 사업"),
        h("ul", null, hit.linked.map(function (l) {
          return h("li", null,
            h("span", { class: "rel" }, (l.relation === "implements" ? "↑ " : "↓ ") + (RELATION_LABEL[l.relation] || l.relation)),
            h("a", {
              href: urlFor(Object.assign({}, st, { p: l.passage_id })),
              onclick: function (e) { if (plainClick(e)) { e.preventDefault(); openPassage(l.passage_id); } },
            }, l.text),
            l.copies > 1 ? h("span", { class: "muted", title: "같은 문장이 붙여넣어진 횟수" }, " ×" + l.copies) : null,
            targetsBlock(l.targets));
        })));
    }

    var card = h("li", { class: "hit", "data-passage": hit.passage_id },
      crumbs(hit.section, "위치"),
      h("p", { class: "hit-text" }, highlighted(hit.text, hit.highlights)),
      meta,
      dups,
      targetsBlock(hit.targets),
      linked);
    card.addEventListener("click", function (e) {
      if (e.target.closest("a, button, summary, details, input, select, label")) return;
      var sel = window.getSelection && window.getSelection();
      if (sel && String(sel).length) return; // selecting text to copy, not opening
      openPassage(hit.passage_id);
    });
    return card;
  }

  function plainClick(e) { return !(e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0); }

  // ------------------------------------------------------------------ passage detail
  var detailCtl = null;
  var detailShown = "";
  var focusDetailSoon = false; // move focus into the panel once the passage has loaded
  var openedHere = false; // the open passage was pushed by this page (so "close" can go back)
  var returnFocus = null;

  function openPassage(id) {
    returnFocus = document.activeElement;
    openedHere = true;
    focusDetailSoon = true;
    patch({ p: id });
  }

  function closeDetail() {
    var st = readState();
    if (!st.p) return;
    if (openedHere) { openedHere = false; history.back(); }
    else patch({ p: "" });
  }

  function markOpen(id) {
    Array.prototype.forEach.call(document.querySelectorAll(".hit"), function (el) {
      el.classList.toggle("is-open", el.getAttribute("data-passage") === id);
    });
  }

  function renderDetail(st) {
    var panel = $("detail");
    markOpen(st.p);
    if (!st.p) {
      if (detailCtl) detailCtl.abort();
      detailShown = "";
      if (!panel.hidden) {
        panel.hidden = true;
        document.querySelector(".layout").classList.remove("with-detail");
        document.body.classList.remove("detail-open");
        var back = returnFocus && document.contains(returnFocus) ? returnFocus
          : document.querySelector('.open-link[data-passage="' + cssEscape(lastOpened) + '"]');
        if (back) back.focus();
        returnFocus = null;
      }
      return;
    }
    panel.hidden = false;
    document.querySelector(".layout").classList.add("with-detail");
    document.body.classList.add("detail-open");
    if (detailShown === st.p) return;
    detailShown = st.p;
    lastOpened = st.p;
    var body = $("detail-body");
    clear(body);
    append(body, h("p", { class: "muted" }, "불러오는 중…"));
    if (detailCtl) detailCtl.abort();
    var ctl = (detailCtl = new AbortController());
    var wantFocus = focusDetailSoon;
    focusDetailSoon = false;
    getJSON("/passages/" + encodeURIComponent(st.p), ctl.signal).then(function (res) {
      if (ctl !== detailCtl) return;
      clear(body);
      if (res.ok && res.data) showDetail(body, res.data, st);
      else if (res.status === 404) {
        var m = h("div", { class: "message empty" });
        message(m, { type: "empty", title: "문단을 찾을 수 없습니다", lines: ["색인이 새로 만들어져 문단 번호가 바뀌었을 수 있습니다. 다시 검색해 주세요.", h("p", null, h("span", { class: "server-detail" }, detailOf(res)))] });
        body.appendChild(m);
      } else {
        var e = h("div");
        errorMessage(e, res, null, function () { detailShown = ""; renderDetail(readState()); });
        body.appendChild(e);
      }
      if (wantFocus) $("detail-heading").focus();
    }).catch(function (err) {
      if (ctl !== detailCtl || (err && err.name === "AbortError")) return;
      clear(body);
      var e = h("div");
      errorMessage(e, null, err, function () { detailShown = ""; renderDetail(readState()); });
      body.appendChild(e);
    });
  }
  var lastOpened = "";

  function cssEscape(v) { return window.CSS && CSS.escape ? CSS.escape(v || "") : String(v || "").replace(/["\\]/g, "\\$&"); }

  function passageLink(p, st, cls, content) {
    return h("a", {
      class: cls, href: urlFor(Object.assign({}, st, { p: p.passage_id })),
      onclick: function (e) {
        if (!plainClick(e)) return;
        e.preventDefault();
        focusDetailSoon = true;
        openedHere = false; // moving within the panel: "close" closes rather than going back one passage
        patch({ p: p.passage_id });
      },
    }, content);
  }

  function showDetail(body, d, st) {
    var p = d.passage;
    var hit = lastResults.filter(function (x) { return x.passage_id === p.passage_id; })[0];
    append(body, [
      h("p", { class: "detail-doc" }, d.doc_title),
      h("div", { class: "meta" },
        p.page != null ? h("span", null, "p. " + p.page) : null,
        h("span", { class: "chip kind-" + p.kind }, kindLabel(p.kind)),
        hit && hit.copies > 1 ? h("span", { class: "chip badge-dup" }, "×" + hit.copies + " 중복") : null),
      crumbs(p.section, "문서 속 위치"),
    ]);

    var ctx = h("div", { class: "detail-section", id: "detail-context" });
    if (d.parent) {
      ctx.appendChild(h("h3", null, "상위 목표"));
      ctx.appendChild(h("div", { class: "ctx parent", id: "detail-parent" }, passageLink(d.parent, st, "ctx-link", d.parent.text)));
    }
    ctx.appendChild(h("h3", null, d.parent ? "이 세부 항목" : "이 " + kindLabel(p.kind)));
    ctx.appendChild(h("div", { class: "ctx current", "aria-current": "true" }, hit ? highlighted(p.text, hit.highlights) : p.text));
    body.appendChild(ctx);

    if (p.targets && p.targets.length) {
      body.appendChild(h("div", { class: "detail-section" }, h("h3", null, "정량 목표"), targetsBlock(p.targets)));
    }

    if (d.children && d.children.length) {
      body.appendChild(h("div", { class: "detail-section", id: "detail-children" },
        h("h3", null, "세부 항목 " + d.children.length + "개"),
        h("ul", { class: "ctx-list" }, d.children.map(function (c) {
          return h("li", { class: "ctx" }, passageLink(c, st, "ctx-link", c.text),
            c.targets && c.targets.length ? h("div", { class: "muted" }, c.targets.map(seriesText).join(" · ")) : null);
        }))));
    }

    if (hit && hit.linked && hit.linked.length) {
      body.appendChild(h("div", { class: "detail-section" },
        h("h3", null, "연결된 방향 ↔ 사업"),
        h("ul", { class: "ctx-list" }, hit.linked.map(function (l) {
          return h("li", { class: "ctx" }, h("span", { class: "chip" }, RELATION_LABEL[l.relation] || l.relation), " ", passageLink(l, st, "ctx-link", l.text),
            l.copies > 1 ? h("span", { class: "muted" }, " ×" + l.copies) : null);
        }))));
    }

    if (d.previous || d.next) {
      body.appendChild(h("div", { class: "detail-section" },
        h("h3", null, "앞뒤 문단"),
        h("div", { class: "ctx-nav" },
          d.previous ? passageLink(d.previous, st, "", [h("span", { class: "dir" }, "← 이전"), h("span", { class: "clamp" }, d.previous.text)]) : h("span"),
          d.next ? passageLink(d.next, st, "", [h("span", { class: "dir" }, "다음 →"), h("span", { class: "clamp" }, d.next.text)]) : h("span"))));
    }
  }

  // ------------------------------------------------------------------ audit view
  var dupData = null, flatData = null, dupKey = null, flatLoaded = false;

  function renderAudit(st) {
    $("dup-kind").value = st.dkind;
    $("dup-scope").value = st.scope;
    document.title = "감사 보기 · plansearch";
    var key = st.dkind + "|" + st.scope;
    if (key !== dupKey) loadDuplicates(st, key);
    if (!flatLoaded) loadFlat();
  }

  function loadDuplicates(st, key) {
    dupKey = key;
    var u = new URLSearchParams();
    if (st.dkind) u.set("kind", st.dkind);
    if (st.scope) u.set("scope", st.scope);
    var list = $("dup-list");
    $("dup-status").textContent = "중복 묶음을 찾는 중…";
    $("dup-message").hidden = true;
    $("dup-csv").disabled = true;
    list.setAttribute("aria-busy", "true");
    getJSON("/duplicates" + (u.toString() ? "?" + u.toString() : "")).then(function (res) {
      if (dupKey !== key) return;
      list.removeAttribute("aria-busy");
      clear(list);
      if (!res.ok) {
        dupKey = null;
        $("dup-status").textContent = "";
        if (res.status === 404 || res.status === 405) {
          message($("dup-message"), { type: "empty", title: "이 서버는 중복 분석(/duplicates)을 제공하지 않습니다", lines: ["서버를 최신 버전으로 올린 뒤 다시 열어 주세요."] });
        } else errorMessage($("dup-message"), res, null, function () { renderAudit(readState()); });
        return;
      }
      var clusters = Array.isArray(res.data) ? res.data : (res.data && res.data.clusters) || [];
      dupData = clusters;
      var members = clusters.reduce(function (a, c) { return a + (c.members || []).length; }, 0);
      $("dup-status").textContent = "";
      append($("dup-status"), ["묶음 ", h("strong", null, clusters.length + "개"), " · 문단 " + members + "개"]);
      var omitted = (res.data && res.data.omitted) || {};
      var hidden = Object.keys(omitted).filter(function (k) { return omitted[k]; });
      if (hidden.length) {
        append($("dup-status"), [" · 제외: " + hidden.map(function (k) { return (OMITTED_LABEL[k] || k) + " " + omitted[k] + "개"; }).join(", ") +
          " (종류에서 골라 보기)"]);
      }
      var groups = (res.data && res.data.documents) || [];
      groups.forEach(function (g) {
        list.appendChild(h("li", { class: "cluster doc-group" },
          h("div", { class: "cluster-head" }, h("span", { class: "chip kind-documents" }, "같은 문서"),
            h("span", null, "공통 문단 " + Math.round((g.share || 0) * 100) + "% (" + g.common + "개)")),
          h("ol", { class: "member-list" }, (g.doc_ids || []).map(function (d) { return h("li", null, docTitles[d] || d, h("span", { class: "muted" }, " · " + d)); }))));
      });
      $("dup-csv").disabled = !clusters.length;
      if (!clusters.length) {
        message($("dup-message"), { type: "empty", title: "이 조건에 맞는 중복 묶음이 없습니다", lines: ["종류나 범위를 ‘전체’로 바꿔 보세요."] });
        return;
      }
      clusters.forEach(function (c) { list.appendChild(clusterCard(c)); });
    }).catch(function () {
      if (dupKey !== key) return;
      dupKey = null;
      list.removeAttribute("aria-busy");
      $("dup-status").textContent = "";
      errorMessage($("dup-message"), null, true, function () { renderAudit(readState()); });
    });
  }

  function clusterCard(c) {
    var members = c.members || [];
    var head = h("div", { class: "cluster-head" },
      h("span", { class: "chip kind-" + c.kind }, CLUSTER_KIND_LABEL[c.kind] || c.kind),
      h("span", { class: "scope" }, SCOPE_LABEL[c.scope] || c.scope, c.scope === "same-section" ? h("span", { class: "muted" }, " · 복사 오류 의심") : null),
      h("span", null, members.length + "곳"),
      c.kind !== "exact" && c.kind !== "template" && typeof c.similarity === "number" ? h("span", { title: "임베딩 코사인 유사도(가장 약한 연결)" }, "유사도 " + c.similarity.toFixed(3)) : null);
    var changes = (c.changes || []).length ? h("p", { class: "cluster-changes" }, "수치 변화: " + c.changes.join(" · ")) : null;
    function memberLink(m, content) {
      return h("a", { href: urlFor({ view: "search", q: "", p: m.passage_id }), class: "member-link" }, content);
    }
    if (c.kind === "exact") {
      return h("li", { class: "cluster" }, head,
        h("p", { class: "cluster-text" }, members.length ? members[0].text : ""),
        h("ol", { class: "member-list" }, members.map(function (m) {
          return h("li", null, memberLink(m, where(m.section, m.page, docTitles[m.doc_id] || m.doc_id)));
        })));
    }
    return h("li", { class: "cluster" }, head, changes,
      h("ol", { class: "member-list near" }, members.map(function (m) {
        return h("li", null, memberLink(m, m.text), where(m.section, m.page, docTitles[m.doc_id] || m.doc_id));
      })));
  }

  function loadFlat() {
    flatLoaded = true;
    $("flat-status").textContent = "정체 목표를 불러오는 중…";
    $("flat-message").hidden = true;
    getJSON("/targets?trend=flat").then(function (res) {
      var body = $("flat-body");
      clear(body);
      if (!res.ok || !res.data) {
        flatLoaded = false;
        $("flat-status").textContent = "";
        errorMessage($("flat-message"), res, null, function () { loadFlat(); });
        return;
      }
      flatData = res.data.targets || [];
      $("flat-status").textContent = "";
      append($("flat-status"), ["정체 목표 ", h("strong", null, flatData.length + "개")]);
      $("flat-csv").disabled = !flatData.length;
      $("flat-table").hidden = !flatData.length;
      if (!flatData.length) {
        message($("flat-message"), { type: "empty", title: "값이 그대로인 목표가 없습니다", lines: ["모든 정량 목표가 연도에 따라 변합니다."] });
        return;
      }
      flatData.forEach(function (t) {
        body.appendChild(h("tr", null,
          h("td", { class: "metric" }, h("a", { href: urlFor({ view: "search", q: "", p: t.passage_id }), class: "member-link" }, t.metric),
            t.unit ? h("span", { class: "muted" }, " (" + t.unit + ")") : null),
          h("td", { class: "num" }, h("span", { class: "target-viz", title: seriesText(t) }, sparkline(t.values, t.trend),
            h("span", null, flatText(t)))),
          h("td", null, where(t.section, t.page, t.doc_title))));
      });
    }).catch(function () {
      flatLoaded = false;
      $("flat-status").textContent = "";
      errorMessage($("flat-message"), null, true, function () { loadFlat(); });
    });
  }

  /** A flat series in short: "’21–’25 20 억원 (5개 연도)". */
  function flatText(t) {
    var v = t.values || [];
    if (!v.length) return "";
    var first = v[0], last = v[v.length - 1];
    return yearShort(first.year) + "–" + yearShort(last.year) + " " + nf.format(last.value) + (t.unit ? " " + t.unit : "") +
      (v.length > 2 ? " (" + v.length + "개 연도)" : "");
  }

  function dupCSV() {
    if (!dupData) return;
    var rows = [];
    dupData.forEach(function (c, i) {
      (c.members || []).forEach(function (m) {
        rows.push([c.cluster_id || i + 1, c.kind, c.scope, c.similarity, (c.members || []).length, m.passage_id, m.doc_id,
          docTitles[m.doc_id] || "", (m.section || []).join(" > "), m.page, m.text]);
      });
    });
    var st = readState();
    downloadCSV("duplicates" + (st.dkind ? "-" + st.dkind : "") + (st.scope ? "-" + st.scope : "") + ".csv",
      ["cluster", "kind", "scope", "similarity", "size", "passage_id", "doc_id", "doc_title", "section", "page", "text"], rows);
  }

  function flatCSV() {
    if (!flatData) return;
    downloadCSV("flat-targets.csv",
      ["metric", "unit", "series", "first", "last", "trend", "passage_id", "doc_id", "doc_title", "section", "page", "text"],
      flatData.map(function (t) {
        var v = t.values || [];
        return [t.metric, t.unit, v.map(function (x) { return x.year + ":" + x.value; }).join("; "),
          v.length ? v[0].value : "", v.length ? v[v.length - 1].value : "", t.trend, t.passage_id, t.doc_id, t.doc_title,
          (t.section || []).join(" > "), t.page, t.text];
      }));
  }

  // ------------------------------------------------------------------ top-level render
  function render(force) {
    var st = readState();
    var audit = st.view === "audit";
    $("view-search").hidden = audit;
    $("view-audit").hidden = !audit;
    $("tab-search").toggleAttribute("aria-current", false);
    $("tab-audit").toggleAttribute("aria-current", false);
    $(audit ? "tab-audit" : "tab-search").setAttribute("aria-current", "page");
    if (audit) {
      loadDocuments().then(function () { if (readState().view === "audit") renderAudit(readState()); });
    } else renderSearch(st, force);
  }

  function formState() {
    var mode = document.querySelector('input[name="mode"]:checked');
    return {
      view: "search",
      q: $("q").value.trim(),
      mode: mode ? mode.value : "hybrid",
      doc: $("doc").value,
      kind: $("kind").value,
      type: $("dtype").value,
      yfrom: yearParam($("year-from").value),
      yto: yearParam($("year-to").value),
      p: "",
    };
  }

  function init() {
    $("search-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var st = formState();
      if (!st.q) {
        $("status").textContent = "검색어를 입력해 주세요.";
        $("q").focus();
        return;
      }
      var same = urlFor(st) === location.pathname + location.search;
      openedHere = false;
      if (same) renderSearch(st, true);
      else go(st);
    });
    Array.prototype.forEach.call(document.querySelectorAll('input[name="mode"]'), function (r) {
      r.addEventListener("change", function () { if (formState().q) go(formState()); });
    });
    ["doc", "kind", "dtype", "year-from", "year-to"].forEach(function (id) {
      $(id).addEventListener("change", function () { if (formState().q) go(formState()); });
    });
    $("dup-kind").addEventListener("change", function () { patch({ dkind: $("dup-kind").value }); });
    $("dup-scope").addEventListener("change", function () { patch({ scope: $("dup-scope").value }); });
    $("dup-form").addEventListener("submit", function (e) { e.preventDefault(); });
    $("dup-csv").addEventListener("click", dupCSV);
    $("flat-csv").addEventListener("click", flatCSV);
    $("detail-close").addEventListener("click", closeDetail);
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !$("detail").hidden) { e.preventDefault(); closeDetail(); }
      if (e.key === "/" && document.activeElement && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName) && readState().view === "search") {
        e.preventDefault(); $("q").focus(); $("q").select();
      }
    });

    // Same-page links (tabs, brand, examples, audit member links): navigate with pushState.
    document.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[href]");
      if (!a || e.defaultPrevented || !plainClick(e) || a.hasAttribute("download")) return;
      var url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname !== "/") return;
      e.preventDefault();
      var isDetail = url.searchParams.get("p") && !url.searchParams.get("view");
      if (isDetail) { returnFocus = a; openedHere = true; focusDetailSoon = true; }
      else openedHere = false;
      if (url.pathname + url.search !== location.pathname + location.search) history.pushState(null, "", url.pathname + url.search);
      render();
      if (!isDetail) window.scrollTo(0, 0);
    });

    window.addEventListener("popstate", function () { openedHere = false; render(); });

    loadDocuments();
    loadHealth();
    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
