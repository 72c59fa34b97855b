(function () {
  "use strict";
  /* Filters of the item cards. Without JavaScript the filter bar stays hidden and every card shows. */
  var bar = document.getElementById("filters");
  var status = document.getElementById("filter-status");
  if (!bar || !status) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.card[data-verdict]"));
  var buttons = Array.prototype.slice.call(bar.querySelectorAll("button[data-filter]"));
  var active = { verdict: [], group: [] };

  function has(list, value) { return list.indexOf(value) !== -1; }

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var okVerdict = !active.verdict.length || has(active.verdict, card.getAttribute("data-verdict"));
      var okGroup = !active.group.length || has(active.group, card.getAttribute("data-indicator")) ||
        has(active.group, card.getAttribute("data-sub"));
      var show = okVerdict && okGroup;
      card.hidden = !show;
      if (show) { shown += 1; }
    });
    status.textContent = status.getAttribute("data-template")
      .replace("{shown}", String(shown)).replace("{total}", String(cards.length));
    document.documentElement.classList.toggle("is-filtered", shown !== cards.length);
  }

  function reset() {
    active.verdict = [];
    active.group = [];
    buttons.forEach(function (b) {
      if (b.getAttribute("data-filter") !== "reset") { b.setAttribute("aria-pressed", "false"); }
    });
  }

  bar.addEventListener("click", function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest("button[data-filter]") : null;
    if (!button) { return; }
    var kind = button.getAttribute("data-filter");
    if (kind === "reset") {
      reset();
    } else {
      var list = active[kind];
      var value = button.getAttribute("data-value");
      var index = list.indexOf(value);
      if (index === -1) { list.push(value); } else { list.splice(index, 1); }
      button.setAttribute("aria-pressed", index === -1 ? "true" : "false");
    }
    apply();
  });

  /* A link to a card that the filters hide (from the "fix first" list) clears the filters. */
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var card = id ? document.getElementById(id) : null;
    if (card && card.hidden) {
      reset();
      apply();
      card.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);

  bar.hidden = false;
  apply();
  reveal();
})();
