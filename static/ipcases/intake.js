/* Intake helpers (no framework, no CDN; the Content-Security-Policy allows no inline script):
   - the cause-of-action list follows the IP type chosen;
   - a six-digit region code is chosen from cascading province → city → county lists,
     built from the vendored GB/T 2260 table (static/ipcases/regions.json). */
(function () {
  "use strict";

  // --- causes of action by IP type ----------------------------------------------------
  function narrowCauses(typeSelect) {
    var causes = JSON.parse(typeSelect.dataset.causes || "{}");
    var form = typeSelect.form;
    var title = form && form.querySelector("[data-cause-for]");
    if (!title) { return; }
    var allowed = causes[typeSelect.value] || [];
    var current = title.value;
    var all = JSON.parse(title.dataset.allCauses || "null");
    if (!all) {
      all = Array.prototype.map.call(title.options, function (o) { return o.value; });
      title.dataset.allCauses = JSON.stringify(all);
    }
    var list = allowed.length ? allowed : all;
    title.innerHTML = "";
    list.forEach(function (c) {
      var opt = document.createElement("option");
      opt.value = c; opt.textContent = c;
      if (c === current) { opt.selected = true; }
      title.appendChild(opt);
    });
  }

  // --- cascading regions ----------------------------------------------------------------
  var regions = null;
  var waiting = [];
  function loadRegions(url, done) {
    if (regions) { done(regions); return; }
    waiting.push(done);
    if (waiting.length > 1) { return; }
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); })
      .then(function (data) {
        regions = data.regions;
        waiting.splice(0).forEach(function (fn) { fn(regions); });
      }).catch(function () { waiting = []; });
  }

  function fill(select, items, placeholder, chosen) {
    select.innerHTML = "";
    var empty = document.createElement("option");
    empty.value = ""; empty.textContent = placeholder;
    select.appendChild(empty);
    (items || []).forEach(function (item) {
      var opt = document.createElement("option");
      opt.value = item[0]; opt.textContent = item[1];
      if (item[0] === chosen) { opt.selected = true; }
      select.appendChild(opt);
    });
    select.disabled = !(items && items.length);
  }

  function find(items, code) {
    return (items || []).filter(function (i) { return i[0] === code; })[0] || null;
  }

  function picker(input) {
    if (input.dataset.pickerReady) { return; }
    input.dataset.pickerReady = "1";
    loadRegions(input.dataset.regionPicker, function (tree) {
      var labels = (input.dataset.regionLabels || "省|市|区县").split("|");
      var box = document.createElement("div");
      box.className = "region-picker d-flex gap-1";
      var selects = labels.map(function (label, i) {
        var s = document.createElement("select");
        s.className = "form-select form-select-sm";
        s.setAttribute("aria-label", label);
        s.dataset.level = String(i);
        s.id = input.id + "_level" + i;
        box.appendChild(s);
        return s;
      });
      input.type = "hidden";
      input.parentNode.insertBefore(box, input);
      var code = input.value || "";
      var province = find(tree, code.slice(0, 2) + "0000");
      var city = province && find(province[2], code.slice(0, 4) + "00");
      var county = city && find(city[2], code);
      fill(selects[0], tree, labels[0], province ? province[0] : "");
      fill(selects[1], province ? province[2] : [], labels[1], city ? city[0] : "");
      fill(selects[2], city ? city[2] : [], labels[2], county ? county[0] : "");
      function update() {
        var p = find(tree, selects[0].value);
        var c = p && find(p[2], selects[1].value);
        input.value = selects[2].value || selects[1].value || selects[0].value || "";
        input.dispatchEvent(new Event("change", { bubbles: true }));
        return [p, c];
      }
      selects[0].addEventListener("change", function () {
        var p = find(tree, selects[0].value);
        fill(selects[1], p ? p[2] : [], labels[1], "");
        fill(selects[2], [], labels[2], "");
        update();
      });
      selects[1].addEventListener("change", function () {
        var p = find(tree, selects[0].value);
        var c = p && find(p[2], selects[1].value);
        fill(selects[2], c ? c[2] : [], labels[2], "");
        update();
      });
      selects[2].addEventListener("change", update);
    });
  }

  function init(root) {
    root.querySelectorAll("[data-causes]").forEach(narrowCauses);
    root.querySelectorAll("input[data-region-picker]").forEach(picker);
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-causes]")) {
      narrowCauses(event.target);
    }
  });
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (event) { init(event.detail.target); });
})();
