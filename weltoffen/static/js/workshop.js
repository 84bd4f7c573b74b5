// The workshop's presentation view: the arrow keys go to the previous and next screen.
// Progressive enhancement only: without this file the links of the pager do the same.
(function () {
  "use strict";

  var KEYS = { ArrowLeft: "prev", ArrowRight: "next" };

  function typingIn(element) {
    // Arrow keys move the caret or the choice in form controls; leave them alone there.
    return element && element.closest && element.closest("input, textarea, select, [contenteditable], [role=listbox]");
  }

  document.addEventListener("keydown", function (event) {
    var rel = KEYS[event.key];
    if (!rel || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    if (typingIn(event.target)) { return; }
    var link = document.querySelector('.workshop-pager a[rel="' + rel + '"]');
    if (!link) { return; }
    event.preventDefault();
    window.location.assign(link.href);
  });

  // A refused record (4xx) carries its reason as a save status: show it instead of
  // dropping it, as htmx does with error responses by default.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status >= 400 && status < 500 && event.detail.elt.closest("[data-workshop]")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // A removed priority takes its button with it: keep the focus in the list's heading
  // instead of letting it fall back to the start of the page.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target.id !== "prioritaeten-inhalt" || (document.activeElement && document.activeElement !== document.body)) { return; }
    var heading = target.querySelector("[data-focus-after-swap]");
    if (heading) { heading.focus(); }
  });
})();
