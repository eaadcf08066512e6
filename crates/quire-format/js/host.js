// Quire's host for citeproc-js inside QuickJS: evaluated after citeproc.js
// (which leaves the processor in `globalThis.CSL`). Rust talks to it through
// two functions that take and return strings, so no JS value outlives a call:
//
//   quireLoad(key, xml, lang)  -> JSON {ok: true} or {error}
//   quireRun(key, requestJson) -> JSON {citations, entries, order, meta} or {error}
//   quireDrop(key)             -> forgets an engine
//
// and provides `__quireLocale(lang)`, which returns a locale's XML or null.
"use strict";

(function () {
  // ---- Collation -----------------------------------------------------------
  // citeproc-js sorts with localeCompare(…, {sensitivity: "base",
  // ignorePunctuation: true, numeric: true}); node answers that from ICU and
  // QuickJS has no Intl. This is the part of the Unicode Collation Algorithm
  // those options use: accents and case are ignored, spaces and punctuation
  // are skipped, digit runs compare as numbers, and symbols < digits < letters.
  var FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ĸ": "k", "ŋ": "n", "ħ": "h", "ŧ": "t" };
  var SKIP = /[\s\p{P}]/u;
  var SYMBOL = /\p{S}/u;
  var MARK = /\p{M}/gu;
  var DIGIT = /[0-9]/;

  // A key is a flat array of [class, value] pairs; class 0 symbol, 1 number,
  // 2 letter. `punct` keeps punctuation (plain localeCompare does).
  function collationKey(str, punct) {
    var s = String(str).normalize("NFD").replace(MARK, "").toLowerCase();
    var key = [];
    var chars = Array.from(s);
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      if (DIGIT.test(c)) {
        var j = i;
        while (j < chars.length && DIGIT.test(chars[j])) j++;
        var digits = chars.slice(i, j).join("").replace(/^0+(?=.)/, "");
        key.push(1, digits);
        i = j - 1;
        continue;
      }
      if (SKIP.test(c)) {
        if (punct) key.push(0, c);
        continue;
      }
      if (SYMBOL.test(c)) {
        key.push(0, c);
        continue;
      }
      key.push(2, FOLD[c] || c);
    }
    return key;
  }

  function compareKeys(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i += 2) {
      if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
      var x = a[i + 1], y = b[i + 1];
      if (x === y) continue;
      if (a[i] === 1) {
        if (x.length !== y.length) return x.length < y.length ? -1 : 1;
      }
      return x < y ? -1 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  }

  var keyCache = new Map();
  function cachedKey(s) {
    var k = keyCache.get(s);
    if (k === undefined) {
      if (keyCache.size > 20000) keyCache.clear();
      k = collationKey(s, false);
      keyCache.set(s, k);
    }
    return k;
  }

  CSL.stringCompare = function (a, b) {
    return compareKeys(cachedKey(a), cachedKey(b));
  };

  // Plain localeCompare (ICU's default strength) for citeproc's own
  // equality checks: equal only when the strings are; otherwise the same
  // primary order, then lower case before upper case.
  String.prototype.localeCompare = function (that) {
    var a = String(this), b = String(that);
    if (a === b) return 0;
    var primary = compareKeys(collationKey(a, true), collationKey(b, true));
    if (primary !== 0) return primary;
    var x = a.normalize("NFD"), y = b.normalize("NFD");
    if (x === y) return 0;
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] === y[i]) continue;
      var lx = x[i].toLowerCase(), ly = y[i].toLowerCase();
      if (lx === ly) return x[i] === lx ? -1 : 1;
      return x[i] < y[i] ? -1 : 1;
    }
    return x.length < y.length ? -1 : 1;
  };

  // ---- Macro lookup ----------------------------------------------------------
  // Building an engine looks each called macro up by walking the whole style
  // tree, once per call site: most of the seconds APA or Chicago take to load.
  // The tree's macros do not change while it is built, so index them once.
  var getNodesByName = CSL.XmlJSON.prototype.getNodesByName;
  var macroIndex = new WeakMap();
  CSL.XmlJSON.prototype.getNodesByName = function (myjson, name, nameattrval, ret) {
    if (name !== "macro" || !nameattrval || ret || myjson !== this.dataObj) {
      return getNodesByName.call(this, myjson, name, nameattrval, ret);
    }
    var index = macroIndex.get(myjson);
    if (!index) {
      index = new Map();
      var all = getNodesByName.call(this, myjson, "macro");
      for (var i = 0; i < all.length; i++) {
        var macroName = all[i].attrs && all[i].attrs.name;
        if (!index.has(macroName)) index.set(macroName, []);
        index.get(macroName).push(all[i]);
      }
      macroIndex.set(myjson, index);
    }
    return (index.get(nameattrval) || []).slice();
  };

  // ---- Engines ---------------------------------------------------------------
  var warnings = [];
  CSL.debug = function (str) {
    if (warnings.length < 50) warnings.push(String(str));
  };

  var ITEMS = {};
  var sys = {
    retrieveLocale: function (lang) {
      var xml = __quireLocale(String(lang));
      return xml === null || xml === undefined ? false : xml;
    },
    retrieveItem: function (id) {
      return ITEMS[id];
    },
    // Marks each bibliography entry with its item: citeproc-js leaves out
    // entries that render nothing (APA's personal communications), so
    // entries and entry_ids cannot be paired by position.
    embedBibliographyEntry: function (id) {
      return "<!--item:" + id + "-->";
    },
  };
  var MARKER = /<!--item:([^>]*)-->\s*$/;

  var engines = {};
  var seq = 0;

  function message(e) {
    if (e && e.message) return String(e.message);
    return String(e);
  }

  globalThis.quireLoad = function (key, xml, lang) {
    try {
      var engine = lang ? new CSL.Engine(sys, xml, lang, true) : new CSL.Engine(sys, xml);
      engine.setOutputFormat("html");
      // URLs and DOIs as links, as Zotero's own output has them (the
      // text is the same; Quire's HTML keeps only http(s) links).
      engine.opt.development_extensions.wrap_url_and_doi = true;
      engines[key] = engine;
      return JSON.stringify({ ok: true });
    } catch (e) {
      return JSON.stringify({ error: message(e) });
    }
  };

  globalThis.quireDrop = function (key) {
    delete engines[key];
  };

  // request: {items: [CSL-JSON], clusters: [[item index, …], …]}
  // Every cluster is a citation, in document order; items no cluster cites
  // are in the bibliography as uncited works.
  globalThis.quireRun = function (key, requestJson) {
    var engine = engines[key];
    if (!engine) return JSON.stringify({ error: "style not loaded" });
    warnings = [];
    seq += 1;
    // Ids unique to this request: citeproc keeps per-id state between calls.
    var prefix = "q" + seq + "-";
    try {
      var request = JSON.parse(requestJson);
      var ids = [];
      ITEMS = {};
      for (var i = 0; i < request.items.length; i++) {
        var item = request.items[i];
        item.id = prefix + i;
        // What citeproc-js hands embedBibliographyEntry.
        item.system_id = item.id;
        ITEMS[item.id] = item;
        ids.push(item.id);
      }
      var cited = {};
      var citations = request.clusters.map(function (cluster, k) {
        return {
          citationID: prefix + "c" + k,
          citationItems: cluster.map(function (index) {
            cited[index] = true;
            return { id: ids[index] };
          }),
          properties: { noteIndex: 0 },
        };
      });
      var uncited = ids.filter(function (id, index) {
        return !cited[index];
      });
      var rendered = engine.rebuildProcessorState(citations, "html", uncited);
      var texts = rendered.map(function (triple) {
        return triple[2];
      });
      var out = { citations: texts, entries: [], order: [], meta: null, warnings: warnings };
      var bibliography = engine.makeBibliography();
      if (bibliography) {
        var meta = bibliography[0];
        bibliography[1].forEach(function (entry) {
          var m = MARKER.exec(entry);
          if (!m) return;
          out.order.push(Number(m[1].slice(prefix.length)));
          out.entries.push(entry.slice(0, m.index));
        });
        out.meta = {
          hangingIndent: !!meta.hangingindent,
          secondFieldAlign: meta["second-field-align"] || null,
        };
      }
      return JSON.stringify(out);
    } catch (e) {
      return JSON.stringify({ error: message(e) });
    } finally {
      // Forget this request's works so the engine does not grow.
      try {
        engine.rebuildProcessorState([], "html", []);
      } catch (e) {
        delete engines[key];
      }
      ITEMS = {};
    }
  };
})();
