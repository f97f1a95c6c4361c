// Conveniences only: without JavaScript the report is complete and readable.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  function currentView() {
    return new URLSearchParams(window.location.search).get("view") === "inline" ? "inline" : "side";
  }

  function applyView(view) {
    root.classList.toggle("view-inline", view === "inline");
    var buttons = document.querySelectorAll("[data-view]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute("data-view") === view));
    }
  }

  // Remember the view in the query string (?view=inline), so a copied link opens the same view.
  function rememberView(view) {
    var url = new URL(window.location.href);
    if (view === "inline") {
      url.searchParams.set("view", "inline");
    } else {
      url.searchParams.delete("view");
    }
    try {
      window.history.replaceState(null, "", url.href);
    } catch (error) {
      window.location.replace(url.href);
    }
  }

  applyView(currentView());

  document.addEventListener("DOMContentLoaded", function () {
    var changes = Array.prototype.slice.call(document.querySelectorAll(".row.change"));
    var position = document.getElementById("change-position");
    var current = -1;

    applyView(currentView());

    function show(index) {
      if (!changes.length) {
        return;
      }
      index = Math.max(0, Math.min(changes.length - 1, index));
      if (current >= 0) {
        changes[current].classList.remove("current");
      }
      current = index;
      var row = changes[index];
      row.classList.add("current");
      row.scrollIntoView({ block: "center" });
      row.focus({ preventScroll: true });
      position.textContent = "Change " + (index + 1) + " of " + changes.length;
    }

    function next() {
      show(current + 1);
    }

    function previous() {
      show(current < 0 ? 0 : current - 1);
    }

    document.getElementById("next-change").addEventListener("click", next);
    document.getElementById("previous-change").addEventListener("click", previous);

    var viewButtons = document.querySelectorAll("[data-view]");
    for (var i = 0; i < viewButtons.length; i++) {
      viewButtons[i].addEventListener("click", function (event) {
        var view = event.currentTarget.getAttribute("data-view");
        applyView(view);
        rememberView(view);
      });
    }

    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
        return;
      }
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
        return;
      }
      if (event.key === "n") {
        event.preventDefault();
        next();
      } else if (event.key === "p") {
        event.preventDefault();
        previous();
      }
    });

    // Following a link to a change (list of changes, "moved to") makes it the current one.
    function follow() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id ? document.getElementById(id) : null;
      var row = target ? target.closest(".row.change") : null;
      var index = row ? changes.indexOf(row) : -1;
      if (index >= 0) {
        show(index);
      }
    }
    window.addEventListener("hashchange", follow);
    follow();
  });
})();
