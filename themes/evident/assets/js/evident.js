// evident: progressive enhancement only. The site works fully without it.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var ja = lang.indexOf("ja") === 0;
  var label = ja ? "コピー" : "Copy";
  var done = ja ? "コピーしました" : "Copied";

  // Copy buttons for commands and digests.
  if (navigator.clipboard && window.isSecureContext) {
    document.querySelectorAll("pre[data-copy]").forEach(function (pre) {
      var box = pre.parentNode;
      var btn = document.createElement("button");
      btn.type = "button";
      btn.className = "copy-btn";
      btn.textContent = label;
      btn.addEventListener("click", function () {
        navigator.clipboard.writeText(pre.textContent.trim()).then(function () {
          btn.textContent = done;
          setTimeout(function () { btn.textContent = label; }, 1800);
        });
      });
      box.classList.add("has-copy");
      box.appendChild(btn);
    });
  }

  // Coverage matrix filter: by text and by status.
  var tools = document.querySelector("[data-matrix-tools]");
  if (tools) {
    var input = tools.querySelector("input");
    var select = tools.querySelector("select");
    var table = document.getElementById(input.getAttribute("data-filter-for"));
    if (table) {
      tools.hidden = false;
      var apply = function () {
        var q = input.value.trim().toLowerCase();
        var st = select.value;
        table.querySelectorAll("tbody").forEach(function (tb) {
          var shown = 0;
          tb.querySelectorAll("tr.req-row").forEach(function (tr) {
            var okText = !q || tr.textContent.toLowerCase().indexOf(q) >= 0;
            var okStatus = !st || tr.querySelector('td[data-status="' + st + '"]') !== null;
            tr.hidden = !(okText && okStatus);
            if (!tr.hidden) { shown++; }
          });
          tb.hidden = shown === 0;
        });
      };
      input.addEventListener("input", apply);
      select.addEventListener("change", apply);
    }
  }

  // Advisories index filter: by product and by severity. Each select names the row
  // attribute it tests (data-products: a space-separated list; data-severity: one word).
  var af = document.querySelector("[data-advisory-filter]");
  if (af) {
    var rowsOf = document.getElementById(af.getAttribute("data-filter-for"));
    var selects = af.querySelectorAll("select[data-filter]");
    var count = af.querySelector("[data-count]");
    if (rowsOf && count) {
      var rows = rowsOf.querySelectorAll("tbody tr");
      af.hidden = false;
      var filter = function () {
        var shown = 0;
        rows.forEach(function (tr) {
          var ok = true;
          selects.forEach(function (sel) {
            var words = " " + (tr.getAttribute("data-" + sel.getAttribute("data-filter")) || "") + " ";
            if (sel.value && words.indexOf(" " + sel.value + " ") < 0) { ok = false; }
          });
          tr.hidden = !ok;
          if (ok) { shown++; }
        });
        count.textContent = count.getAttribute("data-count")
          .replace("{shown}", String(shown)).replace("{total}", String(rows.length));
      };
      selects.forEach(function (sel) { sel.addEventListener("change", filter); });
    }
  }
})();
