// Polls the JSON status of a report while it is queued or rendering, and
// updates the live region; when it is done the page reloads once so the
// download or the retry button appears. Without JS the refresh link works.
(function () {
  "use strict";
  var section = document.querySelector("[data-status-url]");
  if (!section) { return; }
  var status = section.getAttribute("data-status");
  if (status !== "wachtrij" && status !== "bezig") { return; }
  var url = section.getAttribute("data-status-url");
  var label = section.querySelector("[data-status-label]");
  var delay = 2000;

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return schedule(); }
        if (label && label.textContent !== data.label) { label.textContent = data.label; }
        if (data.finished) {
          var hint = section.querySelector("[data-refresh-hint]");
          var ready = section.querySelector("[data-ready-link]");
          if (hint) { hint.hidden = true; }
          if (ready) { ready.hidden = false; }
          window.setTimeout(function () { window.location.reload(); }, 1500);
          return;
        }
        schedule();
      })
      .catch(schedule);
  }

  function schedule() {
    delay = Math.min(delay * 1.3, 15000);
    window.setTimeout(poll, delay);
  }

  window.setTimeout(poll, delay);
})();
