// jawab chat widget. One script tag, no build step, no dependencies:
//
//   <script src="https://HOST/widget.js" data-key="…" data-lang="auto|ur|en"
//     data-title="…" data-color="#0b6" data-position="right|left" async></script>
//
// data-mode="inline" data-target="#el" renders the chat inside a page element;
// data-font="/fonts/urdu.woff2" loads a self-hosted Urdu webfont. The widget
// talks only to the origin it was loaded from, builds every element with the
// DOM (never from HTML strings: titles, passages and answers are untrusted
// text), and keeps its styles in a Shadow DOM through a constructed style
// sheet, so it works under a Content-Security-Policy without 'unsafe-inline'
// or 'unsafe-eval'.
(() => {
  'use strict';
  const me = document.currentScript;
  if (!me || !me.src) return;
  const ds = me.dataset;
  const API = new URL(me.src, location.href).origin;
  const pageLang = (document.documentElement.lang || navigator.language || 'en').toLowerCase();
  const LANG = ds.lang === 'ur' || ds.lang === 'en' ? ds.lang : pageLang.startsWith('ur') ? 'ur' : 'en';
  const INLINE = ds.mode === 'inline';
  const STORE = 'jawab:' + API + ':' + (INLINE ? 'inline:' + (ds.target || '') : 'float');
  const HISTORY_TURNS = 4;

  const T = {
    en: {
      title: 'Ask the news', open: 'Open the news assistant', close: 'Close', clear: 'Clear the conversation',
      placeholder: 'Ask a question…', send: 'Send', stop: 'Stop', question: 'Your question',
      intro: 'Ask about the news. Every answer cites the articles it comes from.',
      searching: 'Searching the articles…', stopped: 'Stopped.', sources: 'Sources',
      asOf: d => 'As of ' + d + ' (the newest source cited)',
      extract: 'Quoted extracts: no AI model is configured, so these are sentences from the articles, as written.',
      fallback: 'Quoted extracts: the AI model could not answer just now, so these are sentences from the articles, as written.',
      refused: 'The articles do not answer this question.',
      unsupported: 'This source may not support the sentence.',
      source: 'Source', quote: 'Quoted passage', article: 'Open the article', back: 'Back to the chat',
      helpful: 'Helpful', unhelpful: 'Not helpful', thanks: 'Thank you for the feedback.',
      feedbackFailed: 'Your feedback could not be sent; please try again.',
      ready: 'Answer', rate: 'Too many questions right now. Please wait a moment and try again.',
      rateIn: s => 'Too many questions right now. Please try again in ' + s + ' seconds.',
      error: 'Something went wrong. Please try again.', network: 'The server could not be reached. Please check the connection and try again.',
      denied: 'This chat is not available on this site.', busy: 'The service is restarting. Please try again in a moment.',
      timeout: 'That took too long. Please try again.', invalid: 'That question could not be sent. Please shorten or rephrase it.',
      cite: n => 'Source ' + n, citeUnsup: n => 'Source ' + n + ', may not support this sentence',
    },
    ur: {
      title: 'خبروں سے پوچھیں', open: 'خبروں کا معاون کھولیں', close: 'بند کریں', clear: 'گفتگو صاف کریں',
      placeholder: 'اپنا سوال لکھیں…', send: 'بھیجیں', stop: 'روکیں', question: 'آپ کا سوال',
      intro: 'خبروں کے بارے میں پوچھیں۔ ہر جواب ان مضامین کا حوالہ دیتا ہے جن سے وہ لیا گیا ہے۔',
      searching: 'مضامین میں تلاش جاری ہے…', stopped: 'روک دیا گیا۔', sources: 'ذرائع',
      asOf: d => d + ' تک (حوالہ دیے گئے سب سے نئے ماخذ کی تاریخ)',
      extract: 'منقول اقتباسات: کوئی AI ماڈل ترتیب نہیں دیا گیا، اس لیے یہ مضامین کے جملے جوں کے توں ہیں۔',
      fallback: 'منقول اقتباسات: AI ماڈل اس وقت جواب نہ دے سکا، اس لیے یہ مضامین کے جملے جوں کے توں ہیں۔',
      refused: 'مضامین میں اس سوال کا جواب نہیں ملا۔',
      unsupported: 'ممکن ہے یہ ذریعہ اس جملے کی تائید نہ کرتا ہو۔',
      source: 'ماخذ', quote: 'منقول عبارت', article: 'مکمل خبر پڑھیں', back: 'گفتگو پر واپس جائیں',
      helpful: 'مفید', unhelpful: 'مفید نہیں', thanks: 'آپ کی رائے کا شکریہ۔',
      feedbackFailed: 'آپ کی رائے نہیں بھیجی جا سکی؛ براہ کرم دوبارہ کوشش کریں۔',
      ready: 'جواب', rate: 'اس وقت بہت زیادہ سوالات آ رہے ہیں۔ براہِ کرم تھوڑی دیر بعد دوبارہ کوشش کریں۔',
      rateIn: s => 'اس وقت بہت زیادہ سوالات آ رہے ہیں۔ براہِ کرم ' + s + ' سیکنڈ بعد دوبارہ کوشش کریں۔',
      error: 'کچھ غلط ہو گیا۔ براہِ کرم دوبارہ کوشش کریں۔', network: 'سرور سے رابطہ نہیں ہو سکا۔ براہِ کرم کنکشن دیکھ کر دوبارہ کوشش کریں۔',
      denied: 'یہ چیٹ اس ویب سائٹ پر دستیاب نہیں۔', busy: 'سروس دوبارہ شروع ہو رہی ہے۔ براہِ کرم تھوڑی دیر بعد کوشش کریں۔',
      timeout: 'جواب میں بہت دیر ہو گئی۔ براہِ کرم دوبارہ کوشش کریں۔', invalid: 'یہ سوال بھیجا نہیں جا سکا۔ براہِ کرم اسے مختصر کریں یا دوسرے الفاظ میں لکھیں۔',
      cite: n => 'ماخذ ' + n, citeUnsup: n => 'ماخذ ' + n + '، ممکن ہے اس جملے کی تائید نہ کرے',
    },
  }[LANG];

  const URDU_FONTS = '"jawab-urdu","Noto Nastaliq Urdu","Jameel Noori Nastaleeq","Urdu Typesetting","Awami Nastaliq","Noto Naskh Arabic","Noto Sans Arabic",serif';
  const STYLE = `
:host{all:initial;display:block;--a:#0b6b4f;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1d2327}
*{box-sizing:border-box}
[hidden]{display:none!important}
:lang(ur){font-family:${URDU_FONTS};line-height:2.1}
:lang(en){font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;line-height:1.5}
.q:lang(ur),.body p:lang(ur),.body bdi.quoted:lang(ur),blockquote:lang(ur),h4:lang(ur),textarea:lang(ur){font-size:17px}
button{font:inherit;color:inherit;cursor:pointer}
:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
.launch{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;border-radius:50%;border:0;background:var(--a);color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.3);display:flex;align-items:center;justify-content:center}
.left .launch{right:auto;left:20px}
.panel{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:400px;max-width:calc(100vw - 40px);height:600px;max-height:calc(100vh - 108px);background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.28);display:flex;flex-direction:column;overflow:hidden}
.left .panel{right:auto;left:20px}
.inline .panel{position:relative;bottom:auto;right:auto;left:auto;width:100%;max-width:none;height:560px;max-height:none;box-shadow:none;border:1px solid #ccd3d9;z-index:auto}
@media (max-width:639.98px){.float .panel{top:0;bottom:0;left:0;right:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0}}
header{display:flex;align-items:center;gap:6px;padding:8px 10px;background:var(--a);color:#fff}
h2{flex:1;margin:0;font-size:1.05em;font-weight:600}
.icon{background:transparent;border:0;padding:6px;border-radius:6px;display:flex;color:inherit}
.icon:hover{background:rgba(255,255,255,.18)}
svg{width:20px;height:20px;fill:currentColor;flex:none}
.rtl .send svg{transform:scaleX(-1)}
.log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:12px}
.intro{color:#55606a;margin:0}
.msg{max-width:90%;padding:8px 12px;border-radius:12px;overflow-wrap:anywhere}
.q{align-self:flex-end;background:#e3f1ea;white-space:pre-wrap}
.a{align-self:flex-start;background:#f3f4f6;min-width:40%}
.a p{margin:0 0 .4em;white-space:pre-wrap}
.asof{font-size:.85em;color:#444;margin:0 0 4px}
.badge{display:inline-block;font-size:.8em;color:#5b4a00;background:#fff3c4;border-radius:6px;padding:1px 8px;margin-bottom:6px}
.note{font-size:.88em;color:#55606a;margin:4px 0}
.err{background:#fdecec;color:#8a1c1c}
.wait{color:#55606a}
.cite{font-size:.8em;line-height:1.4;padding:0 5px;margin:0 2px;border:1px solid var(--a);border-radius:5px;background:#fff;color:var(--a);vertical-align:baseline;unicode-bidi:isolate;font-family:system-ui,sans-serif}
.cite.unsup{border-style:dashed;border-color:#b45309;color:#b45309;text-decoration:underline wavy}
.srcs{margin-top:6px;border-top:1px solid #dde1e5;padding-top:4px}
h3{font-size:.85em;margin:2px 0;color:#55606a;font-weight:600}
ol{margin:0;padding:0;list-style:none}
.src{display:block;width:100%;text-align:start;background:transparent;border:0;padding:3px 2px;border-radius:4px;color:#0b4f8a}
.src:hover{background:#e8eef5}
.fb{display:flex;gap:4px;align-items:center;margin-top:4px;color:#55606a;font-size:.85em}
.fb button{background:transparent;border:1px solid transparent;border-radius:6px;padding:3px;display:flex;color:#55606a}
.fb button[aria-pressed=true]{border-color:var(--a);color:var(--a)}
.fb .failed{color:#a3260f}
form{display:flex;gap:6px;padding:8px;border-top:1px solid #dde1e5;align-items:flex-end}
textarea{flex:1;font:inherit;resize:none;border:1px solid #b8c2cc;border-radius:8px;padding:8px;max-height:120px;min-height:40px;color:inherit;background:#fff}
.go{border:0;border-radius:8px;background:var(--a);color:#fff;padding:9px;display:flex}
.card{position:absolute;left:0;right:0;bottom:0;max-height:80%;overflow-y:auto;background:#fff;border-top:4px solid var(--a);box-shadow:0 -8px 24px rgba(0,0,0,.22);padding:10px 14px 14px}
.card header{background:transparent;color:inherit;padding:0 0 4px}
.card header h3{flex:1}
.card h4{margin:4px 0;font-size:1.05em}
.meta{font-size:.85em;color:#55606a;margin:0 0 6px}
.card a{color:#0b4f8a}
blockquote{margin:8px 0 0;padding:6px 10px;background:#f6f7f8;border-inline-start:4px solid #ccd3d9;white-space:pre-wrap}
mark{background:#ffe27a;color:inherit;border-radius:2px}
mark.unsup{background:#fcd3b0;text-decoration:underline wavy #b45309;outline:1px dashed #b45309}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.wrap{position:relative;display:flex;flex-direction:column;flex:1;min-height:0}
`;

  const ICONS = {
    chat: 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z',
    close: 'M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z',
    send: 'M2.01 21 23 12 2.01 3 2 10l15 2-15 2z',
    stop: 'M6 6h12v12H6z',
    clear: 'M6 19c0 1.1.9 2 2 2h8c1.1 0 2-.9 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z',
    up: 'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z',
    down: 'M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3h-4z',
  };

  // h builds an element. Strings among the children become text nodes, so
  // untrusted text is never parsed as HTML; "on…" props add listeners.
  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const kid of kids.flat()) if (kid != null && kid !== false) el.append(kid);
    return el;
  }

  function icon(name) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const p = document.createElementNS(ns, 'path');
    p.setAttribute('d', ICONS[name]);
    svg.append(p);
    return svg;
  }

  // dirOf gives text the direction of most of its letters: Arabic-script
  // letters against Latin ones; neither gives "auto".
  function dirOf(s) {
    const rtl = (s.match(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g) || []).length;
    const ltr = (s.match(/[A-Za-z\u00C0-\u024F]/g) || []).length;
    return rtl > ltr ? 'rtl' : ltr > rtl ? 'ltr' : 'auto';
  }

  // textEl is an element for untrusted text with its own direction (and
  // lang="ur" for Urdu, which picks the Nastaliq font stack).
  function textEl(tag, s, props) {
    const dir = dirOf(s);
    return h(tag, Object.assign({ dir, lang: dir === 'rtl' ? 'ur' : dir === 'ltr' ? 'en' : null }, props), s);
  }

  const DIGITS = '0-9\u06F0-\u06F9\u0660-\u0669';
  const MARKER = new RegExp('\\[([' + DIGITS + ']+(?:\\s*[,،\\-–]\\s*[' + DIGITS + ']+)*)\\]', 'g');

  function toInt(s) {
    return parseInt(s.replace(/[\u06F0-\u06F9]/g, d => d.charCodeAt(0) - 0x06F0).replace(/[\u0660-\u0669]/g, d => d.charCodeAt(0) - 0x0660), 10);
  }

  function markerNumbers(body) {
    const out = [];
    for (const part of body.split(/\s*[,،]\s*/)) {
      const [a, b] = part.split(/\s*[-–]\s*/).map(toInt);
      for (let n = a; n <= (b >= a && b - a < 20 ? b : a); n++) if (!out.includes(n)) out.push(n);
    }
    return out;
  }

  function safeURL(u) {
    try {
      const url = new URL(u, location.href);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch { return null; }
  }

  function formatDate(s) {
    const d = new Date(s);
    if (!s || isNaN(d) || d.getUTCFullYear() < 2) return '';
    try {
      return new Intl.DateTimeFormat(LANG === 'ur' ? 'ur-PK' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(d);
    } catch { return d.toISOString().slice(0, 10); }
  }

  // ---- the conversation, kept in sessionStorage ----
  let turns = [];
  let open = false;
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORE) || 'null');
    if (saved && Array.isArray(saved.turns)) { turns = saved.turns; open = !!saved.open; }
  } catch { /* storage blocked or corrupt: start afresh */ }
  function save() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify({ open, turns: turns.filter(t => t.state !== 'busy') }));
    } catch { /* full or blocked: the conversation lives on in the page */ }
  }

  // ---- the shadow DOM ----
  const host = document.createElement('jawab-chat');
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);
  root.adoptedStyleSheets = [sheet];
  if (ds.color && CSS.supports('color', ds.color)) host.style.setProperty('--a', ds.color);

  if (ds.font) {
    const src = safeURL(ds.font);
    if (src && 'FontFace' in window) {
      const face = new FontFace('jawab-urdu', 'url(' + JSON.stringify(src) + ')', { display: 'swap' });
      document.fonts.add(face);
      face.load().catch(() => {});
    }
  }

  const chromeDir = LANG === 'ur' ? 'rtl' : 'ltr';
  const shell = h('div', { class: (INLINE ? 'inline ' : 'float ') + chromeDir + (ds.position === 'left' ? ' left' : ''), dir: chromeDir, lang: LANG });
  const live = h('div', { class: 'sr', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const log = h('div', { class: 'log', role: 'log', 'aria-label': ds.title || T.title, tabindex: '0' });
  const input = h('textarea', { rows: 1, dir: 'auto', placeholder: T.placeholder, 'aria-label': T.question, maxlength: 2000, enterkeyhint: 'send' });
  const sendBtn = h('button', { type: 'submit', class: 'go send', 'aria-label': T.send, title: T.send }, icon('send'));
  const stopBtn = h('button', { type: 'button', class: 'go stop', 'aria-label': T.stop, title: T.stop, hidden: true, onclick: () => stop() }, icon('stop'));
  const form = h('form', { onsubmit: e => { e.preventDefault(); submit(); } }, input, sendBtn, stopBtn);
  const wrap = h('div', { class: 'wrap' }, log, form);
  const title = h('h2', { id: 'jw-title' }, ds.title || T.title);
  const clearBtn = h('button', { type: 'button', class: 'icon clear', 'aria-label': T.clear, title: T.clear, onclick: () => clearAll() }, icon('clear'));
  const closeBtn = INLINE ? null : h('button', { type: 'button', class: 'icon close', 'aria-label': T.close, title: T.close, onclick: () => setOpen(false) }, icon('close'));
  const panel = h('section', { class: 'panel', id: 'jw-panel', role: INLINE ? 'region' : 'dialog', 'aria-labelledby': 'jw-title' },
    h('header', null, title, clearBtn, closeBtn), wrap);
  const launcher = INLINE ? null : h('button', { type: 'button', class: 'launch', 'aria-label': T.open, title: T.open, 'aria-expanded': 'false', 'aria-controls': 'jw-panel', onclick: () => setOpen(!open) }, icon('chat'));
  shell.append(live, launcher || '', panel);
  root.append(shell);

  input.addEventListener('keydown', e => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
  });
  input.addEventListener('input', () => {
    input.style.height = 'auto';
    input.style.height = Math.min(input.scrollHeight + 2, 120) + 'px';
  });
  shell.addEventListener('keydown', e => {
    if (e.key !== 'Escape') return;
    if (card) { e.stopPropagation(); closeCard(); } else if (!INLINE && open) { e.stopPropagation(); setOpen(false); }
  });

  function setOpen(v, quiet) {
    open = v;
    panel.hidden = !v;
    if (launcher) launcher.setAttribute('aria-expanded', String(v));
    if (!quiet) {
      if (v) { input.focus(); log.scrollTop = log.scrollHeight; } else { closeCard(true); launcher.focus(); }
      save();
    }
  }

  // ---- rendering ----
  // citationFor finds, for the marker occurrences of an answer in order, the
  // citation each one stands for: the next unused citation of that number
  // (the API gives one per cited sentence, in the order of the answer).
  function citationPicker(cits) {
    const used = new Set();
    return n => {
      const i = cits.findIndex((c, j) => c.n === n && !used.has(j));
      if (i >= 0) { used.add(i); return cits[i]; }
      return cits.find(c => c.n === n) || null;
    };
  }

  // answerBody renders answer text: one paragraph per line, each with its own
  // direction, markers as buttons that open the source card.
  function answerBody(turn, text) {
    const a = turn.answer;
    const passages = (a && a.passages) || turn.passages || [];
    const pick = citationPicker((a && a.citations) || []);
    const own = text.replace(QUOTED, '');
    const body = h('div', { class: 'body', dir: own.trim() && dirOf(own) !== 'auto' ? dirOf(own) : dirOf(text) });
    for (const line of text.split('\n')) {
      const p = textEl('p', '');
      let last = 0;
      for (const m of line.matchAll(MARKER)) {
        appendQuoted(p, line.slice(last, m.index));
        for (const n of markerNumbers(m[1])) {
          const passage = passages.find(x => x.n === n);
          const cit = pick(n);
          if (!passage) { p.append('[' + n + ']'); continue; }
          const unsup = cit && !cit.supported;
          const b = h('button', { type: 'button', class: 'cite' + (unsup ? ' unsup' : ''), 'data-n': n, 'aria-label': unsup ? T.citeUnsup(n) : T.cite(n), title: unsup ? T.unsupported : null }, '[' + n + ']');
          b.addEventListener('click', () => openCard(passage, cit ? [cit] : citationsOf(a, n), b));
          p.append(b);
        }
        last = m.index + m[0].length;
      }
      appendQuoted(p, line.slice(last));
      // A line that quotes a source in «» takes its direction from its own
      // words: an English answer quoting Urdu is an English line.
      const plain = line.replace(MARKER, '');
      const own = plain.replace(QUOTED, '');
      p.dir = dirOf(own.trim() && dirOf(own) !== 'auto' ? own : plain);
      p.lang = p.dir === 'rtl' ? 'ur' : p.dir === 'ltr' ? 'en' : '';
      body.append(p);
    }
    return body;
  }

  // appendQuoted appends text to el, each «quotation» in it isolated with its
  // own direction and language (the offline English answer quotes Urdu).
  const QUOTED = /«[^»]*»/g;
  function appendQuoted(el, s) {
    let last = 0;
    for (const m of s.matchAll(QUOTED)) {
      el.append(s.slice(last, m.index));
      const d = dirOf(m[0]);
      el.append(h('bdi', { class: 'quoted', dir: d, lang: d === 'rtl' ? 'ur' : d === 'ltr' ? 'en' : null }, m[0]));
      last = m.index + m[0].length;
    }
    el.append(s.slice(last));
  }

  function citationsOf(a, n) { return ((a && a.citations) || []).filter(c => c.n === n); }

  function renderTurn(turn, i) {
    const q = textEl('div', turn.q, { class: 'msg q' });
    const a = h('div', { class: 'msg a', 'data-turn': i, 'aria-busy': turn.state === 'busy' ? 'true' : null });
    const ans = turn.answer;
    if (turn.error) {
      a.classList.add('err');
      a.setAttribute('role', 'alert');
      a.append(h('p', { lang: LANG }, turn.error));
    } else if (ans) {
      let text = ans.answer || '';
      if (ans.refused) a.append(h('div', { class: 'badge', lang: LANG }, T.refused));
      else if (ans.generator === 'extractive') {
        // The badge says in the reader's language what the server's first line
        // says in the answer's (why the answer is quoted): that line is dropped.
        const noLLM = (ans.warnings || []).some(w => w.startsWith('no LLM configured'));
        a.append(h('div', { class: 'badge extract', lang: LANG }, noLLM ? T.extract : T.fallback));
        const nl = text.indexOf('\n');
        if (nl > 0 && /:\)?$/.test(text.slice(0, nl))) text = text.slice(nl + 1);
      }
      // A time-bound answer says as of when it is (the newest cited source's
      // date); an extract's text says it already.
      const asOf = ans.time && formatDate(ans.time.as_of);
      if (asOf && !ans.refused && ans.generator !== 'extractive') a.append(h('p', { class: 'asof', lang: LANG }, T.asOf(asOf)));
      a.append(answerBody(turn, text));
      const cited = [];
      for (const c of ans.citations || []) if (!cited.includes(c.n)) cited.push(c.n);
      const list = cited.map(n => (ans.passages || []).find(p => p.n === n)).filter(Boolean);
      if (list.length) {
        a.append(h('div', { class: 'srcs' }, h('h3', { lang: LANG }, T.sources),
          h('ol', null, list.map(p => {
            const b = h('button', { type: 'button', class: 'src', 'data-n': p.n },
              '[' + p.n + '] ', textEl('bdi', p.title || p.doc_id || ''), p.source ? ' · ' : '', p.source ? textEl('bdi', p.source) : '',
              formatDate(p.published) ? ' · ' + formatDate(p.published) : '');
            b.addEventListener('click', () => openCard(p, citationsOf(ans, p.n), b));
            return h('li', null, b);
          }))));
      }
      if (ans.id) a.append(feedback(turn));
    } else if (turn.text) {
      a.append(answerBody(turn, turn.text));
    } else if (turn.state === 'busy') {
      a.classList.add('wait');
      a.append(h('p', { lang: LANG }, T.searching));
    }
    if (turn.stopped) a.append(h('p', { class: 'note stopped', lang: LANG }, T.stopped));
    return [q, a];
  }

  function feedback(turn) {
    const mk = (rating, name, label) => {
      const b = h('button', { type: 'button', class: 'rate-' + rating, 'aria-label': label, title: label, 'aria-pressed': String(turn.rating === rating) }, icon(name));
      b.addEventListener('click', () => rate(turn, rating));
      return b;
    };
    return h('div', { class: 'fb' }, mk('up', 'up', T.helpful), mk('down', 'down', T.unhelpful),
      turn.ratingFailed ? h('span', { class: 'thanks failed', lang: LANG, role: 'status' }, T.feedbackFailed)
        : turn.rating ? h('span', { class: 'thanks', lang: LANG }, T.thanks) : null);
  }

  function render() {
    closeCard(true);
    log.replaceChildren();
    if (!turns.length) log.append(h('p', { class: 'intro', lang: LANG }, T.intro));
    turns.forEach((t, i) => log.append(...renderTurn(t, i)));
    const busy = turns.some(t => t.state === 'busy');
    sendBtn.hidden = busy;
    stopBtn.hidden = !busy;
    log.scrollTop = log.scrollHeight;
  }

  // rerender replaces one turn's answer in place (a streaming answer).
  function rerender(i) {
    const old = log.querySelector('[data-turn="' + i + '"]');
    if (!old) return render();
    const stick = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    old.replaceWith(renderTurn(turns[i], i)[1]);
    if (stick) log.scrollTop = log.scrollHeight;
  }

  // ---- the source card ----
  let card = null;
  let cardOpener = null;

  // highlighted fills el with text, wrapping the cited spans in <mark>.
  // Offsets are runes into the article; the passage starts at pStart.
  function highlighted(el, text, pStart, cits) {
    const cps = Array.from(text);
    const ranges = [];
    for (const c of cits) {
      if (!c.quote) continue; // a citation the check found no span for
      let a = c.start - pStart, b = c.end - pStart;
      if (!(a >= 0 && b <= cps.length && cps.slice(a, b).join('') === c.quote)) {
        const i = c.quote ? text.indexOf(c.quote) : -1;
        if (i < 0) continue;
        a = Array.from(text.slice(0, i)).length;
        b = a + Array.from(c.quote).length;
      }
      ranges.push([a, b, c.supported]);
    }
    ranges.sort((x, y) => x[0] - y[0]);
    let at = 0;
    for (const [a, b, ok] of ranges) {
      if (a < at) continue;
      el.append(cps.slice(at, a).join(''), h('mark', { class: ok ? null : 'unsup' }, cps.slice(a, b).join('')));
      at = b;
    }
    el.append(cps.slice(at).join(''));
  }

  function openCard(p, cits, opener) {
    closeCard(true);
    cardOpener = opener;
    const url = p.url ? safeURL(p.url) : null;
    const date = formatDate(p.published);
    const meta = [p.source, date].filter(Boolean).join(' · ');
    const quote = h('blockquote', { dir: dirOf(p.text || ''), lang: dirOf(p.text || '') === 'rtl' ? 'ur' : null });
    highlighted(quote, p.text || '', p.start || 0, cits);
    const unsup = cits.some(c => !c.supported);
    const heading = h('h3', { id: 'jw-card-title', tabindex: '-1', lang: LANG }, T.source + ' [' + p.n + ']');
    const close = h('button', { type: 'button', class: 'icon', 'aria-label': T.back, title: T.back, onclick: () => closeCard() }, icon('close'));
    card = h('div', { class: 'card', role: 'dialog', 'aria-labelledby': 'jw-card-title' },
      h('header', null, heading, close),
      textEl('h4', p.title || p.doc_id || ''),
      meta ? textEl('p', meta, { class: 'meta' }) : null,
      url ? h('p', { class: 'meta' }, h('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, T.article)) : null,
      unsup ? h('p', { class: 'note', lang: LANG }, T.unsupported) : null,
      h('h3', { lang: LANG }, T.quote), quote);
    wrap.append(card);
    heading.focus();
    const mark = quote.querySelector('mark');
    if (mark && mark.offsetTop + 48 > card.clientHeight) card.scrollTop = mark.offsetTop - card.clientHeight / 3;
  }

  function closeCard(quiet) {
    if (!card) return;
    card.remove();
    card = null;
    if (!quiet && cardOpener && cardOpener.isConnected) cardOpener.focus();
    cardOpener = null;
  }

  // ---- talking to the API ----
  function headers(extra) {
    const hd = Object.assign({ 'Content-Type': 'application/json' }, extra);
    if (ds.key) hd['X-API-Key'] = ds.key;
    return hd;
  }

  // friendly turns an error status and code into a sentence for the reader;
  // the server's own message is never shown (it is for developers).
  function friendly(status, code, retryAfter) {
    if (status === 429 || code === 'rate_limited') return retryAfter > 0 && retryAfter < 600 ? T.rateIn(retryAfter) : T.rate;
    if (code === 'shutting_down' || status === 503) return T.busy;
    if (code === 'timeout' || status === 504) return T.timeout;
    if (status === 401 || status === 403) return T.denied;
    if (status === 400 || status === 413 || code === 'invalid' || code === 'question_too_long') return T.invalid;
    if (status === 0) return T.network;
    return T.error;
  }

  // sse parses a server-sent event stream as it arrives.
  function sse(onEvent) {
    let buf = '', type = '', data = [];
    return chunk => {
      buf += chunk;
      const re = /\r\n|\r|\n/g;
      let start = 0, m;
      while ((m = re.exec(buf))) {
        if (m[0] === '\r' && m.index === buf.length - 1) break; // maybe half of \r\n
        const line = buf.slice(start, m.index);
        start = re.lastIndex;
        if (line === '') {
          if (data.length) onEvent(type || 'message', data.join('\n'));
          type = ''; data = [];
        } else if (line[0] !== ':') {
          const i = line.indexOf(':');
          const field = i < 0 ? line : line.slice(0, i);
          let v = i < 0 ? '' : line.slice(i + 1);
          if (v[0] === ' ') v = v.slice(1);
          if (field === 'event') type = v;
          else if (field === 'data') data.push(v);
        }
      }
      buf = buf.slice(start);
    };
  }

  let controller = null;

  function stop() { if (controller) controller.abort(); }

  function clearAll() {
    stop();
    turns = [];
    save();
    render();
    input.focus();
  }

  function submit() {
    const q = input.value.trim();
    if (!q || controller) return;
    input.value = '';
    input.style.height = '';
    ask(q);
  }

  async function ask(q) {
    const history = turns.filter(t => t.answer && !t.answer.refused).slice(-HISTORY_TURNS)
      .map(t => ({ question: t.q, answer: t.answer.answer }));
    const turn = { q, state: 'busy', text: '' };
    turns.push(turn);
    const i = turns.length - 1;
    render();
    controller = new AbortController();
    let frame = 0;
    const paint = () => { if (!frame) frame = requestAnimationFrame(() => { frame = 0; rerender(i); }); };
    try {
      const res = await fetch(API + '/v1/ask', {
        method: 'POST', mode: 'cors', credentials: 'omit', signal: controller.signal,
        headers: headers({ Accept: 'text/event-stream' }),
        body: JSON.stringify({ question: q, history, stream: true }),
      });
      if (!res.ok) {
        let code = '';
        try { code = ((await res.json()).error || {}).code || ''; } catch { /* not JSON */ }
        turn.error = friendly(res.status, code, parseInt(res.headers.get('Retry-After'), 10));
      } else {
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        const feed = sse((type, data) => {
          if (type === 'passages') { turn.passages = JSON.parse(data); }
          else if (type === 'delta') { turn.text += data; paint(); }
          else if (type === 'done') { turn.answer = JSON.parse(data); }
          else if (type === 'error') {
            let code = '';
            try { code = JSON.parse(data).code; } catch { /* keep the generic message */ }
            turn.error = friendly(code === 'rate_limited' ? 429 : 500, code);
          }
        });
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          feed(value);
        }
        if (!turn.answer && !turn.error) turn.error = T.error;
      }
    } catch (e) {
      if (e && e.name === 'AbortError') turn.stopped = true;
      else turn.error = friendly(0, '');
    }
    cancelAnimationFrame(frame);
    controller = null;
    turn.state = 'done';
    if (turn.answer || turn.error) { delete turn.text; delete turn.passages; }
    if (turn.answer) {
      const a = turn.answer;
      turn.answer = { id: a.id, answer: a.answer, lang: a.lang, refused: a.refused, generator: a.generator, citations: a.citations || [], passages: a.passages || [] };
    }
    render();
    announce(turn);
    save();
  }

  function announce(turn) {
    const text = turn.error || (turn.answer ? turn.answer.answer.replace(MARKER, '') : turn.stopped ? T.stopped : '');
    live.textContent = '';
    setTimeout(() => { live.textContent = (turn.error ? '' : T.ready + ': ') + text; }, 50);
  }

  async function rate(turn, rating) {
    if (!turn.answer || !turn.answer.id) return;
    const before = turn.rating;
    turn.rating = rating;
    turn.ratingFailed = false;
    rerender(turns.indexOf(turn));
    save();
    let ok = false;
    try {
      const res = await fetch(API + '/v1/feedback', {
        method: 'POST', mode: 'cors', credentials: 'omit', headers: headers(),
        body: JSON.stringify({ answer_id: turn.answer.id, rating }),
      });
      ok = res.ok;
    } catch { /* a network failure: said below */ }
    if (!ok) {
      // The vote was not stored: the buttons must not say it was.
      turn.rating = before;
      turn.ratingFailed = true;
      rerender(turns.indexOf(turn));
      save();
    }
  }

  // ---- mount ----
  function mount() {
    let target = null;
    if (INLINE) {
      try { target = document.querySelector(ds.target || ''); } catch { target = null; }
      if (!target) console.warn('jawab widget: data-target ' + JSON.stringify(ds.target || '') + ' matches no element; the chat goes at the end of the page');
    }
    (target || document.body).append(host);
    render();
    setOpen(INLINE || open, true);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
