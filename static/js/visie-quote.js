// Comment on a passage: copy the selected words of the section text into the
// "passage" field of the comment form. Without JavaScript the field is typed.
(function () {
  "use strict";
  var button = document.querySelector("[data-quote-button]");
  var source = document.querySelector("[data-quote-source]");
  var field = document.getElementById("id_quote");
  var comment = document.getElementById("id_text");
  if (!button || !source || !field) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    var selection = window.getSelection();
    var text = selection ? selection.toString().replace(/\s+/g, " ").trim() : "";
    if (!text || !source.contains(selection.anchorNode)) {
      button.setAttribute("aria-describedby", "quote-hint");
      document.getElementById("quote-hint").hidden = false;
      return;
    }
    field.value = text.slice(0, 500);
    (comment || field).focus();
  });
})();
