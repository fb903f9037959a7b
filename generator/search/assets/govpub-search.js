/*
 * govpub full-text search client (plain ES2017, no build step, no dependencies).
 *
 * Twin of generator/search/tokens.py and testkit/searcher.py: the same normalisation,
 * tokens, shard hash, candidate selection, verification and ranking, so that the Python
 * tests and bench measure exactly what the browser does. Change both or neither.
 *
 * Page hooks:
 *   <div id="govpub-search" data-index="../search-index/"></div>
 *       becomes the search page: an input (label 检索), results, ?q= kept in the URL.
 *   .md-header__inner (Material's header) gets a compact search form on every page. It submits
 *       (GET, parameter q) to the search page named by
 *       <meta name="govpub-search-page" content="search/">, resolved against the site root;
 *       without the meta tag, "search/" under the site root. The site root is this script's own
 *       URL minus "assets/javascripts/govpub-search.js".
 *
 *   Results link to their page with ?hl=<query>; on any page opened that way the words searched
 *       for are marked (<mark class="govpub-hit">) in the article's text.
 *   On narrow screens the header shows a search icon (a link to the search page) instead of the form.
 *
 * All text taken from the index is inserted with textContent / createTextNode.
 */
(function () {
  'use strict';

  var SCRIPT_PATH = 'assets/javascripts/govpub-search.js';
  var FORMAT = 3;
  var MAX_TERM_TOKENS = 8;
  var NUMBER_SCORE = 100;
  var VERIFY_FACTOR = 2;
  var CHECK_FACTOR = 3;
  var RENDER_SLICE = 1;
  var W_TITLE = 3;
  var PAGE_SIZE = 20;
  var DEBOUNCE_MS = 250;
  var SNIPPET_BEFORE = 30;
  var SNIPPET_LENGTH = 120;

  var scriptSrc = (document.currentScript && document.currentScript.src) || '';

  // ---------------------------------------------------------------- normalisation (tokens.py)

  var CJK_RANGES = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2a6df}' +
    '\\u{2a700}-\\u{2ebef}\\u{2f800}-\\u{2fa1f}\\u{30000}-\\u{323af}';
  var CJK_CHAR_RE = new RegExp('^[' + CJK_RANGES + ']$', 'u');
  // tokens.WHITESPACE: runs and query terms are split at exactly these characters.
  var WS_CLASS = '\\t\\n\\u000b\\u000c\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a' +
    '\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
  var SPACE_RE = new RegExp('[' + WS_CLASS + ']+', 'u');
  var SPACE_G_RE = new RegExp('[' + WS_CLASS + ']+', 'gu');
  var STRIP_RE = new RegExp('^[' + WS_CLASS + ']+|[' + WS_CLASS + ']+$', 'gu');
  var normCache = new Map();

  function normChar(ch) {
    var out = normCache.get(ch);
    if (out === undefined) {
      out = ch.normalize('NFKC').toLowerCase();
      normCache.set(ch, out);
    }
    return out;
  }

  /* Per-code-point NFKC + lower case; map[i] is the offset in `text` of the character that
   * produced norm[i] (UTF-16 offsets), map[norm.length] === text.length. */
  function normaliseWithMap(text) {
    var parts = [];
    var map = [];
    var offset = 0;
    for (var ch of text) {
      var n = normChar(ch);
      parts.push(n);
      for (var k = 0; k < n.length; k++) map.push(offset);
      offset += ch.length;
    }
    map.push(offset);
    return { norm: parts.join(''), map: map };
  }

  function normalise(text) {
    var parts = [];
    for (var ch of text) parts.push(normChar(ch));
    return parts.join('');
  }

  function strip(text) { return text.replace(STRIP_RE, ''); }

  /* tokens.term_tokens: a term of 1 or 2 characters is its own token, a longer one its trigrams. */
  function termTokens(norm) {
    var chars = Array.from(norm);
    if (chars.length <= 2) return chars.length ? [norm] : [];
    var seen = new Set();
    var out = [];
    for (var i = 0; i + 2 < chars.length; i++) {
      var t = chars[i] + chars[i + 1] + chars[i + 2];
      if (!seen.has(t)) {
        seen.add(t);
        out.push(t);
      }
    }
    return out;
  }

  function numberToken(canonical) { return '#' + canonical; }

  var encoder = new TextEncoder();

  function fnv1a(token) {
    var bytes = encoder.encode(token);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function shardOf(token, shards) { return fnv1a(token) % shards; }

  // ------------------------------------------------- 发文字号 (generator/text/docnumber.py)

  var MAX_CODE_LENGTH = 12;
  var OPEN = '〔\\[(（【〈［〖';
  var CLOSE = '〕\\])）】〉］〗';
  var DIGIT = '[0-9０-９]';
  var STRICT_RE = new RegExp('^([' + CJK_RANGES + ']{1,' + MAX_CODE_LENGTH + '})〔([0-9]{4})〕([1-9][0-9]*)号$', 'u');
  var ANALYSE_RE = new RegExp('^([\\s\\S]+?)\\s*([' + OPEN + '])\\s*(' + DIGIT + '+)\\s*(年)?\\s*' +
    '([' + CLOSE + '])\\s*(第)?\\s*(' + DIGIT + '+)\\s*(号)?$', 'u');
  var LOOSE_RE = new RegExp('^([' + CJK_RANGES + '\\s]+?)\\s*(' + DIGIT + '{4})\\s*(?:年|[-－—–_/／.．]|\\s)\\s*' +
    '(第)?\\s*(' + DIGIT + '+)\\s*(号)?$', 'u');

  function toAsciiDigits(s) {
    return s.replace(/[０-９]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48); });
  }

  function cleanCode(code) {
    code = code.replace(/\s+/g, '');
    var chars = Array.from(code);
    if (chars.length < 1 || chars.length > MAX_CODE_LENGTH) return null;
    for (var i = 0; i < chars.length; i++) if (!CJK_CHAR_RE.test(chars[i])) return null;
    return code;
  }

  function decimal(digits) { return digits.replace(/^0+(?=\d)/, ''); }

  function canonicalNumber(code, year, seqDigits) {
    return code + '〔' + year + '〕' + decimal(seqDigits) + '号';
  }

  /* Canonical form of a loosely typed 发文字号 (normalise_doc_number), or null. */
  function normaliseDocNumber(s) {
    if (typeof s !== 'string') return null;
    var text = s.trim();
    if (!text) return null;
    var m = STRICT_RE.exec(text);
    if (m) return canonicalNumber(m[1], String(parseInt(m[2], 10)), m[3]);
    m = ANALYSE_RE.exec(text);
    if (!m) {
      m = LOOSE_RE.exec(text);
      if (!m) return null;
      var looseCode = cleanCode(m[1]);
      var looseSeq = toAsciiDigits(m[4]);
      if (looseCode === null || /^0+$/.test(looseSeq)) return null;
      return canonicalNumber(looseCode, String(parseInt(toAsciiDigits(m[2]), 10)), looseSeq);
    }
    var code = cleanCode(m[1]);
    var yearDigits = toAsciiDigits(m[3]);
    var seqDigits = toAsciiDigits(m[7]);
    var year;
    if (code === null) return null;
    if (yearDigits.length === 4) year = String(parseInt(yearDigits, 10));
    else if (yearDigits.length === 2) year = String(2000 + parseInt(yearDigits, 10));
    else return null;
    if (/^0+$/.test(seqDigits)) return null;
    return canonicalNumber(code, year, seqDigits);
  }

  /* Citations of `canonical` written any common way, in normalised text. */
  function numberPattern(canonical) {
    var m = /^(.+)〔(\d+)〕(\d+)号$/u.exec(canonical);
    if (!m) return null;
    var year = m[2];
    var years = year.length === 4 && year.slice(0, 2) === '20' ? '(?:' + year + '|' + year.slice(2) + ')' : year;
    var esc = m[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(esc + '\\s*[' + OPEN + ']\\s*' + years + '\\s*[' + CLOSE + ']\\s*第?\\s*0*' + m[3] + '\\s*号', 'gu');
  }

  // ------------------------------------------------------------------- queries (searcher.py)

  function spread(tokens, k) {
    if (tokens.length <= k) return tokens;
    var picks = new Set();
    for (var i = 0; i < k; i++) picks.add(pyRound(i * (tokens.length - 1) / (k - 1)));
    return Array.from(picks).sort(function (a, b) { return a - b; }).map(function (i) { return tokens[i]; });
  }

  /* Python's round(): halves to even. */
  function pyRound(x) {
    var f = Math.floor(x);
    var diff = x - f;
    if (diff > 0.5) return f + 1;
    if (diff < 0.5) return f;
    return f % 2 === 0 ? f : f + 1;
  }

  function route(text) { return spread(termTokens(text), MAX_TERM_TOKENS); }

  /* searcher._LOOSE_FORMS: loose spellings of a 发文字号 the number reader does not know. */
  var CODE = '([\\u3400-\\u4dbf\\u4e00-\\u9fff]{1,12})';
  var LOOSE_FORMS = [
    [new RegExp('^' + CODE + '\\s*([0-9０-９]{4})\\s*第\\s*([0-9０-９]+)\\s*号?$', 'u'), '$1〔$2〕$3号'],
    [new RegExp('^' + CODE + '\\s*([0-9０-９]{2})\\s*年\\s*第?\\s*([0-9０-９]+)\\s*号?$', 'u'), '$1〔20$2〕$3号'],
    [new RegExp('^' + CODE + '([0-9０-９]{4})([0-9０-９]{1,4})号$', 'u'), '$1〔$2〕$3号'],
    [new RegExp('^' + CODE + '([0-9０-９]{4})(0[0-9０-９]{2,3})$', 'u'), '$1〔$2〕$3号']
  ];
  var CODELESS_RE = new RegExp('^[〔\\[(（【〈［〖]\\s*([0-9０-９]{4}|[0-9０-９]{2})\\s*[〕\\])）】〉］〗]\\s*第?\\s*' +
    '0*([1-9][0-9０-９]*)\\s*号?$', 'u');

  function loosen(text) {
    for (var i = 0; i < LOOSE_FORMS.length; i++) {
      var out = text.replace(LOOSE_FORMS[i][0], LOOSE_FORMS[i][1]);
      if (out !== text) return out;
    }
    return text;
  }

  /* searcher.read_number: [canonical, 代字 as typed] or null; 〔2025〕3号 gives ['〔2025〕3号', '']. */
  function readNumber(text) {
    var number = normaliseDocNumber(text);
    if (number === null) number = normaliseDocNumber(loosen(text));
    if (number !== null) return [number, number.slice(0, number.indexOf('〔'))];
    var m = CODELESS_RE.exec(text);
    if (m) {
      var year = toAsciiDigits(m[1]);
      if (year.length === 2) year = '20' + year;
      return ['〔' + year + '〕' + String(parseInt(toAsciiDigits(m[2]), 10)) + '号', ''];
    }
    return null;
  }

  function parseQuery(q, wholeNumber) {
    q = strip(q);
    if (!q) return [];
    var whole = wholeNumber === false ? null : readNumber(q);
    var parts = whole !== null ? [q] : q.split(SPACE_RE);
    var terms = [];
    var seen = new Set();
    parts.forEach(function (raw) {
      var read = readNumber(raw);
      var norm = normalise(raw);
      var term;
      if (read !== null) {
        var texts = [normalise(read[0])];
        if (!SPACE_RE.test(norm) && texts.indexOf(norm) === -1) texts.push(norm);
        term = { raw: raw, texts: texts, number: read[0], code: read[1] };
      } else {
        term = { raw: raw, texts: [norm], number: null, code: null };
      }
      term.routes = term.texts.map(route);
      var len = Array.from(term.texts[0]).length;
      term.exact = term.number === null && term.texts.length === 1 && len <= 3;
      var key = JSON.stringify(term.texts);
      if (!seen.has(key)) {
        seen.add(key);
        terms.push(term);
      }
    });
    return terms;
  }

  function countOccurrences(haystack, needle) {
    var count = 0;
    var at = haystack.indexOf(needle);
    while (at !== -1) {
      count++;
      at = haystack.indexOf(needle, at + needle.length);
    }
    return count;
  }

  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var VALUE = {};
  for (var a = 0; a < ALPHABET.length; a++) VALUE[ALPHABET[a]] = a;

  /* Postings string -> Map(unitId -> weight); see build.encode_postings. */
  function decodePostings(s) {
    var out = new Map();
    var uid = -1;
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var v = VALUE[s[i]];
      n = n * 32 + (v & 31);
      if (v < 32) {
        uid += Math.floor(n / 4) + 1;
        out.set(uid, n & 3);
        n = 0;
      }
    }
    return out;
  }

  function searchableText(record) { return record.t + '\n' + record.m + '\n' + record.x; }

  function termScore(term, record, normFull, normTitle, cited, expansions) {
    if (term.number !== null) {
      if (record.n.indexOf(term.number) !== -1) return NUMBER_SCORE;
      if ((expansions || []).some(function (n) { return record.n.indexOf(n) !== -1; })) return NUMBER_SCORE - 1;
      if (cited || term.texts.some(function (t) { return normFull.indexOf(t) !== -1; })) return 1;
      return -1;
    }
    var text = term.texts[0];
    if (normTitle.indexOf(text) !== -1) return W_TITLE;
    var count = countOccurrences(normFull, text);
    return count ? Math.min(count, 3) - 1 : -1;
  }

  /* One search index (a search-index/ directory URL); files are fetched once per page. */
  function Index(baseUrl) {
    this.base = new URL(baseUrl, document.baseURI);
    this.files = new Map();
    this.manifest = null;
  }

  Index.prototype.json = function (rel) {
    var promise = this.files.get(rel);
    if (!promise) {
      promise = fetch(new URL(rel, this.base).href, { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) throw new Error(rel + ': HTTP ' + r.status);
        return r.json();
      });
      this.files.set(rel, promise);
      var files = this.files;
      promise.catch(function () { files.delete(rel); });
    }
    return promise;
  };

  Index.prototype.ready = function () {
    var self = this;
    if (!this.manifest) {
      this.manifest = this.json('manifest.json').then(function (m) {
        if (m.format !== FORMAT) throw new Error('unsupported search index format ' + m.format);
        m.demotedSet = new Set(m.demoted || []);
        m.codes = m.codes || [];
        return m;
      });
    }
    return this.manifest.then(function (m) { self.m = m; return m; });
  };

  Index.prototype.shardFile = function (token) { return 's/' + shardOf(token, this.m.shards) + '.json'; };

  Index.prototype.unitFile = function (uid) {
    return 'u/' + Math.floor(uid / this.m.unitsPerDir) + '/' + uid + '.json';
  };

  Index.prototype.postings = async function (token) {
    var shard = await this.json(this.shardFile(token));
    return Object.prototype.hasOwnProperty.call(shard, token) ? decodePostings(shard[token]) : new Map();
  };

  /* Searcher.expansions: the number with each longer 代字 of the index ending with the one typed. */
  Index.prototype.expansions = function (term) {
    if (term.number === null || term.code === null) return [];
    var rest = term.number.slice(term.code.length);
    return this.m.codes.filter(function (c) {
      return c !== term.code && c.length > term.code.length && c.slice(c.length - term.code.length) === term.code;
    }).map(function (c) { return c + rest; });
  };

  Index.prototype.candidates = async function (term) {
    var found = new Map();
    var cited = new Set();
    if (term.number !== null) {
      var own = await this.postings(numberToken(term.number));
      own.forEach(function (w, uid) {
        found.set(uid, w === W_TITLE ? NUMBER_SCORE : 1);
        cited.add(uid);
      });
      var fulls = this.expansions(term);
      for (var e = 0; e < fulls.length; e++) {
        var other = await this.postings(numberToken(fulls[e]));
        other.forEach(function (w, uid) {
          var bound = w === W_TITLE ? NUMBER_SCORE - 1 : 1;
          var have = found.has(uid) ? found.get(uid) : -1;
          if (have < bound) found.set(uid, bound);
        });
      }
    }
    for (var r = 0; r < term.routes.length; r++) {
      var lists = [];
      for (var t = 0; t < term.routes[r].length; t++) lists.push(await this.postings(term.routes[r][t]));
      lists.sort(function (x, y) { return x.size - y.size; });
      var common = lists[0];
      for (var l = 1; l < lists.length; l++) {
        var next = new Map();
        var other = lists[l];
        common.forEach(function (w, uid) {
          var w2 = other.get(uid);
          if (w2 !== undefined) next.set(uid, Math.min(w, w2));
        });
        common = next;
      }
      common.forEach(function (w, uid) {
        var bound = term.number !== null ? 1 : w;
        var have = found.has(uid) ? found.get(uid) : -1;
        if (have < bound) found.set(uid, bound);
      });
    }
    return { found: found, cited: cited };
  };

  /* Start a search; returns a session whose more(limit) verifies candidates until `limit`
   * results are final (see Searcher.search in searcher.py for the rules). */
  Index.prototype.search = async function (q) {
    await this.ready();
    var terms = parseQuery(q);
    var self = this;
    var session = { index: this, terms: terms, hits: [], checked: 0, order: [], bounds: new Map(), cited: {},
      demoted: this.m.demotedSet, expansions: [], query: q };
    if (!terms.length) return session;
    var b = await this.bounds(terms);
    if (b.bounds.size === 0 && terms.length === 1 && terms[0].number !== null && SPACE_RE.test(strip(q))) {
      // 值班 2025 3 reads as the number 值班〔2025〕3号; nothing has it, so AND the words.
      terms = parseQuery(q, false);
      b = await this.bounds(terms);
    }
    var bounds = b.bounds;
    session.terms = terms;
    session.cited = b.cited;
    session.bounds = bounds;
    var demoted = this.m.demotedSet;
    session.demoted = demoted;
    session.expansions = terms.map(function (term) { return self.expansions(term); });
    session.order = Array.from(bounds.keys()).sort(function (x, y) {
      return compareRank(rankOf(bounds.get(x), x, demoted), rankOf(bounds.get(y), y, demoted));
    });
    return session;
  };

  /* Searcher._bounds: candidates of all terms with summed score bounds; citing units per term. */
  Index.prototype.bounds = async function (terms) {
    var self = this;
    // Fetch every shard the terms need at once; candidates() then reads them from memory.
    var files = new Set();
    terms.forEach(function (term) {
      if (term.number !== null) {
        files.add(self.shardFile(numberToken(term.number)));
        self.expansions(term).forEach(function (full) { files.add(self.shardFile(numberToken(full))); });
      }
      term.routes.forEach(function (rt) { rt.forEach(function (tok) { files.add(self.shardFile(tok)); }); });
    });
    await Promise.all(Array.from(files).map(function (f) { return self.json(f); }));
    var bounds = null;
    var cited = {};
    for (var i = 0; i < terms.length; i++) {
      var c = await this.candidates(terms[i]);
      cited[i] = c.cited;
      if (bounds === null) {
        bounds = c.found;
      } else {
        var merged = new Map();
        bounds.forEach(function (bd, uid) {
          var f = c.found.get(uid);
          if (f !== undefined) merged.set(uid, bd + f);
        });
        bounds = merged;
      }
    }
    return { bounds: bounds || new Map(), cited: cited };
  };

  /* searcher.rank: the number searched for first, then units in force, then score, then newest. */
  function rankOf(score, uid, demoted) {
    return [score >= NUMBER_SCORE - 1 ? 0 : 1, demoted.has(uid) ? 1 : 0, -score, -uid];
  }

  function compareRank(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return 0;
  }

  function hitBefore(a, b, demoted) {
    return compareRank(rankOf(a.score, a.uid, demoted), rankOf(b.score, b.uid, demoted)) < 0;
  }

  /* Verify candidates until `limit` results are final (Searcher.search in searcher.py);
   * onBatch(page) is called after each batch but the last, to show results early. */
  async function more(session, limit, onBatch) {
    var index = session.index;
    var order = session.order;
    while (session.checked < order.length) {
      if (session.checked >= CHECK_FACTOR * limit) break;
      if (session.hits.length >= limit) {
        var last = session.hits[limit - 1];
        var nxt = order[session.checked];
        var bound = { score: session.bounds.get(nxt), uid: nxt };
        if (hitBefore(last, bound, session.demoted) || session.checked >= VERIFY_FACTOR * limit) break;
      }
      var batch = order.slice(session.checked, session.checked + limit);
      // The whole batch is requested at once (the same files the Python twin reads), but is
      // verified in slices as it arrives so that the first results show before the last file.
      var pending = batch.map(function (uid) { return index.json(index.unitFile(uid)); });
      for (var from = 0; from < batch.length; from += RENDER_SLICE) {
        var records = await Promise.all(pending.slice(from, from + RENDER_SLICE));
        for (var b = 0; b < records.length; b++) {
          var hit = verify(batch[from + b], records[b], session);
          if (hit) session.hits.push(hit);
        }
        session.hits.sort(function (x, y) {
          return compareRank(rankOf(x.score, x.uid, session.demoted), rankOf(y.score, y.uid, session.demoted));
        });
        if (onBatch && from + RENDER_SLICE < batch.length) onBatch(page(session, limit));
      }
      session.checked += batch.length;
      if (onBatch && session.checked < order.length) onBatch(page(session, limit));
    }
    return page(session, limit);
  }

  function page(session, limit) {
    var order = session.order;
    var total;
    var exact;
    if (session.checked >= order.length) {
      total = session.hits.length;
      exact = true;
    } else {
      total = session.hits.length + order.length - session.checked;
      exact = session.terms.every(function (t) { return t.exact; });
    }
    return { hits: session.hits.slice(0, limit), total: total, exact: exact,
      done: session.checked >= order.length && session.hits.length <= limit };
  }

  function verify(uid, record, session) {
    var normFull = normalise(searchableText(record));
    var normTitle = normalise(record.t);
    var score = 0;
    for (var i = 0; i < session.terms.length; i++) {
      var cited = session.cited[i] ? session.cited[i].has(uid) : false;
      var s = termScore(session.terms[i], record, normFull, normTitle, cited, session.expansions[i]);
      if (s < 0) return null;
      score += s;
    }
    return { uid: uid, score: score, record: record };
  }

  // --------------------------------------------------------------------------- rendering

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* Ranges [start, end) in normalised text where any term occurs, merged and sorted. */
  function matchRanges(norm, terms) {
    var ranges = [];
    terms.forEach(function (term) {
      term.texts.forEach(function (t) {
        if (!t) return;
        var at = norm.indexOf(t);
        while (at !== -1) {
          ranges.push([at, at + t.length]);
          at = norm.indexOf(t, at + t.length);
        }
      });
      if (term.number !== null) {
        var re = numberPattern(term.number);
        var m;
        while (re && (m = re.exec(norm)) !== null) {
          ranges.push([m.index, m.index + m[0].length]);
          if (m[0].length === 0) re.lastIndex++;
        }
      }
    });
    ranges.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  /* Append text[from:to] to `parent`, marking the ranges (original offsets) inside it. */
  function appendMarked(parent, text, ranges, from, to) {
    var pos = from;
    ranges.forEach(function (r) {
      var s = Math.max(r[0], from);
      var e = Math.min(r[1], to);
      if (e <= s) return;
      if (s > pos) parent.appendChild(document.createTextNode(text.slice(pos, s)));
      parent.appendChild(el('mark', null, text.slice(s, e)));
      pos = e;
    });
    if (pos < to) parent.appendChild(document.createTextNode(text.slice(pos, to)));
  }

  function originalRanges(text, terms) {
    var nm = normaliseWithMap(text);
    return matchRanges(nm.norm, terms).map(function (r) { return [nm.map[r[0]], nm.map[r[1]]]; });
  }

  function renderSnippet(parent, text, terms) {
    text = text.replace(SPACE_G_RE, ' ');
    var ranges = originalRanges(text, terms);
    var start = 0;
    if (ranges.length) start = Math.max(0, ranges[0][0] - SNIPPET_BEFORE);
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end - start < SNIPPET_LENGTH) start = Math.max(0, end - SNIPPET_LENGTH);
    // Do not cut a surrogate pair in half.
    if (start > 0 && /[\udc00-\udfff]/.test(text[start])) start--;
    if (end < text.length && /[\udc00-\udfff]/.test(text[end])) end++;
    if (start > 0) parent.appendChild(document.createTextNode('…'));
    appendMarked(parent, text, ranges, start, end);
    if (end < text.length) parent.appendChild(document.createTextNode('…'));
  }

  function renderHit(hit, terms, siteRoot, q) {
    var r = hit.record;
    var li = el('li', 'govpub-search__result');
    li.setAttribute('data-kind', r.k);
    if (r.r) li.setAttribute('data-demoted', '1');
    var a = el('a', 'govpub-search__title');
    var href = new URL(r.u, siteRoot);
    // the page opened from a result marks the words searched for (?hl=…, see highlightLanding)
    if (q) href.searchParams.set(HIGHLIGHT_PARAM, strip(q));
    if (href.protocol === 'http:' || href.protocol === 'https:') a.href = href.href;
    appendMarked(a, r.t, originalRanges(r.t, terms), 0, r.t.length);
    li.appendChild(a);
    if (r.m) {
      var meta = el('div', 'govpub-search__meta');
      appendMarked(meta, r.m, originalRanges(r.m, terms), 0, r.m.length);
      li.appendChild(meta);
    }
    var snippet = el('p', 'govpub-search__snippet');
    renderSnippet(snippet, r.x, terms);
    li.appendChild(snippet);
    return li;
  }

  function SearchPage(root) {
    this.root = root;
    this.index = new Index(root.getAttribute('data-index') || 'search-index/');
    this.siteRoot = new URL('../', this.index.base).href;
    this.seq = 0;
    this.session = null;
    this.limit = PAGE_SIZE;
    this.build();
  }

  SearchPage.prototype.build = function () {
    var self = this;
    var root = this.root;
    while (root.firstChild) root.removeChild(root.firstChild);
    root.classList.add('govpub-search');
    var form = el('form', 'govpub-search__form');
    form.setAttribute('role', 'search');
    var label = el('label', 'govpub-search__label', '检索');
    label.htmlFor = 'govpub-search-input';
    var input = el('input', 'govpub-search__input');
    input.id = 'govpub-search-input';
    input.type = 'search';
    input.name = 'q';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.placeholder = '输入关键词或文号，如 值班、营商环境、区建发〔2025〕1号';
    var button = el('button', 'govpub-search__button', '检索');
    button.type = 'submit';
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(button);
    this.status = el('p', 'govpub-search__status');
    this.status.setAttribute('aria-live', 'polite');
    this.list = el('ol', 'govpub-search__results');
    this.moreButton = el('button', 'govpub-search__more', '显示更多结果');
    this.moreButton.type = 'button';
    this.moreButton.hidden = true;
    root.appendChild(form);
    root.appendChild(this.status);
    root.appendChild(this.list);
    root.appendChild(this.moreButton);
    this.input = input;

    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.run(input.value); }, DEBOUNCE_MS);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      clearTimeout(timer);
      self.run(input.value);
    });
    this.moreButton.addEventListener('click', function () { self.showMore(); });

    var q = new URLSearchParams(window.location.search).get('q') || '';
    input.value = q;
    this.index.ready().catch(function () {});
    if (q.trim()) this.run(q);
  };

  SearchPage.prototype.setUrl = function (q) {
    var url = new URL(window.location.href);
    if (q.trim()) url.searchParams.set('q', q.trim());
    else url.searchParams.delete('q');
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url.href);
  };

  SearchPage.prototype.run = async function (q) {
    var seq = ++this.seq;
    this.setUrl(q);
    this.limit = PAGE_SIZE;
    this.session = null;
    this.moreButton.hidden = true;
    if (!q.trim()) {
      this.clear('');
      return;
    }
    this.status.textContent = '正在检索…';
    this.root.setAttribute('aria-busy', 'true');
    try {
      var session = await this.index.search(q);
      if (seq !== this.seq) return;
      this.session = session;
      await this.show(seq);
    } catch (err) {
      if (seq !== this.seq) return;
      this.clear('检索暂时不可用，请稍后再试。');
      this.root.setAttribute('data-state', 'error');
      if (window.console) console.error(err);
    }
  };

  SearchPage.prototype.clear = function (message) {
    while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
    this.status.textContent = message;
    this.root.removeAttribute('aria-busy');
    this.root.setAttribute('data-state', 'idle');
  };

  SearchPage.prototype.show = async function (seq) {
    var self = this;
    var session = this.session;
    var result = await more(session, this.limit, function (partial) {
      if (seq === self.seq && partial.hits.length) self.render(partial, false);
    });
    if (seq !== this.seq) return;
    this.render(result, true);
  };

  SearchPage.prototype.render = function (result, final) {
    var list = this.list;
    var session = this.session;
    var siteRoot = this.siteRoot;
    // Results are rendered as they are verified, so keep each rendered item for the session.
    if (!session.items) session.items = new Map();
    while (list.firstChild) list.removeChild(list.firstChild);
    result.hits.forEach(function (hit) {
      var li = session.items.get(hit.uid);
      if (!li) {
        li = renderHit(hit, session.terms, siteRoot, session.query);
        session.items.set(hit.uid, li);
      }
      list.appendChild(li);
    });
    if (!final) return;
    if (result.total === 0) {
      this.status.textContent = '没有找到相关结果。';
    } else {
      this.status.textContent = (result.exact ? '找到 ' : '找到约 ') + result.total + ' 条结果';
    }
    this.moreButton.hidden = result.done;
    this.root.removeAttribute('aria-busy');
    this.root.setAttribute('data-state', 'done');
  };

  SearchPage.prototype.showMore = async function () {
    if (!this.session) return;
    this.limit += PAGE_SIZE;
    this.root.setAttribute('aria-busy', 'true');
    try {
      await this.show(this.seq);
    } catch (err) {
      this.status.textContent = '检索暂时不可用，请稍后再试。';
      this.root.removeAttribute('aria-busy');
    }
  };

  // ------------------------------------------------------------------------- header form

  function siteRootUrl() {
    if (scriptSrc) {
      var at = scriptSrc.indexOf(SCRIPT_PATH);
      if (at !== -1) return scriptSrc.slice(0, at);
    }
    return new URL('./', document.baseURI).href;
  }

  function searchPageUrl() {
    var meta = document.querySelector('meta[name="govpub-search-page"]');
    var target = (meta && meta.getAttribute('content')) || 'search/';
    return new URL(target, siteRootUrl()).href;
  }

  function addHeaderForm() {
    var header = document.querySelector('.md-header__inner');
    if (!header || header.querySelector('.govpub-header-search')) return;
    var form = el('form', 'govpub-header-search');
    form.setAttribute('role', 'search');
    form.method = 'get';
    form.action = searchPageUrl();
    var label = el('label', 'govpub-visually-hidden', '检索');
    label.htmlFor = 'govpub-header-q';
    var input = el('input', 'govpub-header-search__input');
    input.id = 'govpub-header-q';
    input.type = 'search';
    input.name = 'q';
    input.placeholder = '检索';
    input.autocomplete = 'off';
    var current = new URLSearchParams(window.location.search).get('q');
    if (current && document.getElementById('govpub-search')) input.value = current;
    var button = el('button', 'govpub-header-search__button', '检索');
    button.type = 'submit';
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(button);
    form.addEventListener('submit', function (event) {
      if (!input.value.trim()) event.preventDefault();
    });
    var source = header.querySelector('.md-header__source');
    header.insertBefore(form, source || null);
    // Phones (narrow screens) show this icon instead of the form: it opens the search page.
    var icon = el('a', 'govpub-header-search__icon');
    icon.href = form.action;
    icon.setAttribute('aria-label', '检索');
    icon.title = '检索';
    var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', 'M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5');
    svg.appendChild(path);
    icon.appendChild(svg);
    header.insertBefore(icon, source || null);
  }

  // ------------------------------------------------------------------- the page a result opens

  var HIGHLIGHT_PARAM = 'hl';
  var SKIP_TAGS = { SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEXTAREA: 1, INPUT: 1, SELECT: 1, MARK: 1, SVG: 1 };

  /* Mark the words of ?hl=… in the page's text (the page was opened from a search result):
   * the same terms, normalisation and number patterns as the result list. Without an anchor
   * in the address the first mark is scrolled into view. */
  function highlightLanding() {
    var q = new URLSearchParams(window.location.search).get(HIGHLIGHT_PARAM);
    var article = document.querySelector('.md-content article') || document.querySelector('article');
    if (!q || !strip(q) || !article || article.getAttribute('data-govpub-highlighted')) return;
    article.setAttribute('data-govpub-highlighted', '1');
    var terms = parseQuery(q);
    if (!terms.length) return;
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        for (var p = node.parentNode; p && p !== article; p = p.parentNode) {
          if (SKIP_TAGS[p.nodeName.toUpperCase()] || (p.id === 'govpub-search')) return NodeFilter.FILTER_REJECT;
        }
        return node.nodeValue && node.nodeValue.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var first = null;
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      var ranges = originalRanges(text, terms);
      if (!ranges.length) return;
      var frag = document.createDocumentFragment();
      var pos = 0;
      ranges.forEach(function (r) {
        if (r[0] > pos) frag.appendChild(document.createTextNode(text.slice(pos, r[0])));
        var mark = el('mark', 'govpub-hit', text.slice(r[0], r[1]));
        if (!first) first = mark;
        frag.appendChild(mark);
        pos = r[1];
      });
      if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
      node.parentNode.replaceChild(frag, node);
    });
    if (first && !window.location.hash) first.scrollIntoView({ block: 'center' });
  }

  function init() {
    addHeaderForm();
    highlightLanding();
    var root = document.getElementById('govpub-search');
    if (root && !root.getAttribute('data-ready')) {
      root.setAttribute('data-ready', '1');
      root.govpubSearch = new SearchPage(root);
    }
  }

  window.GovpubSearch = {
    normalise: normalise,
    normaliseDocNumber: normaliseDocNumber,
    parseQuery: parseQuery,
    readNumber: readNumber,
    termTokens: termTokens,
    fnv1a: fnv1a,
    shardOf: shardOf,
    decodePostings: decodePostings,
    Index: Index,
    more: more,
    init: init
  };

  // init() is idempotent: run it once the page is parsed, and again after each of Material's
  // instant navigations (document$ emits the new document).
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  if (window.document$ && typeof window.document$.subscribe === 'function') window.document$.subscribe(init);
})();
