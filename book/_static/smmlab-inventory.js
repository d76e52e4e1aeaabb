/* smmlab book: the misconception inventory's self-scoring page (inventory.html).
 *
 * The page holds both forms as plain HTML (written at build time by _ext/smmlab_inventory.py);
 * window.smmlabInventory (_static/inventory-data.js) holds the keys, the belief each option
 * expresses and the lessons. This script turns the two forms into tabs, keeps the learner's
 * answers in localStorage (nothing leaves the browser), scores a form once it is finished and,
 * when both are, shows the before-and-after table with the normalised gain. */
(function () {
  "use strict";
  var KEY = "smmlab-inventory-v1";
  var FORMS = ["A", "B"];
  var LETTERS = "ABCD";
  var data = window.smmlabInventory;
  var root = document.getElementById("smmlab-inventory");
  if (!root || !data) return;

  var beliefs = {};
  data.misconceptions.forEach(function (m) { beliefs[m.id] = m; });

  // ---- storage ------------------------------------------------------------------------------
  var store = null;
  try {
    store = window.localStorage;
    store.setItem(KEY + "-probe", "1");
    store.removeItem(KEY + "-probe");
  } catch (error) {
    store = null;
  }
  function fresh() {
    var state = { tab: "A" };
    FORMS.forEach(function (form) { state[form] = { answers: {}, confidence: {}, finished: false }; });
    return state;
  }
  function load() {
    var state = fresh();
    if (!store) return state;
    try {
      var saved = JSON.parse(store.getItem(KEY) || "null");
      if (saved && typeof saved === "object") {
        FORMS.forEach(function (form) {
          var part = saved[form] || {};
          state[form].answers = part.answers && typeof part.answers === "object" ? part.answers : {};
          state[form].confidence = part.confidence && typeof part.confidence === "object" ? part.confidence : {};
          state[form].finished = part.finished === true;
        });
        if (FORMS.indexOf(saved.tab) >= 0) state.tab = saved.tab;
      }
    } catch (error) { /* unreadable: start afresh */ }
    return state;
  }
  function save() {
    if (!store) return;
    try { store.setItem(KEY, JSON.stringify(state)); } catch (error) { /* full or refused */ }
  }
  var state = load();

  // ---- helpers --------------------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function items(form) { return data.forms[form]; }
  function section(form) { return document.getElementById("inv-form-" + form); }
  function itemNode(item) { return document.getElementById("inv-" + item.id); }
  function answered(form) {
    return items(form).filter(function (item) { return state[form].answers[item.id] !== undefined; }).length;
  }
  function correct(form, item) { return Number(state[form].answers[item.id]) === item.answer; }
  function score(form) { return items(form).filter(function (item) { return correct(form, item); }).length; }
  function lessonLink(m) {
    var text = "Lesson " + m.lessonLabel + (m.lessonTitle ? ": " + m.lessonTitle : "");
    return m.href ? el("a", { href: m.href, text: text }) : el("span", { text: text + " (in preparation)" });
  }

  root.querySelector(".inv-noscript").hidden = true;
  if (!store) {
    var warning = root.querySelector(".inv-storage-warning");
    warning.textContent = "This browser does not let the page keep your answers (local storage is " +
      "off), so they will be lost when you leave or reload the page.";
    warning.hidden = false;
  }

  // ---- tabs -------------------------------------------------------------------------------------
  var tablist = el("div", { class: "inv-tabs", role: "tablist", "aria-label": "Inventory forms" });
  var tabs = {};
  FORMS.forEach(function (form) {
    var panel = section(form);
    var title = panel.querySelector(".inv-form-title");
    var tab = el("button", {
      type: "button", role: "tab", id: "inv-tab-" + form, "aria-controls": panel.id, class: "inv-tab",
    }, [el("span", { class: "inv-tab-name", text: title.textContent }), el("span", { class: "inv-tab-status" })]);
    tab.addEventListener("click", function () { select(form, false); });
    tab.addEventListener("keydown", function (event) {
      var index = FORMS.indexOf(form), next = null;
      if (event.key === "ArrowRight") next = FORMS[(index + 1) % FORMS.length];
      else if (event.key === "ArrowLeft") next = FORMS[(index + FORMS.length - 1) % FORMS.length];
      else if (event.key === "Home") next = FORMS[0];
      else if (event.key === "End") next = FORMS[FORMS.length - 1];
      if (next) { event.preventDefault(); select(next, true); }
    });
    tabs[form] = tab;
    tablist.appendChild(tab);
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", tab.id);
    panel.setAttribute("tabindex", "-1");
    title.classList.add("inv-visually-hidden");
  });
  root.insertBefore(tablist, section(FORMS[0]));

  function select(form, focus) {
    state.tab = form;
    FORMS.forEach(function (other) {
      var on = other === form;
      tabs[other].setAttribute("aria-selected", on ? "true" : "false");
      tabs[other].tabIndex = on ? 0 : -1;
      section(other).hidden = !on;
    });
    if (focus) tabs[form].focus();
    save();
  }

  // ---- answering --------------------------------------------------------------------------------
  FORMS.forEach(function (form) {
    items(form).forEach(function (item) {
      var node = itemNode(item);
      node.querySelectorAll('input[name="inv-' + item.id + '"]').forEach(function (input) {
        input.addEventListener("change", function () {
          if (state[form].finished) return;
          state[form].answers[item.id] = Number(input.value);
          save();
          progress(form);
        });
      });
      node.querySelectorAll('input[name="inv-' + item.id + '-confidence"]').forEach(function (input) {
        input.addEventListener("change", function () {
          if (state[form].finished) return;
          state[form].confidence[item.id] = Number(input.value);
          save();
        });
      });
    });
    section(form).querySelector(".inv-finish-button").addEventListener("click", function () { finish(form); });
  });

  function restore(form) {
    items(form).forEach(function (item) {
      var node = itemNode(item);
      var choice = state[form].answers[item.id], sure = state[form].confidence[item.id];
      node.querySelectorAll('input[name="inv-' + item.id + '"]').forEach(function (input) {
        input.checked = choice !== undefined && Number(input.value) === Number(choice);
        input.disabled = state[form].finished;
      });
      node.querySelectorAll('input[name="inv-' + item.id + '-confidence"]').forEach(function (input) {
        input.checked = sure !== undefined && Number(input.value) === Number(sure);
        input.disabled = state[form].finished;
      });
    });
  }

  function progress(form) {
    var total = items(form).length, done = answered(form);
    var button = section(form).querySelector(".inv-finish-button");
    var text = section(form).querySelector(".inv-progress");
    var status = tabs[form].querySelector(".inv-tab-status");
    if (state[form].finished) {
      button.disabled = true;
      button.textContent = "Form finished";
      text.textContent = "";
      status.textContent = " · finished: " + score(form) + " of " + total + " right";
    } else {
      button.disabled = done < total;
      button.textContent = "Finish form";
      text.textContent = done < total
        ? done + " of " + total + " answered. Answer every question to finish the form."
        : "All " + total + " answered. Finish the form to see the answers.";
      status.textContent = " · " + done + " of " + total + " answered";
    }
  }

  // ---- scoring ----------------------------------------------------------------------------------
  function finish(form) {
    if (answered(form) < items(form).length) return;
    state[form].finished = true;
    save();
    render(form);
    section(form).querySelector(".inv-form-summary").focus();
  }

  function feedback(form, item) {
    var choice = Number(state[form].answers[item.id]);
    var right = choice === item.answer;
    var parts = [];
    var sure = state[form].confidence[item.id];
    var sureText = sure !== undefined ? " You said you were " + data.confidence[sure] + "." : "";
    if (right) {
      parts.push(el("p", {}, [el("strong", { class: "inv-verdict inv-right", text: "✓ Right." }),
        " You chose " + LETTERS[choice] + "." + sureText]));
    } else {
      parts.push(el("p", {}, [el("strong", { class: "inv-verdict inv-wrong", text: "✗ Not this one." }),
        " You chose " + LETTERS[choice] + "; the answer is " + LETTERS[item.answer] + "." + sureText]));
      var m = beliefs[item.misconceptions[choice]];
      if (m) {
        var lesson = "lesson " + m.lessonLabel + (m.lessonTitle ? ", " : "");
        parts.push(el("p", { class: "inv-belief" }, [
          "Option " + LETTERS[choice] + " expresses the belief that " + m.belief + ". ",
          m.href ? "Read " + lesson : "It is the subject of " + lesson,
          m.href ? el("a", { href: m.href, text: m.lessonTitle || "the lesson" })
            : el("span", { text: (m.lessonTitle || "") + " (in preparation)" }),
          "."]));
      }
    }
    if (item.why) parts.push(el("p", { class: "inv-why" }, [el("strong", { text: "Why: " }), item.why]));
    return parts;
  }

  function render(form) {
    restore(form);
    progress(form);
    var finished = state[form].finished;
    var summary = section(form).querySelector(".inv-form-summary");
    summary.textContent = finished
      ? "You finished this form: " + score(form) + " of " + items(form).length + " right. " +
        "Each question now shows the answer and why." +
        (form === "A" && !state.B.finished ? " Come back for form B when you have finished the lessons." : "")
      : "";
    summary.hidden = !finished;
    items(form).forEach(function (item) {
      var node = itemNode(item);
      var box = node.querySelector(".inv-feedback");
      var choice = Number(state[form].answers[item.id]);
      box.textContent = "";
      node.classList.remove("inv-is-right", "inv-is-wrong");
      node.querySelectorAll(".inv-option").forEach(function (option) {
        var index = Number(option.getAttribute("data-index"));
        var mark = option.querySelector(".inv-mark");
        option.classList.remove("inv-chosen", "inv-key");
        mark.textContent = "";
        if (!finished) return;
        if (index === item.answer) {
          option.classList.add("inv-key");
          mark.textContent = index === choice ? "✓ your choice, the answer" : "✓ the answer";
        } else if (index === choice) {
          option.classList.add("inv-chosen");
          mark.textContent = "✗ your choice";
        }
      });
      box.hidden = !finished;
      if (finished) {
        node.classList.add(correct(form, item) ? "inv-is-right" : "inv-is-wrong");
        feedback(form, item).forEach(function (part) { box.appendChild(part); });
      }
    });
    results();
  }

  function verdict(right) {
    return el("span", { class: right ? "inv-right" : "inv-wrong", text: right ? "✓ right" : "✗ wrong" });
  }

  function results() {
    var body = root.querySelector(".inv-results-body");
    body.textContent = "";
    if (!state.A.finished || !state.B.finished) {
      var left = FORMS.filter(function (form) { return !state[form].finished; });
      body.appendChild(el("p", {
        text: "Finish both forms to see your before and after (still to finish: form " + left.join(" and form ") + ").",
      }));
      return;
    }
    var max = items("A").length, pre = score("A"), post = score("B");
    var byBelief = function (form, id) {
      return items(form).filter(function (item) { return item.measures === id; })[0];
    };
    var rows = data.misconceptions.map(function (m) {
      var before = byBelief("A", m.id), after = byBelief("B", m.id);
      return el("tr", { "data-misconception": m.id }, [
        el("th", { scope: "row" }, [el("q", { text: m.belief }), " ", el("span", { class: "inv-id", text: "(" + m.id + ")" })]),
        el("td", {}, [lessonLink(m)]),
        el("td", { class: "inv-before" }, before ? [verdict(correct("A", before))] : ["—"]),
        el("td", { class: "inv-after" }, after ? [verdict(correct("B", after))] : ["—"]),
      ]);
    });
    var head = el("tr", {}, ["Belief the course teaches against", "Lesson", "Before (form A)", "After (form B)"]
      .map(function (text) { return el("th", { scope: "col", text: text }); }));
    var wrapper = el("div", { class: "inv-table-wrapper", tabindex: "0", role: "region", "aria-label": "Before and after, by belief" });
    wrapper.appendChild(el("table", { class: "inv-table" }, [
      el("caption", { text: "Each row is one belief. ✓ right: on that question you avoided the belief; ✗ wrong: you did not." }),
      el("thead", {}, [head]), el("tbody", {}, rows)]));
    var gain = pre < max ? (post - pre) / (max - pre) : null;
    var scores = el("dl", { class: "inv-scores" }, [
      el("dt", { text: "Score before (form A)" }),
      el("dd", { id: "inv-score-before", "data-value": String(pre), text: pre + " of " + max + " right" }),
      el("dt", { text: "Score after (form B)" }),
      el("dd", { id: "inv-score-after", "data-value": String(post), text: post + " of " + max + " right" }),
      el("dt", { text: "Normalised gain" }),
      el("dd", gain === null
        ? { id: "inv-gain", "data-value": "", text: "not defined: you had every question right before the course" }
        : { id: "inv-gain", "data-value": String(gain),
            text: "g = (" + post + " − " + pre + ") ÷ (" + max + " − " + pre + ") = " + gain.toFixed(2) }),
    ]);
    body.appendChild(scores);
    body.appendChild(el("p", { class: "inv-gain-note", text:
      "The normalised gain is (after − before) ÷ (maximum − before): the share of your room " +
      "for improvement that the course closed. 1 means every " +
      "question you missed before, you got right after; 0 means no change; below 0, fewer right after." }));
    body.appendChild(wrapper);
  }

  // ---- start again ------------------------------------------------------------------------------
  var restart = root.querySelector(".inv-restart-button");
  var confirmBox = root.querySelector(".inv-restart-confirm");
  restart.addEventListener("click", function () {
    confirmBox.hidden = false;
    restart.setAttribute("aria-expanded", "true");
    confirmBox.querySelector(".inv-restart-no").focus();
  });
  restart.setAttribute("aria-expanded", "false");
  restart.setAttribute("aria-controls", "inv-restart-confirm");
  confirmBox.id = "inv-restart-confirm";
  confirmBox.querySelector(".inv-restart-no").addEventListener("click", function () {
    confirmBox.hidden = true;
    restart.setAttribute("aria-expanded", "false");
    restart.focus();
  });
  confirmBox.querySelector(".inv-restart-yes").addEventListener("click", function () {
    if (store) { try { store.removeItem(KEY); } catch (error) { /* nothing kept */ } }
    state = fresh();
    FORMS.forEach(render);
    confirmBox.hidden = true;
    restart.setAttribute("aria-expanded", "false");
    select("A", true);
    save();
  });

  FORMS.forEach(render);
  select(state.tab, false);
})();
