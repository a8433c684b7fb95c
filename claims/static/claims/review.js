// The review page's keyboard shortcuts (templates/admin/claims/source/review.html lists them).
// Every shortcut presses one of the page's own buttons or links: the page works without this.
(function () {
  "use strict";
  const review = document.getElementById("review");
  if (!review) return;
  const focus = review.dataset.focus;
  const item = focus ? document.getElementById("claim-" + focus) : null;
  if (item) item.scrollIntoView({ block: "center" });
  const mark = focus ? document.querySelector('.review-mark[data-claim="' + focus + '"]') : null;
  if (mark) mark.scrollIntoView({ block: "center" });
  // A merge waiting to be confirmed: its question in view, its button focused (Enter or y confirms).
  const confirmMerge = document.getElementById("confirm-merge");
  if (confirmMerge) { confirmMerge.scrollIntoView({ block: "center" }); confirmMerge.focus(); }

  // "Add a statement": the words selected in the article become its offsets (characters of the
  // article's text, as the server counts them: the text is shown exactly, marks only wrap it).
  const article = document.getElementById("review-text");
  const addStart = document.getElementById("add-start");
  const addEnd = document.getElementById("add-end");
  const addSelected = document.getElementById("add-selected");
  function offsetOf(node, offset) {
    const range = document.createRange();
    range.setStart(article, 0);
    range.setEnd(node, offset);
    return range.toString().length;
  }
  if (article && addStart && addEnd) {
    document.addEventListener("selectionchange", function () {
      const selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
      const range = selection.getRangeAt(0);
      if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) return;
      const start = offsetOf(range.startContainer, range.startOffset);
      const end = offsetOf(range.endContainer, range.endOffset);
      if (end <= start) return;
      addStart.value = start;
      addEnd.value = end;
      addSelected.textContent = "Selected: “" + range.toString() + "”";
    });
  }

  function go(claimId) {
    if (claimId) window.location.href = review.dataset.here + "?focus=" + claimId + "#claim-" + claimId;
  }
  function press(key) {
    const button = item && item.querySelector('[data-key="' + key + '"]');
    if (!button) return false;
    if (button.tagName === "BUTTON") button.click();
    else { button.focus(); if (button.select && key === "e") button.select(); }
    return true;
  }
  function editing(target) {
    return target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT");
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.metaKey) return;
    if (editing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      else if (event.key === "Enter" && event.target.tagName === "TEXTAREA" && event.ctrlKey) event.target.form.requestSubmit(event.target.form.querySelector('button[name="decision"]'));
      return;
    }
    if (event.ctrlKey) return;
    const key = event.key;
    let handled = true;
    if (key === "j" || key === "ArrowDown") go(review.dataset.next);
    else if (key === "k" || key === "ArrowUp") go(review.dataset.previous);
    else if (key === "a" || key === "r" || key === "e" || key === "s" || key === "m") handled = press(key);
    else if (key === "y" && confirmMerge) confirmMerge.click();
    else handled = false;
    if (handled) event.preventDefault();
  });

  // Speaker names suggested as they are typed, from the admin's own autocomplete (speakers by name).
  const names = document.getElementById("speaker-names");
  let timer = null;
  document.querySelectorAll('input[list="speaker-names"]').forEach(function (input) {
    input.addEventListener("input", function () {
      clearTimeout(timer);
      const term = input.value.trim();
      if (term.length < 2) return;
      timer = setTimeout(function () {
        const url = review.dataset.autocomplete + "?app_label=claims&model_name=claim&field_name=speaker&term=" + encodeURIComponent(term);
        fetch(url, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            names.replaceChildren(...data.results.map(function (r) { const o = document.createElement("option"); o.value = r.text; return o; }));
          })
          .catch(function () {});
      }, 150);
    });
  });
})();
