/* articlediff report: click-to-scroll, label toggles, keyboard navigation. Optional: the report
   reads the same without it. Sets up every report on the page once (a notebook may hold several). */
(function () {
  "use strict";
  var reduce = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var motion = reduce ? "auto" : "smooth";

  function counterparts(s) {
    var cell = s.closest("td");
    var row = s.closest("tr");
    if (!cell || !row) return [];
    return row.querySelectorAll(cell.classList.contains("ad-l") ? ".ad-r .ad-s" : ".ad-l .ad-s");
  }

  function setup(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    root.classList.add("ad-js");
    var bar = root.querySelector(".ad-bar");
    var hiddenNote = root.querySelector(".ad-hidden");
    var current = null;

    function light(s, on) {
      var others = counterparts(s);
      for (var i = 0; i < others.length; i++) others[i].classList.toggle("ad-lit", on);
    }
    root.addEventListener("mouseover", function (e) { var s = e.target.closest(".ad-s"); if (s) light(s, true); });
    root.addEventListener("mouseout", function (e) { var s = e.target.closest(".ad-s"); if (s) light(s, false); });
    root.addEventListener("focusin", function (e) { var s = e.target.closest(".ad-s"); if (s) light(s, true); });
    root.addEventListener("focusout", function (e) { var s = e.target.closest(".ad-s"); if (s) light(s, false); });

    root.addEventListener("click", function (e) {
      var s = e.target.closest(".ad-s");
      if (!s || !root.contains(s)) return;
      var others = counterparts(s);
      if (!others.length) return;
      others[0].scrollIntoView({ block: "nearest", inline: "nearest", behavior: motion });
      for (var i = 0; i < others.length; i++) {
        others[i].classList.remove("ad-flash");
        void others[i].offsetWidth; // restart the animation
        others[i].classList.add("ad-flash");
      }
      current = s.closest("tr");
    });

    function sync() {
      var boxes = root.querySelectorAll(".ad-tg input");
      var hidden = 0;
      for (var i = 0; i < boxes.length; i++) {
        root.classList.toggle("ad-hide-" + boxes[i].value, !boxes[i].checked);
        if (!boxes[i].checked) hidden += root.querySelectorAll("tr.ad-" + boxes[i].value).length;
      }
      if (hiddenNote) hiddenNote.textContent = hidden ? hidden + (hidden === 1 ? " row" : " rows") + " hidden" : "";
    }
    root.addEventListener("change", sync);
    sync();

    function visibleChanges() {
      return Array.prototype.filter.call(root.querySelectorAll("tr.ad-c"), function (r) {
        return r.getClientRects().length > 0;
      });
    }

    function inView(el) {
      var box = el.getBoundingClientRect();
      return box.bottom > 0 && box.top < (window.innerHeight || document.documentElement.clientHeight);
    }

    function go(step) {
      var rows = visibleChanges();
      if (!rows.length) return;
      var active = document.activeElement;
      var from = active && root.contains(active) && active.closest ? active.closest("tr.ad-p") : null;
      if (!from && current && inView(current)) from = current; // where the reader left off, if still in sight
      var target = null;
      var i;
      if (from && from.getClientRects().length) {
        for (i = 0; i < rows.length; i++) {
          var after = from.compareDocumentPosition(rows[i]) & Node.DOCUMENT_POSITION_FOLLOWING;
          if (step > 0 && after) { target = rows[i]; break; }
          if (step < 0 && !after && rows[i] !== from) target = rows[i];
        }
      } else {
        var top = bar ? bar.getBoundingClientRect().bottom - 2 : 0; // rows starting below the sticky bar
        for (i = 0; i < rows.length; i++) {
          var y = rows[i].getBoundingClientRect().top;
          if (step > 0 && y >= top) { target = rows[i]; break; }
          if (step < 0 && y < top) target = rows[i];
        }
      }
      if (!target) return;
      current = target;
      var s = target.querySelector(".ad-r .ad-s") || target.querySelector(".ad-s");
      if (s) s.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center", behavior: motion });
    }

    var buttons = root.querySelectorAll("[data-step]");
    for (var b = 0; b < buttons.length; b++) {
      buttons[b].addEventListener("click", function (e) { go(Number(e.currentTarget.getAttribute("data-step"))); });
    }

    var scope = root.getAttribute("data-document") === "1" ? document : root;
    scope.addEventListener("keydown", function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      var t = e.target;
      if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
                (t.tagName === "INPUT" && t.type !== "checkbox"))) return;
      var step = e.key === "n" || e.key === "j" ? 1 : e.key === "p" || e.key === "k" ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      e.stopPropagation();
      go(step);
    });
  }

  var roots = document.querySelectorAll(".ad-report");
  for (var r = 0; r < roots.length; r++) setup(roots[r]);
})();
