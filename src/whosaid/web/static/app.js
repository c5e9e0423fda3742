// whosaid: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Link each quote's marks in the article with its entry in the attribution list.
  function setActive(container, index, on) {
    container.querySelectorAll('[data-q="' + index + '"]').forEach(function (el) {
      el.classList.toggle("active", on);
    });
  }

  function showPopover(mark, entry) {
    closePopover();
    var pop = document.createElement("div");
    pop.className = "popover";
    pop.setAttribute("role", "dialog");
    pop.setAttribute("aria-label", "Attribution");
    pop.innerHTML = entry.innerHTML; // our own server-rendered, escaped markup
    pop.removeAttribute("id");
    document.body.appendChild(pop);
    var rect = mark.getBoundingClientRect();
    var left = Math.min(window.scrollX + rect.left, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8);
    pop.style.left = Math.max(8, left) + "px";
    pop.style.top = window.scrollY + rect.bottom + 6 + "px";
  }

  function closePopover() {
    document.querySelectorAll(".popover").forEach(function (el) { el.remove(); });
  }

  document.querySelectorAll(".marked-article").forEach(function (container) {
    // Not the legend: its sample marks are not quotes (axe: aria-hidden-focus, #17).
    var marks = container.querySelectorAll(".article-text mark.q-content, .article-text b[data-q]");
    marks.forEach(function (mark) {
      var index = mark.getAttribute("data-q");
      var entry = container.querySelector('.attributions li[data-q="' + index + '"]');
      if (mark.tagName === "MARK") {
        mark.setAttribute("tabindex", "0");
        mark.setAttribute("role", "button");
      }
      mark.addEventListener("mouseenter", function () { setActive(container, index, true); });
      mark.addEventListener("mouseleave", function () { setActive(container, index, false); });
      function open(event) {
        event.stopPropagation();
        if (entry) { showPopover(mark, entry); }
      }
      mark.addEventListener("click", open);
      mark.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(event); }
      });
    });
    container.querySelectorAll(".attributions li[data-q]").forEach(function (entry) {
      var index = entry.getAttribute("data-q");
      entry.addEventListener("mouseenter", function () { setActive(container, index, true); });
      entry.addEventListener("mouseleave", function () { setActive(container, index, false); });
    });
  });
  document.addEventListener("click", closePopover);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { closePopover(); } });

  // Leave empty filters out of search URLs, so they stay short and shareable.
  document.querySelectorAll("form.search").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (field) {
        if (field.name && field.value === "") { field.disabled = true; }
      });
    });
  });

  // Character counter for the "Try it" text box.
  var textarea = document.querySelector("textarea[data-max]");
  if (textarea) {
    var counter = document.querySelector(".counter");
    var max = parseInt(textarea.getAttribute("data-max"), 10);
    var update = function () {
      counter.hidden = false;
      var over = textarea.value.length > max;
      counter.textContent = textarea.value.length.toLocaleString() + " of " + max.toLocaleString() + " characters" + (over ? ": too long, shorten the text" : "");
      counter.classList.toggle("error", over);
    };
    textarea.addEventListener("input", update);
    update();
  }
})();
