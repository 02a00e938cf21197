// Editing a section: who else has it open, and a copy of unsaved text in this
// browser. The copy is kept per section and per revision the edit started
// from, so a closed tab or a lost connection loses nothing; the server tells
// the next page which copies it has saved. Without JavaScript the form and
// the merge page do all of this except the live list and the local copy.
(function () {
  "use strict";
  var PREFIX = "visie-concept:";

  function localStore() {
    try {
      var store = window.localStorage;
      store.getItem(PREFIX);
      return store;
    } catch (e) {
      return null;
    }
  }

  var store = localStore();

  function read(key) {
    try {
      return JSON.parse(store.getItem(key));
    } catch (e) {
      return null;
    }
  }

  // Copies the server has saved (as the new text or as a draft to merge).
  document.querySelectorAll("[data-visie-forget]").forEach(function (el) {
    if (store) {
      store.removeItem(PREFIX + el.getAttribute("data-visie-forget"));
    }
  });

  var form = document.querySelector("form[data-visie-edit]");
  if (!form) {
    return;
  }
  var sectie = form.getAttribute("data-sectie");
  var text = form.querySelector("textarea[name=text]");
  var message = form.querySelector("[name=message]");
  var base = form.querySelector("[name=base]");
  var token = form.querySelector("[name=csrfmiddlewaretoken]");

  // --- The local copy -----------------------------------------------------
  function keyFor(baseValue) {
    return PREFIX + sectie + ":" + (baseValue || "0");
  }

  function keep() {
    if (!store) {
      return;
    }
    var key = keyFor(base.value);
    if (text.value === text.defaultValue && message.value === message.defaultValue) {
      store.removeItem(key);
      return;
    }
    try {
      store.setItem(key, JSON.stringify({
        text: text.value,
        message: message.value,
        base: base.value,
        saved: Date.now()
      }));
    } catch (e) {
      // A full storage only means there is no local copy.
    }
  }

  var timer = null;
  function keepSoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(keep, 400);
  }

  function newestCopy() {
    var newest = null;
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX + sectie + ":") === 0) {
        var copy = read(key);
        if (copy && typeof copy.text === "string" && copy.text !== text.value &&
            (!newest || copy.saved > newest.copy.saved)) {
          newest = { key: key, copy: copy };
        }
      }
    }
    return newest;
  }

  var notice = document.querySelector("[data-local-copy]");
  if (store && notice) {
    var found = newestCopy();
    if (found) {
      notice.querySelector("[data-local-copy-time]").textContent =
        new Date(found.copy.saved).toLocaleString(document.documentElement.lang || "nl");
      notice.hidden = false;
      notice.querySelector("[data-local-copy-restore]").addEventListener("click", function () {
        text.value = found.copy.text;
        message.value = found.copy.message || "";
        // Saved against the revision it started from, so the server merges
        // it with whatever was saved since.
        if (found.copy.base !== undefined) {
          base.value = found.copy.base;
        }
        notice.hidden = true;
        text.focus();
      });
      notice.querySelector("[data-local-copy-discard]").addEventListener("click", function () {
        store.removeItem(found.key);
        notice.hidden = true;
        text.focus();
      });
    }
  }
  text.addEventListener("input", keepSoon);
  message.addEventListener("input", keepSoon);
  window.addEventListener("pagehide", keep);

  // --- Who else is editing -------------------------------------------------
  var presence = document.querySelector("[data-presence-url]");
  if (!presence || !window.fetch) {
    return;
  }
  var url = presence.getAttribute("data-presence-url");
  var seconds = parseInt(presence.getAttribute("data-heartbeat"), 10) || 20;
  var presenceNotice = presence.querySelector("[data-presence-notice]");
  var list = presence.querySelector("[data-presence-list]");

  function show(others) {
    var labels = others.map(function (o) { return o.label; });
    var current = Array.prototype.map.call(list.children, function (li) {
      return li.textContent;
    });
    if (labels.join("\n") === current.join("\n")) {
      return;
    }
    list.textContent = "";
    labels.forEach(function (label) {
      var li = document.createElement("li");
      li.textContent = label;
      list.appendChild(li);
    });
    presenceNotice.hidden = labels.length === 0;
  }

  function beat() {
    if (document.hidden) {
      return;
    }
    var body = new FormData();
    body.append("csrfmiddlewaretoken", token.value);
    window.fetch(url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && data.others) {
          show(data.others);
        }
      })
      .catch(function () {
        // Offline: the list stays as it was; the local copy keeps the text.
      });
  }

  window.setInterval(beat, seconds * 1000);
  document.addEventListener("visibilitychange", beat);
  window.addEventListener("pagehide", function () {
    if (navigator.sendBeacon) {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      body.append("leaving", "1");
      navigator.sendBeacon(url, body);
    }
  });
})();
