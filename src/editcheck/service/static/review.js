/* editcheck review page: show a draft with every annotation highlighted where a CMS would
   put it. Placement uses only each annotation's block.xpath (or, for plain text, its line)
   and block.start/end, the offsets into that element's textContent: the text is never
   searched, so a highlight in the wrong place is a wrong position in the report.
   Served at / (talks to /v1/check), and inlined into `editcheck check --format html`
   files (reads the reports embedded in #editcheck-data; no network). */
(function () {
  "use strict";

  var CATEGORY_COLOURS = {
    "unattributed-claim": "#ffd166", "unsourced-statistic": "#f4978e",
    "repeated-boilerplate": "#b8c0ff", "page-residue": "#d0a9e8",
    "readability": "#a8dadc", "house-style": "#b7efb0"
  };
  var MARK_CSS = Object.keys(CATEGORY_COLOURS).map(function (c) {
    return "ec-mark.ec-cat-" + c + "{background:" + CATEGORY_COLOURS[c] + "b3}";
  }).join("\n") + "\n" +
    "ec-mark{border-radius:2px;cursor:pointer;text-decoration-thickness:2px;" +
    "text-underline-offset:3px;text-decoration-line:underline}\n" +
    "ec-mark.ec-sev-error{text-decoration-color:#c62828;text-decoration-style:wavy}\n" +
    "ec-mark.ec-sev-warning{text-decoration-color:#e08a00;text-decoration-style:dashed}\n" +
    "ec-mark.ec-sev-info{text-decoration-color:#1565c0;text-decoration-style:dotted}\n" +
    "ec-mark.ec-empty::before{content:'\\00b6';padding:0 .2em}\n" +
    "ec-mark.ec-active{outline:2px solid #1d2330;background:#fff59d}\n";

  /* ---- positions --------------------------------------------------------------------- */

  // Children as lxml counts them. Browsers wrap table rows that sit directly in a <table>
  // in an implied <tbody> (and loose cells in an implied <tr>); lxml's tree, and so the
  // xpath, has neither.
  function impliedRows(table) {
    var rows = [];
    Array.prototype.forEach.call(table.children, function (k) {
      if (k.localName === "tbody") { rows = rows.concat(Array.prototype.slice.call(k.children)); }
    });
    return rows;
  }

  function stepChildren(node, name) {
    var kids = Array.prototype.slice.call(node.children || []);
    var direct = kids.some(function (k) { return k.localName === name; });
    if (node.localName !== "table" || direct) { return kids; }
    if (name === "tr") { return impliedRows(node); }
    if (name === "td" || name === "th") {
      return impliedRows(node).reduce(function (cells, row) {
        return cells.concat(Array.prototype.slice.call(row.children));
      }, []);
    }
    return kids;
  }

  function resolveXPath(doc, xpath) {
    if (!xpath || xpath.charAt(0) !== "/") { return null; }
    var node = doc, steps = xpath.split("/").slice(1);
    for (var i = 0; i < steps.length && node; i++) {
      var m = /^([A-Za-z][\w.-]*)(?:\[(\d+)\])?$/.exec(steps[i]);
      if (!m) { return null; }
      var name = m[1].toLowerCase(), n = m[2] ? parseInt(m[2], 10) : 1;
      var same = stepChildren(node, name).filter(function (k) { return k.localName === name; });
      node = same[n - 1] || null;
    }
    return node;
  }

  // Code points to UTF-16 units, for reports whose offsets count code points.
  function utf16(text, cp) {
    var units = 0;
    for (var i = 0; i < cp && units < text.length; i++) {
      var c = text.charCodeAt(units);
      units += (c >= 0xd800 && c <= 0xdbff) ? 2 : 1;
    }
    return units;
  }

  // The text-node pieces of el covering textContent offsets [start, end).
  function textPieces(el, start, end) {
    var walker = el.ownerDocument.createTreeWalker(el, 4 /* SHOW_TEXT */);
    var pieces = [], pos = 0;
    for (var n = walker.nextNode(); n && pos < end; n = walker.nextNode()) {
      var s = Math.max(start, pos), e = Math.min(end, pos + n.data.length);
      if (s < e) { pieces.push({ node: n, start: s - pos, end: e - pos }); }
      pos += n.data.length;
    }
    return pieces;
  }

  function makeMark(doc, a, index) {
    var m = doc.createElement("ec-mark");
    m.className = "ec-mark ec-cat-" + a.category + " ec-sev-" + a.severity;
    m.setAttribute("data-ec", String(index));
    m.title = a.severity + " " + a.rule + ": " + a.message;
    return m;
  }

  function wrap(doc, pieces, a, index) {
    return pieces.map(function (p) {
      var node = p.node;
      if (p.end < node.data.length) { node.splitText(p.end); }
      if (p.start > 0) { node = node.splitText(p.start); }
      var m = makeMark(doc, a, index);
      node.parentNode.insertBefore(m, node);
      m.appendChild(node);
      return m;
    });
  }

  // Highlight every annotation; returns the marks of each: an empty list when the element
  // was not found, null when the text at the offsets is not the annotation's (the browser
  // built a different tree from this HTML than lxml did), so nothing wrong is highlighted.
  function placeAll(doc, elements, annotations, unitsAreCodePoints) {
    return annotations.map(function (a, i) {
      var el = elements[i];
      if (!el) { return []; }
      var start = a.block.start, end = a.block.end;
      if (unitsAreCodePoints) {
        var raw = el.textContent;
        start = utf16(raw, start); end = utf16(raw, end);
      }
      // HTML parsers drop a newline right after <pre>/<textarea>/<listing>; lxml keeps it,
      // so there the browser's offsets are one less. Only those two positions are possible.
      if (/^(pre|textarea|listing)$/.test(el.localName) && start > 0) {
        var text = el.textContent;
        if (text.slice(start, end) !== a.quote.exact &&
            text.slice(start - 1, end - 1) === a.quote.exact) { start -= 1; end -= 1; }
      }
      if (el.textContent.slice(start, end) !== a.quote.exact) { return null; }
      if (end <= start) {
        var m = makeMark(doc, a, i);
        m.classList.add("ec-empty");
        el.appendChild(m);
        return [m];
      }
      return wrap(doc, textPieces(el, start, end), a, i);
    });
  }

  /* ---- drawing the draft --------------------------------------------------------------- */

  function splitLines(text) {
    if (!text) { return []; }
    var lines = text.split(/\r\n|\r|\n/);
    if (/(\r\n|\r|\n)$/.test(text)) { lines.pop(); }
    return lines;
  }

  function addStyle(doc) {
    var style = doc.createElement("style");
    style.textContent = MARK_CSS;
    (doc.head || doc.documentElement).appendChild(style);
  }

  // Plain text: one element per line, as editcheck reads it; block.index is the line.
  function drawText(host, draft, report, done) {
    var box = document.createElement("div");
    box.className = "ec-text";
    var lines = splitLines(draft.content).map(function (line) {
      var div = document.createElement("div");
      div.className = "ec-line";
      div.textContent = line;
      box.appendChild(div);
      return div;
    });
    host.appendChild(box);
    var els = report.annotations.map(function (a) { return lines[a.block.index] || null; });
    done(document, placeAll(document, els, report.annotations, draft.codePoints));
  }

  // HTML: rendered in a sandboxed frame (no scripts run), marks placed by xpath.
  function drawHtml(host, draft, report, done) {
    var frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-same-origin");
    frame.setAttribute("title", "draft");
    frame.addEventListener("load", function () {
      var doc = frame.contentDocument;
      addStyle(doc);
      var els = report.annotations.map(function (a) { return resolveXPath(doc, a.block.xpath); });
      done(doc, placeAll(doc, els, report.annotations, draft.codePoints));
    });
    // Without a doctype a browser parses in quirks mode, where (unlike lxml) an open <p>
    // stays open around a <table>; standards mode builds the tree the xpaths describe.
    frame.srcdoc = /^\s*<!doctype/i.test(draft.content) ? draft.content : "<!doctype html>" + draft.content;
    host.appendChild(frame);
  }

  /* ---- the side list --------------------------------------------------------------------- */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function clip(text, n) { return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }

  function listItem(a, i, rule, placed) {
    var li = el("li", "ec-item");
    li.tabIndex = 0;
    li.setAttribute("data-ec", String(i));
    li.style.setProperty("--cat", CATEGORY_COLOURS[a.category] || "#999");
    var head = el("div", "ec-item-head");
    head.appendChild(el("span", "ec-sev " + a.severity, a.severity));
    head.appendChild(el("span", "ec-cat", a.category));
    head.appendChild(el("span", "ec-rule", a.rule));
    li.appendChild(head);
    li.appendChild(el("p", "ec-msg", a.message));
    if (a.text.trim()) { li.appendChild(el("div", "ec-quote", "\u201c" + clip(a.text, 160) + "\u201d")); }
    if (a.suggestion) { li.appendChild(el("div", "ec-suggest", "Suggestion: " + a.suggestion)); }
    if (placed === null) {
      li.appendChild(el("div", "ec-unplaced", "Not highlighted: this browser reads the HTML " +
        "around it differently from editcheck, so its offsets point elsewhere here."));
    } else if (!placed.length) {
      li.appendChild(el("div", "ec-unplaced", "Could not find this annotation's element in the draft."));
    }
    if (rule && (rule.summary || rule.doc)) {
      var d = el("details");
      d.appendChild(el("summary", "", "Why this rule"));
      if (rule.summary) { d.appendChild(el("p", "", rule.summary)); }
      if (rule.doc) { d.appendChild(el("p", "", rule.doc.replace(/^\s+/gm, ""))); }
      li.appendChild(d);
    }
    return li;
  }

  function summaryBar(box, result) {
    box.textContent = "";
    var s = result.report.summary;
    if (result.verdict) {
      box.appendChild(el("span", "ec-verdict " + result.verdict, result.verdict.toUpperCase()));
    }
    box.appendChild(el("span", "", s.total + " annotation" + (s.total === 1 ? "" : "s") + ": " +
      s.by_severity.error + " error, " + s.by_severity.warning + " warning, " + s.by_severity.info + " info"));
    Object.keys(s.by_category).forEach(function (c) {
      var chip = el("span", "ec-chip", c + " " + s.by_category[c]);
      chip.style.setProperty("--cat", CATEGORY_COLOURS[c] || "#999");
      box.appendChild(chip);
    });
    var timedOut = result.report.errors.filter(function (e) { return e.kind === "timeout"; });
    if (timedOut.length) {
      box.appendChild(el("span", "ec-partial", "Partial: stopped by the time budget: " +
        timedOut.map(function (e) { return e.check; }).join(", ")));
    }
    var failed = result.report.errors.filter(function (e) { return e.kind !== "timeout"; });
    if (failed.length) {
      box.appendChild(el("span", "ec-partial", "Checks that failed: " +
        failed.map(function (e) { return e.check + " (" + e.message + ")"; }).join("; ")));
    }
    sourcesList(box, result.report.stats || {});
  }

  /* Who the draft quotes (report.stats.sources, when the sourcing check ran): each source
     as written, its kind, and what hangs on it. */
  function sourcesList(box, stats) {
    var sources = stats.sources;
    if (!sources || !sources.length) { return; }
    var d = el("details", "ec-sources");
    d.appendChild(el("summary", "", stats.sources_summary || (sources.length + " sources")));
    var ul = el("ul", "");
    sources.forEach(function (src) {
      var parts = [];
      ["quotes", "figures", "claims"].forEach(function (k) {
        if (src[k]) { parts.push(src[k] + " " + (src[k] === 1 ? k.slice(0, -1) : k)); }
      });
      var li = el("li", "");
      li.appendChild(el("strong", "", src.name));
      li.appendChild(el("span", "ec-kind", " " + src.kind));
      li.appendChild(el("span", "", parts.length ? " \u2014 " + parts.join(", ") : ""));
      ul.appendChild(li);
    });
    d.appendChild(ul);
    box.appendChild(d);
  }

  /* ---- putting it together --------------------------------------------------------------- */

  var state = { doc: null, marks: [], list: null };

  function select(i) {
    state.marks.forEach(function (ms) { (ms || []).forEach(function (m) { m.classList.remove("ec-active"); }); });
    Array.prototype.forEach.call(state.list.children, function (li) {
      li.classList.toggle("ec-active", li.getAttribute("data-ec") === String(i));
    });
    var marks = state.marks[i] || [];
    marks.forEach(function (m) { m.classList.add("ec-active"); });
    if (marks.length) { marks[0].scrollIntoView({ block: "center" }); }
  }

  // Draw one draft and its report (result: {report, verdict?}) with rule docs by id.
  function show(draft, result, rules) {
    var review = document.getElementById("ec-review");
    var host = document.getElementById("ec-draft");
    state.list = document.getElementById("ec-list");
    host.textContent = "";
    state.list.textContent = "";
    review.hidden = false;
    summaryBar(document.getElementById("ec-summary"), result);
    var report = result.report;
    var draw = report.media_type === "text/html" ? drawHtml : drawText;
    draw(host, draft, report, function (doc, marks) {
      state.doc = doc;
      state.marks = marks;
      report.annotations.forEach(function (a, i) {
        var li = listItem(a, i, rules[a.rule], marks[i]);
        li.addEventListener("click", function () { select(i); });
        li.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { select(i); } });
        state.list.appendChild(li);
        (marks[i] || []).forEach(function (m) {
          m.addEventListener("click", function (ev) {
            ev.stopPropagation();
            select(i);
            li.scrollIntoView({ block: "nearest" });
          });
        });
      });
      document.body.setAttribute("data-ec-ready", "1");
    });
  }

  function looksHtml(text) {
    var head = text.slice(0, 2048).replace(/^\s+/, "").toLowerCase();
    return /^(<!doctype|<html|<\?xml)/.test(head) || /<(p|div|h1|h2|body|article)[\s>]/.test(head);
  }

  function status(text, isError) {
    var p = document.getElementById("ec-status");
    p.textContent = text;
    p.classList.toggle("ec-error", !!isError);
  }

  function api(path, token, body) {
    var headers = { "Content-Type": "application/json" };
    if (token) { headers.Authorization = "Bearer " + token; }
    var init = body ? { method: "POST", headers: headers, body: JSON.stringify(body) } : { headers: headers };
    return fetch(path, init).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { throw new Error(data.title + ": " + data.detail); }
        return data;
      });
    });
  }

  function servedMode() {
    var form = document.getElementById("ec-form");
    var input = document.getElementById("ec-input");
    var kind = document.getElementById("ec-kind");
    var token = document.getElementById("ec-token");
    token.value = sessionStorage.getItem("editcheck-token") || "";
    document.getElementById("ec-file").addEventListener("change", function (ev) {
      var file = ev.target.files[0];
      if (!file) { return; }
      file.text().then(function (text) {
        input.value = text;
        kind.value = /\.html?$/i.test(file.name) ? "html" : /\.txt$/i.test(file.name) ? "text" : "auto";
        status("Loaded " + file.name + "; press Check.");
      });
    });
    var rules = null;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      document.body.removeAttribute("data-ec-ready");
      sessionStorage.setItem("editcheck-token", token.value);
      var text = input.value;
      var asHtml = kind.value === "html" || (kind.value === "auto" && looksHtml(text));
      var body = { position_encoding: "utf-16" };
      body[asHtml ? "html" : "text"] = text;
      status("Checking\u2026");
      var rulesReady = rules ? Promise.resolve(rules) : api("/v1/rules", token.value).then(function (d) {
        rules = {};
        d.rules.forEach(function (r) { rules[r.id] = r; });
        return rules;
      });
      Promise.all([api("/v1/check", token.value, body), rulesReady]).then(function (res) {
        status("");
        show({ content: text, codePoints: false }, res[0], res[1]);
      }).catch(function (err) { status(err.message, true); });
    });
  }

  function fileMode(data) {
    var nav = document.getElementById("ec-drafts");
    var buttons = data.drafts.map(function (d, i) {
      var b = el("button", "", (d.source || "draft " + (i + 1)) + " (" + d.report.summary.total + ")");
      b.type = "button";
      b.addEventListener("click", function () { open(i); });
      nav.appendChild(b);
      return b;
    });
    function open(i) {
      buttons.forEach(function (b, j) { b.setAttribute("aria-pressed", String(i === j)); });
      var d = data.drafts[i];
      if (d.content === null) {
        document.getElementById("ec-review").hidden = false;
        status("The draft's text could not be read back (" + (d.note || "unknown") + "); the list shows the annotations.");
      } else {
        status("");
      }
      show({ content: d.content || "", codePoints: true }, { report: d.report, verdict: d.verdict }, data.rules);
    }
    if (data.drafts.length) { open(0); }
  }

  window.editcheckReview = { resolveXPath: resolveXPath, splitLines: splitLines, utf16: utf16, select: select };
  var embedded = document.getElementById("editcheck-data");
  if (embedded) {
    fileMode(JSON.parse(embedded.textContent));
  } else {
    servedMode();
  }
})();
