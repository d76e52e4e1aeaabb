/* smmlab book: let the vendored widget bundle find its own files.
 *
 * embed-amd.js defines its modules under names such as "@jupyter-widgets/base" and loads its
 * icon fonts from the folder RequireJS resolves those names to. By default that is the page's
 * own folder (course/@jupyter-widgets/...), which does not exist: map the names to
 * _static/vendor/, next to this file. Loaded after require.js and before embed-amd.js. */
(function () {
  var vendor = new URL("vendor", document.currentScript.src).href;
  require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": vendor,
      "@jupyter-widgets": vendor,
    },
  });
})();
