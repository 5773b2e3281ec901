/* ipcases UI glue: htmx swaps invalid forms (400) and refusals (409) instead of dropping
   them, and an action form loaded into the modal opens it. No framework, no CDN. */
(function () {
  "use strict";
  if (window.htmx) {
    htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "400", swap: true, error: false },
      { code: "409", swap: true, error: false },
      { code: "[45]..", swap: false, error: true },
    ];
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "action-modal-content") {
      var modalEl = document.getElementById("action-modal");
      var modal = bootstrap.Modal.getOrCreateInstance(modalEl);
      if (!modalEl.classList.contains("show")) { modal.show(); }
      var first = target.querySelector(".is-invalid, input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var box = document.getElementById("messages");
    if (!box) { return; }
    var div = document.createElement("div");
    div.className = "alert alert-danger";
    div.setAttribute("role", "alert");
    div.textContent = (document.body.dataset.errorText || "Request failed") +
      " (" + event.detail.xhr.status + ")";
    box.appendChild(div);
  });
  // A form is sent once. Its submit buttons are disabled while its request is in flight
  // (a double click sent an action twice, and the second was refused as a concurrent
  // change) and enabled again when the answer comes, so that a refused or invalid form
  // can be corrected and sent again without retyping anything.
  var SUBMITS = "button[type=submit], button:not([type]), input[type=submit]";
  function submitButtons(elt) {
    if (elt.tagName === "FORM") {
      var own = Array.prototype.slice.call(elt.querySelectorAll(SUBMITS));
      var outside = elt.id ? document.querySelectorAll("[form='" + elt.id + "']") : [];
      return own.concat(Array.prototype.filter.call(outside, function (b) { return b.matches(SUBMITS); }));
    }
    return elt.matches("button, input[type=submit]") ? [elt] : [];
  }
  function hold(elt) {
    var held = submitButtons(elt).filter(function (b) { return !b.disabled; });
    held.forEach(function (b) { b.disabled = true; b.setAttribute("aria-busy", "true"); });
    elt.ipcasesHeld = held;
  }
  function release(elt) {
    (elt.ipcasesHeld || []).forEach(function (b) { b.disabled = false; b.removeAttribute("aria-busy"); });
    elt.ipcasesHeld = null;
    delete elt.dataset.inFlight;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var detail = event.detail, config = detail.requestConfig || {};
    var trigger = config.triggeringEvent;
    // Posts the user sends (a submit, a button's click); not polling nor live checks.
    if (config.verb === "get" || !trigger || (trigger.type !== "submit" && trigger.type !== "click")) {
      return;
    }
    var elt = detail.elt;
    if (elt.dataset.inFlight) { event.preventDefault(); return; }
    elt.dataset.inFlight = "1";
    hold(elt);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt.dataset.inFlight) { release(event.detail.elt); }
  });
  // Plain forms (intake, login…): disabled once submitted, after the browser has taken
  // the pressed button's name and value; enabled again if the page is shown from the
  // back-forward cache, or after a while when the answer was a download.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post") { return; }
    window.setTimeout(function () {
      hold(form);
      window.setTimeout(function () { release(form); }, 15000);
    }, 0);
  });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form").forEach(function (form) { if (form.ipcasesHeld) { release(form); } });
  });
  // Behaviour that used to be inline (onchange=, javascript: links, style=): the
  // Content-Security-Policy allows no inline script or style.
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) { field.form.submit(); }
  });
  document.addEventListener("click", function (event) {
    var back = event.target.closest("[data-history-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
  function sizeBars(root) {
    root.querySelectorAll("[data-bar-width]").forEach(function (bar) {
      bar.style.width = bar.dataset.barWidth + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { sizeBars(document); });
  document.addEventListener("htmx:afterSwap", function (event) { sizeBars(event.detail.target); });
  // Remove a chosen party or patent chip (intake form).
  document.addEventListener("click", function (event) {
    var btn = event.target.closest("[data-remove-chip]");
    if (btn) {
      var chip = btn.closest(".chip");
      var form = btn.closest("form");
      chip.remove();
      if (form) { form.dispatchEvent(new Event("change", { bubbles: true })); }
    }
  });
  // A "select all" checkbox of a table ticks every box of its name (distribution, case list).
  document.addEventListener("change", function (event) {
    var all = event.target.closest("[data-select-all]");
    if (!all) { return; }
    var scope = all.closest("form, table") || document;
    var boxes = document.querySelectorAll("input[type=checkbox][name=" + all.dataset.selectAll + "]");
    boxes.forEach(function (box) { if (scope.contains(box) || box.form === all.form) { box.checked = all.checked; } });
  });
})();
