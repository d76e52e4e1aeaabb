/* smmlab book: the lesson's explorer moves without a kernel.
 *
 * The page holds the controls (native range inputs and selects over the positions drawn at
 * build time, see smmlab.book_states); this script fetches the explorer's index.json once and,
 * on every change, shows the state's image (wide, or narrow on a phone), alt text and headline
 * numbers. Predict first: the view stays held until "Lock in my guess", which gives the
 * kernel's verdict (Close!/Not quite.) and moves the controls to the question's scenario. */
(function () {
  "use strict";
  var NARROW = "(max-width: 600px)";

  function text(tag, content, className) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = content;
    return element;
  }

  function Explorer(root) {
    this.root = root;
    this.url = new URL(root.dataset.index, document.baseURI);
    this.rows = Array.prototype.slice.call(root.querySelectorAll(".smx-controls .smx-row"));
    this.inputs = this.rows.map(function (row) { return row.querySelector("input, select"); });
    this.view = root.querySelector(".smx-view");
    this.headlines = root.querySelector(".smx-headlines");
    this.predict = root.querySelector(".smx-predict");
    this.revealed = !this.predict;
    this.index = null;
    var self = this;
    this.inputs.forEach(function (input) {
      input.addEventListener("input", function () { self.changed(input); });
    });
    this.load = fetch(this.url).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      return response.json();
    }).then(function (index) {
      self.index = index;
      return index;
    });
    this.load.catch(function (error) {
      self.view.replaceChildren(text("p", "The explorer's figures could not be loaded (" + error.message +
        "). Launch the page (rocket icon) to use it in JupyterLab.", "smx-error"));
    });
    if (this.predict) this.startPrediction();
    else this.load.then(function () { self.show(); });
  }

  Explorer.prototype.readout = function (input) {
    if (input.tagName !== "INPUT") return;
    var shown = JSON.parse(input.dataset.shown)[Number(input.value)];
    input.setAttribute("aria-valuetext", shown);
    var output = input.parentNode.querySelector("output");
    if (output) output.textContent = shown;
  };

  Explorer.prototype.changed = function (input) {
    this.readout(input);
    if (this.revealed) this.show();
  };

  Explorer.prototype.stateId = function () {
    return this.inputs.map(function (input) { return input.value; }).join("-");
  };

  Explorer.prototype.image = function (id, narrow) {
    return new URL(id + (narrow ? "-narrow" : "") + ".png", this.url).href;
  };

  Explorer.prototype.show = function () {
    var self = this;
    return this.load.then(function (index) {
      var id = self.stateId();
      var state = index.states[id];
      if (!state) return;
      var picture = self.view.querySelector("picture");
      if (!picture) {
        picture = document.createElement("picture");
        var source = document.createElement("source");
        source.media = NARROW;
        picture.appendChild(source);
        picture.appendChild(document.createElement("img"));
        self.view.replaceChildren(picture);
      }
      picture.querySelector("source").srcset = self.image(id, true);
      var img = picture.querySelector("img");
      img.src = self.image(id, false);
      img.alt = state.alt;
      img.dataset.state = id;
      self.headlines.replaceChildren.apply(self.headlines, state.headlines.map(function (headline) {
        var card = text("div", "", "smx-headline");
        card.appendChild(text("div", headline[0], "smx-headline-label"));
        card.appendChild(text("div", headline[1], "smx-headline-value"));
        card.appendChild(text("div", headline[2], "smx-headline-note"));
        return card;
      }));
      var builtIn = self.root.querySelector(".smx-built-in");
      if (builtIn) builtIn.hidden = false;
      self.prefetch(id);
    });
  };

  /* The images one step away on every control, so the next move shows at once. */
  Explorer.prototype.prefetch = function (id) {
    var narrow = window.matchMedia(NARROW).matches;
    var positions = id.split("-").map(Number);
    var self = this;
    this.inputs.forEach(function (input, i) {
      var last = input.tagName === "SELECT" ? input.options.length - 1 : Number(input.max);
      [-1, 1].forEach(function (step) {
        var next = positions[i] + step;
        if (next < 0 || next > last) return;
        var moved = positions.slice();
        moved[i] = next;
        var neighbour = moved.join("-");
        if (self.index.states[neighbour]) new Image().src = self.image(neighbour, narrow);
      });
    });
  };

  Explorer.prototype.startPrediction = function () {
    var self = this;
    var guess = this.predict.querySelector("input, select");
    var button = this.predict.querySelector(".smx-lock");
    guess.addEventListener("input", function () { self.readout(guess); });
    this.load.then(function () { button.disabled = false; });
    button.addEventListener("click", function () { self.lock(guess, button); });
  };

  Explorer.prototype.lock = function (guess, button) {
    var prediction = this.index.prediction;
    var chosen = Number(guess.value);
    guess.disabled = true;
    button.disabled = true;
    button.textContent = "Guess locked";
    var shownGuess = guess.tagName === "SELECT" ? guess.options[chosen].textContent
      : JSON.parse(guess.dataset.shown)[chosen];
    var verdict = this.predict.querySelector(".smx-verdict");
    verdict.replaceChildren(
      text("b", prediction.close[chosen] ? "Close!" : "Not quite."),
      document.createTextNode(" You guessed "), text("b", shownGuess),
      document.createTextNode("; the simulation gives "), text("b", prediction.truth),
      document.createTextNode(". " + prediction.explain +
        " The controls below now show that scenario: move them to see why."));
    var self = this;
    prediction.scenario.split("-").forEach(function (position, i) {
      self.inputs[i].value = position;
      self.readout(self.inputs[i]);
    });
    this.revealed = true;
    this.show();
  };

  function start() {
    document.querySelectorAll(".smmlab-explorer[data-index]").forEach(function (root) {
      new Explorer(root);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
