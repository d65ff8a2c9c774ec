(function () {
  "use strict";
  var form = document.getElementById("filters");
  var main = document.getElementById("segments");
  var segs = Array.prototype.slice.call(main.querySelectorAll("article.seg"));
  function checked(name) {
    var s = new Set();
    form.querySelectorAll('input[name="' + name + '"]:checked').forEach(function (x) { s.add(x.value); });
    return s;
  }
  function apply() {
    var cat = checked("category"), sev = checked("severity"), det = checked("detector"), bands = checked("band");
    var showOk = document.getElementById("show-ok").checked;
    var shown = 0;
    segs.forEach(function (seg) {
      var on = new Set();
      var rows = seg.querySelectorAll("tr.issue");
      rows.forEach(function (r) {
        var ok = cat.has(r.dataset.cat) && sev.has(r.dataset.sev) && det.has(r.dataset.det);
        r.hidden = !ok;
        if (ok) { on.add(r.dataset.k); }
      });
      seg.querySelectorAll("mark[data-iss]").forEach(function (m) {
        var any = m.dataset.iss.split(" ").some(function (k) { return on.has(k); });
        m.classList.toggle("off", !any);
      });
      var visible = bands.has(seg.dataset.band) && (on.size > 0 || (rows.length === 0 && (showOk || seg.dataset.band !== "accept")));
      seg.hidden = !visible;
      if (visible) { shown += 1; }
    });
    document.getElementById("shown").textContent = String(shown);
  }
  function sort() {
    var key = document.getElementById("sort").value === "document" ? "order" : "rank";
    segs.slice().sort(function (a, b) { return Number(a.dataset[key]) - Number(b.dataset[key]); })
      .forEach(function (s) { main.appendChild(s); });
  }
  form.addEventListener("change", function (ev) {
    if (ev.target && ev.target.id === "sort") { sort(); } else { apply(); }
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  document.documentElement.dataset.ready = "1";
  apply();
}());
