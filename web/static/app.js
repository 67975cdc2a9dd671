// Vigía's web interface: progressive enhancement only. Every page works
// without this file; it adds conveniences on top of plain forms.
// Parts are registered per feature with vigia.on(selector, fn): fn runs once
// for each element that matches when the page has loaded.
"use strict";
(function () {
  var parts = [];
  window.vigia = {
    on: function (selector, fn) { parts.push([selector, fn]); }
  };

  // Forms with data-confirmar ask before they post (delete, and the like).
  vigia.on("form[data-confirmar]", function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.confirm(form.getAttribute("data-confirmar"))) {
        ev.preventDefault();
      }
    });
  });

  // A form's submit buttons are disabled once it posts, so a double click
  // sends it once.
  vigia.on("form", function (form) {
    form.addEventListener("submit", function (ev) {
      if (ev.defaultPrevented) { return; }
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });

  // Back to a page kept in the browser's cache: its buttons work again.
  window.addEventListener("pageshow", function (ev) {
    if (ev.persisted) {
      document.querySelectorAll("button[type=submit]:disabled").forEach(function (b) { b.disabled = false; });
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    parts.forEach(function (p) {
      document.querySelectorAll(p[0]).forEach(function (el) { p[1](el); });
    });
  });
})();
