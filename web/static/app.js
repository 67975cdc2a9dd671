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

// == triggers (W2) ==
// The trigger form shows only the fields of the chosen frequency, and its
// next runs follow what the user types: the server words them (the form's
// data-proximas URL, asked with the schedule's fields) and this swaps them in.
(function () {
  var scheduleFields = ["frecuencia", "hora", "dias_semana", "dia_mes", "intervalo_horas"];

  vigia.on("form[data-proximas]", function (form) {
    var freq = form.querySelector("select[name=frecuencia]");
    var target = form.querySelector("#proximas");
    var timer = 0;
    var asked = 0;
    form.querySelectorAll(".trigger-sin-js, .trigger-ver-proximas").forEach(function (el) { el.hidden = true; });

    function showFields() {
      form.querySelectorAll("[data-frecuencias]").forEach(function (el) {
        el.hidden = el.getAttribute("data-frecuencias").split(" ").indexOf(freq.value) < 0;
      });
    }

    function refresh() {
      var q = new URLSearchParams();
      new FormData(form).forEach(function (v, k) {
        if (scheduleFields.indexOf(k) >= 0) { q.append(k, v); }
      });
      var n = ++asked;
      fetch(form.getAttribute("data-proximas") + "?" + q.toString(), { credentials: "same-origin" })
        .then(function (res) {
          // a redirect is the login page: the session ended, the page says so on submit
          return res.ok && !res.redirected ? res.text() : Promise.reject(res.status);
        })
        .then(function (html) {
          if (n === asked) { target.innerHTML = html; }
        })
        .catch(function () {});
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 250);
    }

    if (freq) { freq.addEventListener("change", showFields); showFields(); }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  });

  // «Ejecutar ahora» says «En curso…» as soon as it posts.
  vigia.on("form[data-ejecutar]", function (form) {
    form.addEventListener("submit", function () {
      var b = form.querySelector("button[type=submit]");
      if (b) { b.textContent = form.getAttribute("data-ejecutar"); }
    });
  });

  // While a run is in progress the page reloads itself every few seconds
  // to show how it ended; not while the user is on a control.
  vigia.on("[data-recargar]", function (el) {
    var wait = (parseInt(el.getAttribute("data-recargar"), 10) || 5) * 1000;
    function tick() {
      var a = document.activeElement;
      if (a && a !== document.body && a.id !== "contenido") {
        window.setTimeout(tick, wait);
        return;
      }
      window.location.reload();
    }
    window.setTimeout(tick, wait);
  });
})();

// == empresas (W3) ==
// The company form's next due dates follow the boxes ticked and the NIT
// typed: the server words them (the data-vencimientos URL, a fragment) and
// this swaps them in; the «Ver próximos vencimientos» button is then not needed.
(function () {
  vigia.on("[data-vencimientos]", function (target) {
    var form = target.closest("form");
    if (!form) { return; }
    var timer = 0;
    var asked = 0;
    form.querySelectorAll("button.ver-vencimientos").forEach(function (b) { b.hidden = true; });

    function refresh() {
      var q = new URLSearchParams();
      q.set("nit", form.elements.nit ? form.elements.nit.value : "");
      form.querySelectorAll("input[name=responsabilidades]:checked").forEach(function (c) { q.append("responsabilidades", c.value); });
      var n = ++asked;
      fetch(target.getAttribute("data-vencimientos") + "?" + q.toString(), { credentials: "same-origin" })
        .then(function (res) { return res.ok && !res.redirected ? res.text() : Promise.reject(res.status); })
        .then(function (html) { if (n === asked) { target.innerHTML = html; } })
        .catch(function () {});
    }

    function later(ev) {
      var name = ev.target && ev.target.name;
      if (name !== "nit" && name !== "responsabilidades") { return; }
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 250);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
  });
})();
