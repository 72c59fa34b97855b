(function () {
  "use strict";
  /* Progress page: live updates by Server-Sent Events, polling JSON when EventSource fails. */
  var box = document.getElementById("progress");
  if (!box) { return; }
  var text = document.getElementById("progress-text");
  var bar = document.getElementById("progress-bar");
  var pages = document.getElementById("progress-pages");
  var items = document.getElementById("progress-items");
  var last = document.getElementById("progress-url");
  var error = document.getElementById("progress-error");
  var done = document.getElementById("progress-done");
  var link = document.getElementById("report-link");
  var finished = false;

  function render(s) {
    text.textContent = s.text;
    pages.textContent = String(s.pages);
    items.textContent = s.items_done + " / " + (s.items_total || "–");
    last.textContent = s.last_url || "";
    if (s.items_total) { bar.max = s.items_total; bar.value = s.items_done; }
    if (s.state === "failed") {
      finished = true;
      error.textContent = s.text;
      error.hidden = false;
      bar.value = 0;
    } else if (s.state === "done" && s.report_url) {
      finished = true;
      link.href = s.report_url;
      done.hidden = false;
      window.location.assign(s.report_url);
    }
  }

  function poll() {
    if (finished) { return; }
    fetch(box.getAttribute("data-status"), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (s) { render(s); if (!finished) { window.setTimeout(poll, 1000); } })
      .catch(function () { window.setTimeout(poll, 2000); });
  }

  if (window.EventSource) {
    var source = new EventSource(box.getAttribute("data-events"));
    source.onmessage = function (event) {
      render(JSON.parse(event.data));
      if (finished) { source.close(); }
    };
    source.onerror = function () {
      source.close();
      if (!finished) { poll(); }
    };
  } else {
    poll();
  }
})();
