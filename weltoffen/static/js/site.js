// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.remove("no-js");

  document.querySelectorAll(".js-only").forEach(function (element) { element.hidden = false; });

  // Folded sections print open, and close again afterwards.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    openedForPrint.forEach(function (details) { details.open = true; });
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
  });

  // The main menu is always open on wide screens, also where CSS cannot open a <details>.
  var wide = window.matchMedia("(min-width: 48rem)");
  var menus = document.querySelectorAll("[data-main-menu]");
  var followWidth = function () { menus.forEach(function (menu) { if (wide.matches) { menu.open = true; } }); };
  followWidth();
  wide.addEventListener("change", followWidth);

  // Copy buttons: copy the text of the input they name and announce it.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var input = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.copyStatus);
    button.hidden = false;
    button.addEventListener("click", function () {
      input.select();
      var done = function () { if (status) { status.textContent = button.dataset.copiedText; } };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(input.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });

  // Print buttons: hidden without JavaScript, where the browser's own print works.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Combobox (ARIA 1.2, list autocomplete): suggestions come from the server via htmx
  // into the listbox; this script adds roles, keyboard navigation and selection.
  function initCombobox(box) {
    var input = box.querySelector("input[type=text]");
    var listbox = box.querySelector("[role=listbox]");
    var status = box.querySelector("[role=status]");
    var hiddenValue = box.dataset.valueInput ? document.getElementById(box.dataset.valueInput) : null;
    var mode = box.dataset.combobox;
    var active = -1;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    function options() { return Array.prototype.slice.call(listbox.querySelectorAll(".combobox__option")); }
    function open(show) {
      listbox.hidden = !show;
      input.setAttribute("aria-expanded", show ? "true" : "false");
      if (!show) { setActive(-1); }
    }
    function setActive(index) {
      var all = options();
      active = index;
      all.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    function choose(option) {
      if (mode === "navigate") {
        window.location.href = option.dataset.url;
        return;
      }
      input.value = option.dataset.label;
      if (hiddenValue) { hiddenValue.value = option.dataset.value; }
      status.textContent = option.dataset.label + " " + (box.dataset.chosenText || "");
      open(false);
    }

    input.addEventListener("input", function () {
      if (hiddenValue) { hiddenValue.value = ""; }
      if (!input.value.trim()) { open(false); listbox.innerHTML = ""; }
    });
    listbox.addEventListener("htmx:afterSwap", function () {
      var count = options().length;
      open(input.value.trim() !== "" && listbox.children.length > 0);
      status.textContent = count === 0
        ? (box.dataset.noneText || "")
        : (count + " " + (count === 1 ? (box.dataset.oneText || "") : (box.dataset.manyText || "")));
    });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (listbox.hidden && all.length) { open(true); }
        setActive(Math.min(active + 1, all.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        setActive(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && active >= 0 && all[active] && !listbox.hidden) {
        event.preventDefault();
        choose(all[active]);
      } else if (event.key === "Escape") {
        if (!listbox.hidden) { event.preventDefault(); open(false); }
      }
    });
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest(".combobox__option");
      if (option) { choose(option); }
    });
    input.addEventListener("blur", function () { open(false); });
  }
  document.querySelectorAll("[data-combobox]").forEach(initCombobox);
})();
