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
    // Changes are found by id (change-1 ... change-N): nothing here walks the whole page,
    // which holds hundreds of thousands of paragraphs in a long report.
    var total = Number(document.body.getAttribute("data-changes")) || 0;
    var position = document.getElementById("change-position");
    var current = 0; // the current change's number, 0 before the first

    applyView(currentView());

    function change(number) {
      return document.getElementById("change-" + number);
    }

    function entry(number) {
      return document.getElementById("nav-change-" + number);
    }

    // Scroll the list of changes (not the page) so that its current entry shows.
    function keepInView(item) {
      var list = item.closest("details");
      if (!list || list.scrollHeight <= list.clientHeight) {
        return;
      }
      var top = item.offsetTop - list.offsetTop;
      if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
        list.scrollTop = top - list.clientHeight / 3;
      }
    }

    // Rows off screen have a placeholder height (content-visibility: auto) until they are
    // drawn, so the first scroll is computed on guessed heights: the rows it passes are then
    // laid out and the change moves. Scroll again on each of the next frames, while the
    // change still moves and is still the current one, so that the first jump lands on it.
    var settling = 0;
    function centre(row) {
      row.scrollIntoView({ block: "center" });
      var turn = ++settling;
      var placed = row.getBoundingClientRect().top;
      var frames = 0;
      var still = 0;
      function again() {
        if (turn !== settling || frames++ > 30) {
          return;
        }
        var top = row.getBoundingClientRect().top;
        if (Math.abs(top - placed) > 1) {
          // Rows drawn since the last frame moved it: place it again.
          row.scrollIntoView({ block: "center" });
          placed = row.getBoundingClientRect().top;
          still = 0;
        } else {
          still++;
        }
        if (still < 3) {
          window.requestAnimationFrame(again);
        }
      }
      window.requestAnimationFrame(again);
    }
    // A person who scrolls meanwhile has taken over: stop placing the change.
    ["wheel", "touchstart", "mousedown"].forEach(function (name) {
      window.addEventListener(name, function () {
        settling++;
      }, { passive: true });
    });

    function show(number) {
      if (!total) {
        return;
      }
      number = Math.max(1, Math.min(total, number));
      if (current) {
        change(current).classList.remove("current");
        entry(current).removeAttribute("aria-current");
      }
      current = number;
      var row = change(number);
      row.classList.add("current");
      centre(row);
      row.focus({ preventScroll: true });
      var item = entry(number);
      item.setAttribute("aria-current", "true");
      keepInView(item);
      position.textContent = "Change " + number + " of " + total;
    }

    function next() {
      show(current + 1);
    }

    function previous() {
      show(current - 1);
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
    // An unchanged paragraph has one element, whose id is its new number (new-N); its old
    // number (old-N) is found through its data-o attribute.
    function follow() {
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id ? document.getElementById(id) : null;
      var old = /^old-(\d+)$/.exec(id);
      if (!target && old) {
        target = document.querySelector('.same[data-o="' + old[1] + '"]');
        if (target) {
          var run = target.closest("details");
          if (run) {
            run.open = true;
          }
          target.scrollIntoView({ block: "center" });
        }
      }
      var row = target ? target.closest(".row.change") : null;
      if (row) {
        show(Number(row.id.slice("change-".length)));
      }
    }

    // A click on an unchanged paragraph's number links to it, as the numbers of changed
    // paragraphs (links) do: left the old number, right the new one.
    document.getElementById("report").addEventListener("click", function (event) {
      var target = event.target;
      if (!target.classList || !target.classList.contains("same")) {
        return;
      }
      var box = target.getBoundingClientRect();
      var x = event.clientX - box.left;
      var edge = parseFloat(getComputedStyle(target).paddingLeft);
      if (x < edge) {
        window.location.hash = "old-" + target.getAttribute("data-o");
      } else if (x > box.width - edge) {
        window.location.hash = "new-" + target.getAttribute("data-n");
      }
    });
    // A link to a change takes effect at the click, not when "hashchange" arrives later: a key
    // pressed in between must not be undone by it.
    var followed = "";
    document.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest('a[href^="#change-"]') : null;
      if (link) {
        followed = link.getAttribute("href");
        show(Number(followed.slice("#change-".length)));
      }
    });
    window.addEventListener("hashchange", function () {
      var already = window.location.hash === followed;
      followed = "";
      if (!already) {
        follow();
      }
    });
    follow();
  });
})();
