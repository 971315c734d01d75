/* editcheck desk: the review page editors use.

   Served at / (talks to /v1/check and /v1/dismissals on its own origin) and inlined
   into `editcheck check --format html` files (reads the reports embedded in
   #editcheck-data; no network, nothing to fix or dismiss there).

   Highlights are placed from each annotation's block.xpath (or, for plain text, its
   line) and block.start/end, the offsets into that element's textContent: the text is
   never searched, so a highlight in the wrong place is a wrong position in the report.
   Findings whose rule has scope "document" (a reading grade) are shown in the document
   panel, not on the passage they are anchored to.

   Everything an editor reads is written for an editor: no HTTP words, no stack traces. */
(function () {
  "use strict";

  var CATEGORY_COLOURS = {
    "unattributed-claim": "#ffd166", "unsourced-statistic": "#f4978e",
    "repeated-boilerplate": "#b8c0ff", "page-residue": "#d0a9e8",
    "readability": "#a8dadc", "house-style": "#b7efb0"
  };
  var CATEGORY_NAMES = {
    "unattributed-claim": "attribution", "unsourced-statistic": "statistics",
    "repeated-boilerplate": "boilerplate", "page-residue": "page residue",
    "readability": "readability", "house-style": "house style"
  };
  var RANK = { error: 3, warning: 2, info: 1 };
  var MARK_CSS = Object.keys(CATEGORY_COLOURS).map(function (c) {
    return "ec-mark.ec-cat-" + c + "{background:" + CATEGORY_COLOURS[c] + "b3}";
  }).join("\n") + "\n" +
    "ec-mark{border-radius:2px;cursor:pointer;text-decoration-thickness:2px;" +
    "text-underline-offset:3px;text-decoration-line:underline}\n" +
    "ec-mark.ec-sev-error{text-decoration-color:#c62828;text-decoration-style:wavy}\n" +
    "ec-mark.ec-sev-warning{text-decoration-color:#e08a00;text-decoration-style:dashed}\n" +
    "ec-mark.ec-sev-info{text-decoration-color:#1565c0;text-decoration-style:dotted}\n" +
    "ec-mark.ec-empty::before{content:'\\00b6';padding:0 .2em}\n" +
    "ec-mark.ec-dismissed{background:none;text-decoration-color:#98a2b3;text-decoration-style:dotted}\n" +
    "ec-mark.ec-active{outline:2px solid #1d2330;background:#fff59d}\n" +
    "body{font:16px/1.55 Georgia,serif;max-width:46rem;margin:1rem auto;padding:0 1rem;color:#1d2330}\n";

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
    m.className = "ec-mark ec-cat-" + a.category + " ec-sev-" + a.severity +
      (a.dismissed ? " ec-dismissed" : "");
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

  // Highlight the annotations (a null entry is not drawn); returns the marks of each: an
  // empty list when the element was not found, null when the text at the offsets is not
  // the annotation's (the browser built a different tree from this HTML than lxml did),
  // so nothing wrong is highlighted.
  function placeAll(doc, elements, annotations, unitsAreCodePoints) {
    return annotations.map(function (a, i) {
      if (!a) { return []; }
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

  /* ---- pasted HTML, made safe and plain ------------------------------------------------- */

  // What a draft keeps of pasted markup: structure and emphasis. Everything else is
  // unwrapped (its text kept) or, for the elements below, dropped with its content.
  var KEEP = {
    p: 1, h1: 1, h2: 1, h3: 1, h4: 1, h5: 1, h6: 1, ul: 1, ol: 1, li: 1, blockquote: 1,
    figure: 1, figcaption: 1, pre: 1, code: 1, br: 1, hr: 1, a: 1, strong: 1, b: 1, em: 1,
    i: 1, u: 1, s: 1, sub: 1, sup: 1, table: 1, thead: 1, tbody: 1, tr: 1, td: 1, th: 1,
    caption: 1, div: 1, dl: 1, dt: 1, dd: 1, q: 1, cite: 1, small: 1, mark: 1, abbr: 1
  };
  var DROP = {
    script: 1, style: 1, noscript: 1, template: 1, iframe: 1, object: 1, embed: 1,
    svg: 1, math: 1, head: 1, title: 1, meta: 1, link: 1, base: 1, xml: 1, img: 1,
    picture: 1, video: 1, audio: 1, source: 1, canvas: 1, button: 1, input: 1, select: 1,
    textarea: 1, form: 1, frame: 1, frameset: 1, applet: 1, param: 1
  };

  function safeHref(href) {
    return /^(https?:|mailto:)/i.test((href || "").trim()) ? href.trim() : null;
  }

  // Google Docs wraps a paste in <b style="font-weight:normal">; its bold and italic are
  // <span style=...>. Word's are <b>/<i> with mso- styles: both end as <strong>/<em>.
  function styledName(node) {
    var style = (node.getAttribute("style") || "").replace(/\s+/g, "").toLowerCase();
    if (node.localName === "b" && /font-weight:(normal|400)/.test(style)) { return null; }
    if (node.localName === "span") {
      if (/font-weight:(bold|[6-9]00)/.test(style)) { return "strong"; }
      if (/font-style:italic/.test(style)) { return "em"; }
      return null;
    }
    return node.localName;
  }

  function cleanInto(target, source, doc) {
    Array.prototype.forEach.call(source.childNodes, function (node) {
      if (node.nodeType === 3) { target.appendChild(doc.createTextNode(node.data)); return; }
      if (node.nodeType !== 1) { return; } // comments (Word's conditionals), processing
      var name = node.localName.toLowerCase();
      if (DROP[name] || name.indexOf(":") > 0 && name !== "o:p") { return; }
      var keep = KEEP[name] ? styledName(node) : (name === "span" ? styledName(node) : null);
      if (!keep) { cleanInto(target, node, doc); return; }
      var copy = doc.createElement(keep);
      if (keep === "a") {
        var href = safeHref(node.getAttribute("href"));
        if (href) { copy.setAttribute("href", href); }
      }
      if (keep === "td" || keep === "th") {
        ["colspan", "rowspan"].forEach(function (k) {
          var v = node.getAttribute(k);
          if (v && /^\d{1,3}$/.test(v)) { copy.setAttribute(k, v); }
        });
      }
      cleanInto(copy, node, doc);
      target.appendChild(copy);
    });
    return target;
  }

  // Pasted or posted HTML as a clean fragment of this document: no scripts, no styles,
  // no event or style attributes, nothing that loads from elsewhere.
  function sanitize(html) {
    var parsed = new DOMParser().parseFromString(html, "text/html"); // inert: nothing runs
    var frag = document.createDocumentFragment();
    cleanInto(frag, parsed.body || parsed.documentElement, document);
    return frag;
  }

  function sanitizedHtml(html) {
    var box = document.createElement("div");
    box.appendChild(sanitize(html));
    return box.innerHTML;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function textAsHtml(text) {
    return splitLines(text).map(function (line) {
      return line.trim() ? "<p>" + escapeHtml(line) + "</p>" : "<p><br></p>";
    }).join("\n");
  }

  function splitLines(text) {
    if (!text) { return []; }
    var lines = text.split(/\r\n|\r|\n/);
    if (/(\r\n|\r|\n)$/.test(text)) { lines.pop(); }
    return lines;
  }

  /* ---- small DOM helpers ----------------------------------------------------------------- */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function button(label, cls, onClick) {
    var b = el("button", cls, label);
    b.type = "button";
    if (onClick) { b.addEventListener("click", function (ev) { ev.stopPropagation(); onClick(ev); }); }
    return b;
  }

  function clip(text, n) { return text.length > n ? text.slice(0, n - 1) + "\u2026" : text; }

  function plural(n, word) {
    return n + " " + (n === 1 ? word : /(x|s|ch|sh)$/.test(word) ? word + "es" : word + "s");
  }

  function status(text, isError) {
    var p = document.getElementById("ec-status");
    if (!p) { return; }
    p.textContent = text;
    p.classList.toggle("ec-error", !!isError);
  }

  /* ---- the page's state ------------------------------------------------------------------ */

  var desk = readJson("ec-desk") || { origins: [], draft: null };
  var state = {
    served: false, rules: {}, answer: null, report: null, content: "", kind: "html",
    draftId: null, fixed: null, doc: null, marks: [], items: [], order: "position",
    severities: { error: true, warning: true, info: true }, category: "", showDismissed: true,
    active: -1, cms: null
  };

  function readJson(id) {
    var node = document.getElementById(id);
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function isDocumentScope(a) {
    var rule = state.rules[a.rule];
    return !!(rule && rule.scope === "document");
  }

  function counted(a) { return !a.dismissed; }

  /* ---- the verdict banner ---------------------------------------------------------------- */

  var THRESHOLD_WORDS = { error: "errors", warning: "warnings", info: "findings", never: "nothing" };

  function banner(box, answer, report) {
    box.textContent = "";
    var anns = report.annotations;
    var live = anns.filter(counted);
    var threshold = answer.fail_on || "error";
    var blocking = threshold === "never" ? [] : live.filter(function (a) {
      return RANK[a.severity] >= RANK[threshold];
    });
    // Below the threshold but worth a look: warnings (and errors, when nothing blocks).
    var warnings = live.filter(function (a) { return a.severity !== "info"; });
    var notes = live.filter(function (a) { return a.severity === "info"; });
    var unfinished = report.errors || [];
    var verdict = answer.verdict;
    var kind, title, detail = [];
    if (verdict === "fail") {
      kind = "fail";
      title = "FAIL";
      detail.push(plural(blocking.length, "finding") + " at or above the threshold (" +
        THRESHOLD_WORDS[threshold] + ") must be fixed or dismissed before publishing:");
    } else if (verdict === "incomplete") {
      kind = "incomplete";
      title = "INCOMPLETE";
      detail.push("Not every check finished, so this draft was not fully checked: " +
        "press Check again, and tell your editcheck admin if it keeps happening.");
    } else if (warnings.length) {
      kind = "warn";
      var errors = warnings.filter(function (a) { return a.severity === "error"; }).length;
      title = [errors ? plural(errors, "error") : "", warnings.length - errors ?
        plural(warnings.length - errors, "warning") : ""].filter(Boolean).join(", ");
      detail.push("Nothing blocks publication at this threshold (" + THRESHOLD_WORDS[threshold] +
        "), but read each one before you publish.");
    } else {
      kind = "pass";
      title = "PASS";
      detail.push("Nothing at or above the threshold (" + THRESHOLD_WORDS[threshold] + ")" +
        (notes.length ? "; " + plural(notes.length, "note") + " to read." : "."));
    }
    box.className = "ec-banner ec-banner-" + kind;
    box.setAttribute("data-verdict", verdict);
    box.setAttribute("data-kind", kind);
    box.appendChild(el("strong", "ec-banner-title", title));
    var body = el("div", "ec-banner-body");
    detail.forEach(function (d) { body.appendChild(el("p", "", d)); });
    if (verdict === "fail") {
      var ul = el("ul", "ec-banner-list");
      blocking.slice(0, 8).forEach(function (a) {
        var li = el("li");
        var link = button(a.severity + ": " + a.message + (a.text.trim() ? " \u201c" + clip(a.text, 60) + "\u201d" : ""),
          "ec-link", function () { select(anns.indexOf(a), true); });
        li.appendChild(link);
        ul.appendChild(li);
      });
      if (blocking.length > 8) { ul.appendChild(el("li", "", "and " + (blocking.length - 8) + " more")); }
      body.appendChild(ul);
    }
    if (unfinished.length) {
      var names = unfinished.map(function (e) {
        return e.check + (e.kind === "timeout" ? " (ran out of time)" : " (failed)");
      });
      var p = el("p", "ec-unfinished", "Checks that did not finish: " + names.join(", ") +
        ". Findings of those checks may be missing.");
      body.appendChild(p);
      if (verdict === "fail") { p.classList.add("ec-also"); }
    }
    var counts = [plural(live.length, "finding")];
    var dismissed = anns.length - live.length;
    if (dismissed) { counts.push(dismissed + " dismissed"); }
    body.appendChild(el("p", "ec-counts", counts.join(" \u00b7 ")));
    box.appendChild(body);
  }

  /* ---- the document panel ---------------------------------------------------------------- */

  function documentPanel(box, report, docItems) {
    box.textContent = "";
    var stats = report.stats || {};
    box.appendChild(el("h2", "", "The whole draft"));
    var facts = el("dl", "ec-facts");
    function fact(name, value) {
      if (value === undefined || value === null) { return; }
      facts.appendChild(el("dt", "", name));
      facts.appendChild(el("dd", "", String(value)));
    }
    fact("Words", stats.words);
    fact("Sentences", stats.sentences);
    if (typeof stats.flesch_kincaid_grade === "number") {
      fact("Reading grade", stats.flesch_kincaid_grade.toFixed(1) + " (Flesch-Kincaid)");
    }
    box.appendChild(facts);
    if (stats.sources_summary) { box.appendChild(el("p", "ec-sourcing", "Sourcing: " + stats.sources_summary)); }
    if (docItems.length) {
      var ol = el("ol", "ec-list ec-doclist");
      docItems.forEach(function (li) { ol.appendChild(li); });
      box.appendChild(ol);
    }
    sourcesList(box, stats);
  }

  /* Who the draft quotes (report.stats.sources, when the sourcing check ran). */
  function sourcesList(box, stats) {
    var sources = stats.sources;
    if (!sources || !sources.length) { return; }
    var d = el("details", "ec-sources");
    d.appendChild(el("summary", "", "Who the draft quotes: " + plural(sources.length, "source")));
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

  /* ---- drawing the draft ------------------------------------------------------------------ */

  function addStyle(doc) {
    var style = doc.createElement("style");
    style.textContent = MARK_CSS;
    (doc.head || doc.documentElement).appendChild(style);
  }

  // Plain text: one element per line, as editcheck reads it; block.index is the line.
  function drawText(host, content, anns, codePoints, done) {
    var box = el("div", "ec-text");
    var lines = splitLines(content).map(function (line) {
      var div = el("div", "ec-line");
      div.textContent = line;
      box.appendChild(div);
      return div;
    });
    host.appendChild(box);
    var els = anns.map(function (a) { return a ? lines[a.block.index] || null : null; });
    done(document, placeAll(document, els, anns, codePoints));
  }

  // HTML: rendered in a sandboxed frame (no scripts run), marks placed by xpath.
  function drawHtml(host, content, anns, codePoints, done) {
    var frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-same-origin");
    frame.setAttribute("title", "the draft with its findings highlighted");
    frame.addEventListener("load", function () {
      var doc = frame.contentDocument;
      addStyle(doc);
      doc.addEventListener("keydown", onKey);
      var els = anns.map(function (a) { return a ? resolveXPath(doc, a.block.xpath) : null; });
      done(doc, placeAll(doc, els, anns, codePoints));
    });
    // Without a doctype a browser parses in quirks mode, where (unlike lxml) an open <p>
    // stays open around a <table>; standards mode builds the tree the xpaths describe.
    frame.srcdoc = /^\s*<!doctype/i.test(content) ? content : "<!doctype html>" + content;
    host.appendChild(frame);
  }

  /* ---- one finding ------------------------------------------------------------------------- */

  function listItem(a, i, placed) {
    var rule = state.rules[a.rule];
    var li = el("li", "ec-item" + (a.dismissed ? " ec-dismissed" : ""));
    li.tabIndex = 0;
    li.setAttribute("data-ec", String(i));
    li.setAttribute("data-severity", a.severity);
    li.setAttribute("data-category", a.category);
    li.setAttribute("data-fingerprint", a.fingerprint);
    li.style.setProperty("--cat", CATEGORY_COLOURS[a.category] || "#999");
    var head = el("div", "ec-item-head");
    head.appendChild(el("span", "ec-sev " + a.severity, a.severity));
    head.appendChild(el("span", "ec-cat", CATEGORY_NAMES[a.category] || a.category));
    head.appendChild(el("span", "ec-rule", a.rule));
    li.appendChild(head);
    li.appendChild(el("p", "ec-msg", a.message));
    if (a.text.trim() && !isDocumentScope(a)) {
      li.appendChild(el("div", "ec-quote", "\u201c" + clip(a.text, 160) + "\u201d"));
    }
    if (a.suggestion) { li.appendChild(el("div", "ec-suggest", "Suggestion: " + a.suggestion)); }
    if (placed === null) {
      li.appendChild(el("div", "ec-unplaced", "Not highlighted: this browser lays out the " +
        "draft around it differently, so it cannot be shown in place."));
    } else if (placed && !placed.length && !isDocumentScope(a)) {
      li.appendChild(el("div", "ec-unplaced", "Not highlighted: its paragraph was not found in the draft."));
    }
    if (a.dismissed) {
      li.appendChild(el("div", "ec-dismissal", "Dismissed" +
        (a.dismissed.reason ? ": \u201c" + a.dismissed.reason + "\u201d" : "") +
        ". It does not count toward the verdict."));
    }
    if (state.served) { li.appendChild(actions(a, i)); }
    if (rule && (rule.summary || rule.doc)) {
      var d = el("details");
      d.appendChild(el("summary", "", "Why this is flagged"));
      if (rule.summary) { d.appendChild(el("p", "", rule.summary)); }
      if (rule.doc) { d.appendChild(el("p", "", rule.doc.replace(/^\s+/gm, ""))); }
      li.appendChild(d);
    }
    li.addEventListener("click", function (ev) {
      if (ev.target.closest("button, input, details, form")) { return; }
      select(i, false);
    });
    li.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && ev.target === li) { select(i, false); } });
    return li;
  }

  function actions(a, i) {
    var box = el("div", "ec-actions");
    var canDismiss = state.dismissalsOn;
    if (a.dismissed) {
      if (canDismiss) { box.appendChild(button("Restore", "ec-restore", function () { restore(a); })); }
      return box;
    }
    if (a.fixable) { // a safe fix (residue, blank runs, invisible characters...)
      box.appendChild(button("Fix", "ec-fix", function () { fix([a.fingerprint], "1 fix"); }));
    } else if (a.fix && a.fix.kind === "replace" && typeof a.fix.text === "string") {
      // a suggestion (house style): applied only when the editor asks, one at a time
      box.appendChild(button("Apply “" + clip(a.fix.text, 30) + "”", "ec-apply",
        function () { fix([a.fingerprint], "the suggestion"); }));
    }
    if (canDismiss) {
      box.appendChild(button("Dismiss\u2026", "ec-dismiss", function () { dismissForm(box, a); }));
    }
    return box;
  }

  function dismissForm(box, a) {
    box.textContent = "";
    var form = el("form", "ec-dismiss-form");
    var label = el("label", "", "Why is this fine? (optional)");
    var input = el("input", "ec-reason");
    input.type = "text";
    input.maxLength = 500;
    input.placeholder = "e.g. the source is named in the next paragraph";
    label.appendChild(input);
    form.appendChild(label);
    var ok = el("button", "ec-dismiss-confirm", "Dismiss this finding");
    ok.type = "submit";
    form.appendChild(ok);
    form.appendChild(button("Cancel", "ec-link", function () { render(); }));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      dismiss(a, input.value.trim());
    });
    form.addEventListener("keydown", function (ev) { ev.stopPropagation(); });
    box.appendChild(form);
    input.focus();
  }

  /* ---- the side list: filters, order, selection ---------------------------------------- */

  function toolbar(box, passage) {
    box.textContent = "";
    var anns = state.report.annotations;
    var fixable = anns.filter(function (a) { return a.fixable && !a.dismissed; });
    if (state.served && fixable.length) {
      box.appendChild(button("Fix all residue (" + fixable.length + ")", "ec-fix-all", function () {
        fix(fixable.map(function (a) { return a.fingerprint; }), plural(fixable.length, "fix"));
      }));
    }
    var sev = el("div", "ec-filter", "");
    sev.setAttribute("role", "group");
    sev.setAttribute("aria-label", "Show severities");
    ["error", "warning", "info"].forEach(function (s) {
      var n = passage.filter(function (a) { return a.severity === s; }).length;
      var b = button(s + " " + n, "ec-sev-toggle " + s, function () {
        state.severities[s] = !state.severities[s];
        b.setAttribute("aria-pressed", String(state.severities[s]));
        applyFilters();
      });
      b.setAttribute("data-severity", s);
      b.setAttribute("aria-pressed", String(state.severities[s]));
      sev.appendChild(b);
    });
    box.appendChild(sev);
    var cats = {};
    passage.forEach(function (a) { cats[a.category] = (cats[a.category] || 0) + 1; });
    var cat = el("select", "ec-cat-filter");
    cat.id = "ec-category";
    cat.setAttribute("aria-label", "Show category");
    cat.appendChild(new Option("every category", ""));
    Object.keys(cats).sort().forEach(function (c) {
      cat.appendChild(new Option((CATEGORY_NAMES[c] || c) + " (" + cats[c] + ")", c));
    });
    cat.value = cats[state.category] ? state.category : "";
    state.category = cat.value;
    cat.addEventListener("change", function () { state.category = cat.value; applyFilters(); });
    box.appendChild(cat);
    var order = el("select", "ec-order");
    order.id = "ec-order";
    order.setAttribute("aria-label", "Order");
    order.appendChild(new Option("in draft order", "position"));
    order.appendChild(new Option("most severe first", "severity"));
    order.value = state.order;
    order.addEventListener("change", function () { state.order = order.value; applyFilters(); });
    box.appendChild(order);
    var dis = anns.filter(function (a) { return a.dismissed; }).length;
    if (dis) {
      var t = button("dismissed " + dis, "ec-dis-toggle", function () {
        state.showDismissed = !state.showDismissed;
        t.setAttribute("aria-pressed", String(state.showDismissed));
        applyFilters();
      });
      t.setAttribute("aria-pressed", String(state.showDismissed));
      box.appendChild(t);
    }
    box.appendChild(el("span", "ec-keys", "j / k: next / previous finding"));
  }

  function visible(a) {
    return state.severities[a.severity] && (!state.category || a.category === state.category) &&
      (state.showDismissed || !a.dismissed);
  }

  function applyFilters() {
    var list = document.getElementById("ec-list");
    if (!list) { return; }
    var anns = state.report.annotations;
    var items = state.items.filter(function (it) { return it.inList; });
    items.sort(function (x, y) {
      var a = anns[x.index], b = anns[y.index];
      if (state.order === "severity" && RANK[a.severity] !== RANK[b.severity]) {
        return RANK[b.severity] - RANK[a.severity];
      }
      return x.index - y.index;
    });
    var shown = 0;
    items.forEach(function (it) {
      var on = visible(anns[it.index]);
      it.li.hidden = !on;
      (state.marks[it.index] || []).forEach(function (m) { m.classList.toggle("ec-filtered", !on); });
      if (on) { shown += 1; }
      list.appendChild(it.li);
    });
    var count = document.getElementById("ec-count");
    if (count) { count.textContent = shown === items.length ? plural(shown, "finding") : shown + " of " + items.length + " shown"; }
  }

  function listOrder() {
    var list = document.getElementById("ec-list");
    return Array.prototype.filter.call(list ? list.children : [], function (li) { return !li.hidden; })
      .map(function (li) { return parseInt(li.getAttribute("data-ec"), 10); });
  }

  function select(i, fromBanner) {
    state.active = i;
    state.marks.forEach(function (ms) { (ms || []).forEach(function (m) { m.classList.remove("ec-active"); }); });
    state.items.forEach(function (it) { it.li.classList.toggle("ec-active", it.index === i); });
    var marks = state.marks[i] || [];
    marks.forEach(function (m) { m.classList.add("ec-active"); });
    if (marks.length) { reveal(marks[0], true); }
    var item = state.items.filter(function (it) { return it.index === i; })[0];
    if (item) {
      reveal(item.li, false);
      if (fromBanner || document.activeElement !== item.li) { item.li.focus({ preventScroll: true }); }
    }
  }

  // Bring a highlight or an item into view inside its own pane (the draft's frame, the
  // text box, the side list) without scrolling the page: the verdict stays in sight.
  function reveal(node, centre) {
    var doc = node.ownerDocument;
    if (doc !== document) {
      var win = doc.defaultView, r = node.getBoundingClientRect();
      if (r.top < 0 || r.bottom > win.innerHeight) { win.scrollBy(0, r.top - win.innerHeight / 2); }
      return;
    }
    var box = node.closest(".ec-text, .ec-side");
    if (!box) { return; }
    var b = box.getBoundingClientRect(), n = node.getBoundingClientRect();
    if (n.top >= b.top && n.bottom <= b.bottom) { return; }
    box.scrollTop += centre ? n.top - b.top - b.height / 2 : (n.top < b.top ? n.top - b.top - 40 : n.bottom - b.bottom + 8);
  }

  function step(delta) {
    var order = listOrder();
    if (!order.length) { return; }
    var at = order.indexOf(state.active);
    var next = at < 0 ? (delta > 0 ? 0 : order.length - 1) : Math.min(order.length - 1, Math.max(0, at + delta));
    select(order[next], false);
  }

  function typing(target) {
    if (!target || !target.closest) { return false; }
    return !!target.closest("input, textarea, select, [contenteditable='true'], [contenteditable='']");
  }

  function onKey(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target) || !state.report) { return; }
    if (ev.key === "j") { step(1); ev.preventDefault(); }
    if (ev.key === "k") { step(-1); ev.preventDefault(); }
  }

  /* ---- putting the review together -------------------------------------------------------- */

  function render() {
    var review = document.getElementById("ec-review");
    var report = state.report, answer = state.answer;
    document.body.removeAttribute("data-ec-ready");
    review.textContent = "";
    review.hidden = false;
    var bannerBox = el("section", "ec-banner");
    bannerBox.id = "ec-banner";
    bannerBox.setAttribute("aria-label", "verdict");
    review.appendChild(bannerBox);
    banner(bannerBox, answer, report);
    if (state.fixed) { review.appendChild(cleanPanel()); }
    var anns = report.annotations;
    var docAnns = [], passage = [];
    anns.forEach(function (a) { (isDocumentScope(a) ? docAnns : passage).push(a); });
    var docBox = el("section", "ec-docpanel");
    docBox.id = "ec-docpanel";
    docBox.setAttribute("aria-label", "the whole draft");
    review.appendChild(docBox);
    var panes = el("div", "ec-panes");
    var host = el("section", "ec-draft");
    host.id = "ec-draft";
    host.setAttribute("aria-label", "draft");
    var side = el("aside", "ec-side");
    side.setAttribute("aria-label", "findings");
    var tools = el("div", "ec-tools");
    tools.id = "ec-tools";
    var count = el("p", "ec-count");
    count.id = "ec-count";
    var list = el("ol", "ec-list");
    list.id = "ec-list";
    side.appendChild(tools);
    side.appendChild(count);
    side.appendChild(list);
    panes.appendChild(host);
    panes.appendChild(side);
    review.appendChild(panes);
    toolbar(tools, passage);
    var drawn = anns.map(function (a) { return isDocumentScope(a) ? null : a; });
    var draw = report.media_type === "text/html" ? drawHtml : drawText;
    draw(host, state.content, drawn, state.codePoints, function (doc, marks) {
      state.doc = doc;
      state.marks = marks;
      var docItems = [];
      state.items = anns.map(function (a, i) {
        var li = listItem(a, i, marks[i]);
        var inList = !isDocumentScope(a);
        if (inList) { list.appendChild(li); } else { docItems.push(li); }
        (marks[i] || []).forEach(function (m) {
          m.addEventListener("click", function (ev) { ev.stopPropagation(); select(i, false); });
        });
        return { index: i, li: li, inList: inList };
      });
      documentPanel(docBox, report, docItems);
      applyFilters();
      document.body.setAttribute("data-ec-ready", "1");
    });
  }

  function cleanPanel() {
    var box = el("section", "ec-clean");
    box.id = "ec-clean";
    box.setAttribute("aria-label", "the cleaned draft");
    var n = state.fixed.applied.length;
    box.appendChild(el("strong", "", "Cleaned draft"));
    box.appendChild(el("span", "", " \u2014 " + plural(n, "fix") + " applied. The draft below is the " +
      "cleaned one; copy it back into your CMS."));
    box.appendChild(button("Copy clean draft", "ec-copy", function () { copyDraft(false); }));
    if (state.kind === "html") {
      box.appendChild(button("Copy HTML source", "ec-copy-source ec-link", function () { copyDraft(true); }));
    }
    return box;
  }

  /* ---- the clipboard ------------------------------------------------------------------------ */

  function draftText() {
    if (state.kind === "text") { return state.content; }
    var doc = new DOMParser().parseFromString(state.content, "text/html");
    var blocks = doc.body ? doc.body.querySelectorAll("p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, pre, td, th, dt, dd") : [];
    var out = [];
    Array.prototype.forEach.call(blocks, function (b) {
      if (b.querySelector("p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td")) { return; }
      var t = b.textContent.replace(/\s+/g, " ").trim();
      if (t) { out.push(t); }
    });
    return out.length ? out.join("\n\n") + "\n" : (doc.body ? doc.body.textContent.trim() + "\n" : "");
  }

  function draftHtml() { return state.kind === "html" ? state.content : textAsHtml(state.content); }

  function copyDraft(sourceOnly) {
    var text = sourceOnly ? state.content : draftText();
    var done = function () {
      status(sourceOnly ? "HTML source copied." : "Clean draft copied: paste it into your CMS.");
      document.body.setAttribute("data-ec-copied", sourceOnly ? "source" : "draft");
    };
    var failed = function () {
      status("Your browser did not let the desk copy. Select the draft and copy it yourself.", true);
    };
    if (!navigator.clipboard) { failed(); return; }
    if (sourceOnly || !window.ClipboardItem) {
      navigator.clipboard.writeText(text).then(done, failed);
      return;
    }
    var item = new window.ClipboardItem({
      "text/html": new Blob([draftHtml()], { type: "text/html" }),
      "text/plain": new Blob([text], { type: "text/plain" })
    });
    navigator.clipboard.write([item]).then(done, failed);
  }

  /* ---- talking to the server ---------------------------------------------------------------- */

  // What an editor should read when a request goes wrong (never the server's wording).
  function editorMessage(status, problem) {
    var detail = problem && problem.detail ? " (" + problem.detail + ")" : "";
    if (status === 401) {
      return "This desk needs an access key. Enter the key your newsroom gave you under " +
        "\u201cAccess key\u201d and try again.";
    }
    if (status === 413) { return "This draft is too long for the desk to check" + detail + "."; }
    if (status === 422 || status === 400) {
      return "The desk could not read this draft" + detail + ".";
    }
    if (status === 503) {
      return (problem && /dismissals/.test(problem.type || "")) ?
        "Dismissing is switched off on this server; ask your editcheck admin." :
        "The checker was restarting. Press Check again.";
    }
    if (status === 404) { return "That finding was not dismissed any more; the list is up to date again."; }
    return "Something went wrong on the editcheck server; it has been logged. Try again, " +
      "and tell your editcheck admin if it keeps happening.";
  }

  function api(method, path, body) {
    var token = document.getElementById("ec-token").value;
    var headers = {};
    if (body) { headers["Content-Type"] = "application/json"; }
    if (token) { headers.Authorization = "Bearer " + token; }
    var init = { method: method, headers: headers };
    if (body) { init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (data) {
        if (!r.ok) {
          var err = new Error(editorMessage(r.status, data));
          err.status = r.status;
          throw err;
        }
        return data;
      });
    }, function () {
      throw new Error("The desk cannot reach the editcheck server. Check your connection and try again.");
    });
  }

  function loadRules() {
    if (state.rulesLoaded) { return Promise.resolve(state.rules); }
    return api("GET", "/v1/rules").then(function (d) {
      state.rules = {};
      d.rules.forEach(function (r) { state.rules[r.id] = r; });
      state.rulesLoaded = true;
      return state.rules;
    });
  }

  function checkBody(content, kind, extra) {
    var body = { position_encoding: "utf-16" };
    body[kind] = content;
    if (state.draftId) { body.draft_id = state.draftId; }
    var threshold = document.getElementById("ec-threshold").value;
    if (threshold) { body.fail_on = threshold; }
    Object.keys(extra || {}).forEach(function (k) { body[k] = extra[k]; });
    return body;
  }

  function busy(on, text) {
    var submit = document.getElementById("ec-submit");
    if (submit) { submit.disabled = on; }
    document.body.classList.toggle("ec-busy", on);
    if (on) { document.body.removeAttribute("data-ec-ready"); status(text || "Checking\u2026"); }
  }

  function failed(err) {
    busy(false);
    status(err.message, true);
    document.body.setAttribute("data-ec-ready", "error");
    tellCms({ type: "editcheck:error", message: err.message });
  }

  // Check a draft (the one in the editor unless given) and show what was found.
  function runCheck(content, kind, fixed) {
    sessionStorage.setItem("editcheck-token", document.getElementById("ec-token").value);
    busy(true, "Checking\u2026");
    return Promise.all([api("POST", "/v1/check", checkBody(content, kind)), loadRules()]).then(function (res) {
      busy(false);
      status("");
      show(res[0], res[0].report, content, kind, fixed || null);
    }).catch(failed);
  }

  // After a check the review takes the room; the draft's input folds away until wanted.
  function folded(on) {
    document.body.classList.toggle("ec-checked", on);
    var edit = document.getElementById("ec-edit");
    if (edit) { edit.hidden = !on; }
  }

  function show(answer, report, content, kind, fixed) {
    folded(true);
    state.answer = answer;
    state.report = report;
    state.content = content;
    state.kind = kind;
    state.codePoints = false;
    state.fixed = fixed;
    state.draftId = answer.draft_id || state.draftId;
    state.dismissalsOn = !!(answer.dismissals && answer.dismissals.available);
    render();
    tellCms(resultMessage());
  }

  function recheck() { return runCheck(state.content, state.kind, state.fixed); }

  function fix(fingerprints, what) {
    busy(true, "Fixing " + what + "\u2026");
    var body = checkBody(state.content, state.kind, { fix: fingerprints });
    return api("POST", "/v1/check", body).then(function (answer) {
      busy(false);
      var fixed = answer.fixed;
      if (!fixed) { throw new Error("The server did not fix anything: it may be an older editcheck."); }
      var kind = fixed.content_type === "text" ? "text" : "html";
      var applied = ((state.fixed && state.fixed.applied) || []).concat(fixed.applied || []);
      var view = {
        verdict: fixed.verdict || answer.verdict, blocking: fixed.blocking, fail_on: answer.fail_on,
        draft_id: answer.draft_id, dismissals: answer.dismissals
      };
      status((fixed.applied || []).length ? plural(fixed.applied.length, "fix") + " applied." :
        "Nothing could be fixed safely here.");
      loadInto(fixed.draft, kind, false);
      show(view, fixed.report, fixed.draft, kind, { applied: applied });
      tellCms({ type: "editcheck:fixed", draft: fixed.draft, content_type: kind,
        text: draftText(), applied: fixed.applied || [], draft_id: state.draftId });
    }).catch(failed);
  }

  function dismiss(a, reason) {
    busy(true, "Dismissing\u2026");
    return api("POST", "/v1/dismissals", {
      draft_id: state.draftId, fingerprint: a.fingerprint, rule: a.rule, reason: reason,
      text: a.text.slice(0, 300)
    }).then(function () { status("Dismissed. Checking again\u2026"); return recheck(); }).catch(failed);
  }

  function restore(a) {
    busy(true, "Restoring\u2026");
    var q = "?draft_id=" + encodeURIComponent(state.draftId) + "&fingerprint=" + encodeURIComponent(a.fingerprint);
    return api("DELETE", "/v1/dismissals" + q).then(recheck, function (err) {
      if (err.status === 404) { return recheck(); }
      failed(err);
    });
  }

  /* ---- the draft's input: formatted, HTML source, plain text, a file -------------------- */

  var input = {};

  function setMode(kind) {
    input.mode = kind;
    Array.prototype.forEach.call(document.querySelectorAll(".ec-mode"), function (b) {
      b.setAttribute("aria-selected", String(b.getAttribute("data-kind") === kind));
    });
    input.editor.hidden = kind !== "rich";
    input.source.hidden = kind === "rich";
    input.source.placeholder = kind === "text" ? "Paste the draft as plain text" : "Paste the HTML source of the draft";
    input.source.classList.toggle("ec-plain", kind === "text");
  }

  // The draft as the editor gave it: what was loaded (a file, a CMS, a fix) until edited.
  function currentDraft() {
    if (input.loaded) { return input.loaded; }
    if (input.mode === "rich") { return { content: input.editor.innerHTML, kind: "html" }; }
    return { content: input.source.value, kind: input.mode === "text" ? "text" : "html" };
  }

  function loadInto(content, kind, fresh) {
    if (fresh) { state.draftId = null; state.fixed = null; }
    if (kind === "text") {
      setMode("text");
      input.source.value = content;
      input.editor.textContent = "";
    } else {
      setMode("rich");
      input.editor.textContent = "";
      input.editor.appendChild(sanitize(content));
      input.source.value = content;
    }
    input.loaded = { content: content, kind: kind };
  }

  function edited() {
    input.loaded = null;
    state.fixed = null;
  }

  function switchMode(kind) {
    if (kind === input.mode) { return; }
    var now = currentDraft();
    if (kind === "rich") {
      input.editor.textContent = "";
      input.editor.appendChild(now.kind === "text" ? sanitize(textAsHtml(now.content)) : sanitize(now.content));
      input.loaded = now.kind === "html" ? input.loaded : null;
    } else if (kind === "html") {
      input.source.value = now.kind === "text" ? textAsHtml(now.content) : now.content;
      input.loaded = now.kind === "html" ? input.loaded : null;
    } else {
      input.source.value = now.kind === "text" ? now.content : htmlText(now.content);
      input.loaded = null;
    }
    setMode(kind);
  }

  function htmlText(html) {
    var saved = { content: state.content, kind: state.kind };
    state.content = html; state.kind = "html";
    var text = draftText();
    state.content = saved.content; state.kind = saved.kind;
    return text;
  }

  function wholeSelected(box) {
    var sel = window.getSelection();
    if (!box.textContent.trim()) { return true; }
    if (!sel.rangeCount) { return false; }
    return sel.toString().replace(/\s+/g, "") === box.textContent.replace(/\s+/g, "");
  }

  function onPaste(ev) {
    var data = ev.clipboardData;
    if (!data) { return; }
    ev.preventDefault();
    var html = data.getData("text/html");
    var frag = html ? sanitize(html) : sanitize(textAsHtml(data.getData("text/plain")));
    if (wholeSelected(input.editor)) { state.draftId = null; } // a new draft, not an edit
    var sel = window.getSelection();
    if (!sel.rangeCount || !input.editor.contains(sel.getRangeAt(0).commonAncestorContainer)) {
      input.editor.appendChild(frag);
    } else {
      var range = sel.getRangeAt(0);
      range.deleteContents();
      var last = frag.lastChild;
      range.insertNode(frag);
      if (last) { range.setStartAfter(last); range.collapse(true); sel.removeAllRanges(); sel.addRange(range); }
    }
    edited();
    status("Pasted. Press Check when the draft is complete.");
  }

  function servedMode() {
    state.served = true;
    input.editor = document.getElementById("ec-editor");
    input.source = document.getElementById("ec-input");
    input.mode = "rich";
    var token = document.getElementById("ec-token");
    token.value = sessionStorage.getItem("editcheck-token") || "";
    Array.prototype.forEach.call(document.querySelectorAll(".ec-mode"), function (b) {
      b.addEventListener("click", function () { switchMode(b.getAttribute("data-kind")); });
    });
    input.editor.addEventListener("paste", onPaste);
    input.editor.addEventListener("drop", function (ev) { ev.preventDefault(); });
    input.editor.addEventListener("input", edited);
    input.source.addEventListener("input", edited);
    document.getElementById("ec-edit").addEventListener("click", function () {
      folded(false);
      (input.mode === "rich" ? input.editor : input.source).focus();
    });
    document.getElementById("ec-new").addEventListener("click", function () {
      loadInto("", input.mode === "text" ? "text" : "html", true);
      input.loaded = null;
      document.getElementById("ec-review").hidden = true;
      state.report = null;
      status("");
    });
    document.getElementById("ec-file").addEventListener("change", function (ev) {
      var file = ev.target.files[0];
      if (!file) { return; }
      file.text().then(function (text) {
        var kind = /\.txt$/i.test(file.name) || file.type === "text/plain" ? "text" : "html";
        loadInto(text, kind, true);
        status("Opened " + file.name + ". Press Check.");
      });
    });
    document.getElementById("ec-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var d = currentDraft();
      if (!d.content.trim()) { status("Paste or open a draft first.", true); return; }
      // A cleaned draft checked again unchanged is still the cleaned draft.
      runCheck(d.content, d.kind, input.loaded ? state.fixed : null);
    });
    document.addEventListener("keydown", onKey);
    listenToCms();
    if (desk.draft) {
      loadInto(desk.draft.content, desk.draft.content_type === "text" ? "text" : "html", true);
      state.draftId = desk.draft.draft_id || null;
      var from = "Draft loaded from your CMS" + (desk.draft.source ? ": " + desk.draft.source : "") + ".";
      document.getElementById("ec-sub").textContent = from;
      status(from);
      runCheck(desk.draft.content, desk.draft.content_type === "text" ? "text" : "html", null);
    }
  }

  /* ---- an embedding CMS: postMessage ---------------------------------------------------------
     The CMS frames the desk (allowed by --frame-ancestors) and sends
       {type: "editcheck:load", draft, content_type: "html"|"text", draft_id?, token?, check?}
     and receives {type: "editcheck:ready"}, then after each check "editcheck:result"
     (verdict, blocking, counts, the current draft) and after each fix "editcheck:fixed"
     (the fixed draft). Messages from any origin not in the allowed list are ignored. */

  function embedded() { return window.parent && window.parent !== window; }

  function tellCms(message) {
    if (!embedded() || !message) { return; }
    var targets = state.cms ? [state.cms] : [];
    targets.forEach(function (origin) { window.parent.postMessage(message, origin); });
  }

  function resultMessage() {
    if (!state.answer) { return null; }
    var live = state.report.annotations.filter(counted);
    var count = function (s) { return live.filter(function (a) { return a.severity === s; }).length; };
    return {
      type: "editcheck:result", draft_id: state.draftId, verdict: state.answer.verdict,
      blocking: !!state.answer.blocking || state.answer.verdict === "fail",
      counts: { error: count("error"), warning: count("warning"), info: count("info"),
        dismissed: state.report.annotations.length - live.length },
      fixed: !!state.fixed, draft: state.content, content_type: state.kind
    };
  }

  function listenToCms() {
    if (!embedded()) { return; }
    var origins = desk.origins || [];
    window.addEventListener("message", function (ev) {
      if (origins.indexOf(ev.origin) < 0 || ev.source !== window.parent) { return; }
      var msg = ev.data || {};
      if (msg.type !== "editcheck:load" && msg.type !== "editcheck:check") { return; }
      state.cms = ev.origin;
      if (msg.type === "editcheck:check") { recheck(); return; }
      if (typeof msg.draft !== "string") {
        tellCms({ type: "editcheck:error", message: "The CMS sent no draft to review." });
        return;
      }
      var kind = msg.content_type === "text" ? "text" : "html";
      if (typeof msg.token === "string") { // the CMS holds the key: the editor need not see it
        document.getElementById("ec-token").value = msg.token;
        document.querySelector(".ec-key").hidden = true;
      }
      loadInto(msg.draft, kind, true);
      state.draftId = typeof msg.draft_id === "string" && msg.draft_id ? msg.draft_id : null;
      status("Draft loaded from your CMS.");
      if (msg.check !== false) { runCheck(msg.draft, kind, null); }
    });
    origins.forEach(function (origin) {
      window.parent.postMessage({ type: "editcheck:ready", version: 1 }, origin);
    });
  }

  /* ---- a report file (--format html) ---------------------------------------------------------- */

  function fileMode(data) {
    var nav = document.getElementById("ec-drafts");
    state.rules = data.rules;
    var buttons = data.drafts.map(function (d, i) {
      var b = button((d.source || "draft " + (i + 1)) + " (" + d.report.summary.total + ")", "", function () { open(i); });
      nav.appendChild(b);
      return b;
    });
    function open(i) {
      buttons.forEach(function (b, j) { b.setAttribute("aria-pressed", String(i === j)); });
      var d = data.drafts[i];
      status(d.content === null ? "The draft's text could not be read back (" + (d.note || "unknown") +
        "); the list shows the findings." : "");
      state.answer = { verdict: d.verdict, fail_on: d.fail_on || "error" };
      state.report = d.report;
      state.content = d.content || "";
      state.kind = d.report.media_type === "text/html" ? "html" : "text";
      state.codePoints = true;
      state.fixed = null;
      render();
    }
    if (data.drafts.length) { open(0); }
    document.addEventListener("keydown", onKey);
  }

  window.editcheckReview = {
    resolveXPath: resolveXPath, splitLines: splitLines, utf16: utf16, select: select,
    sanitizedHtml: sanitizedHtml
  };
  var embeddedReports = readJson("editcheck-data");
  if (embeddedReports) {
    fileMode(embeddedReports);
  } else {
    servedMode();
  }
})();
