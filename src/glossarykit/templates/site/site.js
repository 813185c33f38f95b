/* glossarykit site: the search of `glossary site`. No framework, nothing fetched. */
(function () {
  "use strict";

  var index = JSON.parse(document.getElementById("index").textContent);
  var articles = document.querySelectorAll("article.concept");
  var query = document.getElementById("q");
  var domain = document.getElementById("domain");
  var origin = document.getElementById("origin");
  var count = document.getElementById("count");
  var none = document.getElementById("none");
  var copied = document.getElementById("copied");
  var HAN = /[\u3007\u3400-\u9fff\uf900-\ufaff]|[\ud840-\ud8bf][\udc00-\udfff]/;

  // As services/pinyin.py folds: lower case, no tone marks, ü and v as u.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/v/g, "u");
  }

  function englishForm(text) {
    return text.toLowerCase().replace(/[\s\u2010-\u2015-]+/g, " ").trim();
  }

  // Keys of one reading ("san she lian dong"): syllables, run together, initials.
  function pinyinKeys(reading) {
    var syllables = reading.split(" ");
    var starts = [];
    var joined = "";
    var initials = "";
    syllables.forEach(function (syllable) {
      starts.push(joined.length);
      joined += syllable;
      initials += /^[a-z]/.test(syllable) ? syllable.charAt(0) : syllable;
    });
    return { joined: joined, starts: starts, initials: initials };
  }

  var keys = index.map(function (entry) {
    return {
      chinese: entry.zh.concat(entry.hant),
      english: entry.en.map(englishForm),
      pinyin: entry.py.map(pinyinKeys),
      id: entry.id.toLowerCase()
    };
  });

  function matchesPinyin(q, key) {
    if (q === key.joined || (q.length > 1 && key.initials.indexOf(q) === 0)) {
      return true;
    }
    return key.starts.some(function (at) { return key.joined.indexOf(q, at) === at; });
  }

  function matches(entryKeys, text) {
    if (!text) {
      return true;
    }
    if (HAN.test(text)) {
      var bare = text.replace(/\s+/g, "");
      return entryKeys.chinese.some(function (form) { return form.indexOf(bare) >= 0; });
    }
    var english = englishForm(text);
    if (entryKeys.english.some(function (form) { return form.indexOf(english) >= 0; })) {
      return true;
    }
    if (entryKeys.id === text.trim().toLowerCase()) {
      return true;
    }
    var q = fold(text).replace(/[^a-z0-9+]/g, "");
    if (!/[a-z]/.test(q)) {
      return false;
    }
    return entryKeys.pinyin.some(function (key) { return matchesPinyin(q, key); });
  }

  function apply() {
    var text = query.value.trim();
    var shown = 0;
    for (var i = 0; i < articles.length; i++) {
      var entry = index[i];
      var visible = matches(keys[i], text) &&
        (!domain.value || entry.domain === domain.value) &&
        (!origin.value || entry.origin === origin.value);
      articles[i].hidden = !visible;
      if (visible) {
        shown += 1;
      }
    }
    var total = articles.length;
    var noun = total === 1 ? "concept" : "concepts";
    count.textContent = shown === total ? total + " " + noun : shown + " of " + total + " " + noun;
    none.hidden = shown > 0;
  }

  // The search lives in the URL (index.html?q=sanshe), so a search can be shared.
  function saveState() {
    var params = new URLSearchParams();
    if (query.value) { params.set("q", query.value); }
    if (domain.value) { params.set("domain", domain.value); }
    if (origin.value) { params.set("origin", origin.value); }
    var search = params.toString();
    var url = location.pathname + (search ? "?" + search : "") + location.hash;
    try {
      history.replaceState(null, "", url);
    } catch (error) {
      // Some browsers refuse to change a file:// URL; the search still works.
    }
  }

  function loadState() {
    var params = new URLSearchParams(location.search);
    query.value = params.get("q") || "";
    setSelect(domain, params.get("domain"));
    setSelect(origin, params.get("origin"));
    apply();
  }

  function setSelect(select, value) {
    select.value = "";
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) {
        select.value = value;
      }
    }
  }

  function onChange() {
    apply();
    saveState();
  }

  query.addEventListener("input", onChange);
  domain.addEventListener("change", onChange);
  origin.addEventListener("change", onChange);
  document.querySelector("form.search").addEventListener("submit", function (event) {
    event.preventDefault();
    onChange();
  });
  window.addEventListener("popstate", loadState);

  // Copy a rendering: the Clipboard API where allowed, else a selected textarea.
  function announce(button, ok, text) {
    copied.textContent = ok ? "Copied “" + text + "”." : "Could not copy; select the text and press Ctrl+C.";
    button.textContent = ok ? "Copied" : "Copy";
    window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (error) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) {
      return;
    }
    var text = button.getAttribute("data-copy");
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { announce(button, true, text); },
        function () {
          var ok = copyWithSelection(text);
          button.focus();
          announce(button, ok, text);
        }
      );
    } else {
      var ok = copyWithSelection(text);
      button.focus();
      announce(button, ok, text);
    }
  });

  // Print every reference, even the lists a reader folded.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
  });

  // Linked concepts (#id) must open below the sticky header, whatever its height.
  function measureHeader() {
    var header = document.querySelector("header.top");
    var sticky = getComputedStyle(header).position === "sticky";
    document.documentElement.style.setProperty("--top", sticky ? header.offsetHeight + "px" : "0px");
  }

  window.addEventListener("resize", measureHeader);
  measureHeader();
  loadState();
  if (location.hash) {
    var id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch (error) {
      // A malformed escape: look the fragment up as written.
    }
    var target = document.getElementById(id);
    if (target) {
      target.scrollIntoView();
    }
  }
})();
