/* smmlab book: give the handles of ipywidgets sliders an accessible name.
 *
 * ipywidgets 8 draws a slider with noUiSlider, whose handle (role="slider") has no name, so a
 * screen reader announces only "slider". Name each handle after its widget's visible label.
 * Widgets render after the page loads, so watch the document for new handles. */
(function () {
  function label(root) {
    root.querySelectorAll(".widget-slider .noUi-handle:not([aria-label])").forEach(function (handle) {
      var widget = handle.closest(".widget-slider");
      var text = widget && widget.querySelector(".widget-label");
      var name = text && text.textContent.trim();
      if (name) handle.setAttribute("aria-label", name);
    });
  }
  function start() {
    label(document);
    new MutationObserver(function () { label(document); }).observe(document.body, {
      childList: true,
      subtree: true,
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
