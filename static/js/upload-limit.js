// Uploads: say that a chosen file is too large before anything is sent.
// The limit and the message come from the field (data-max-bytes,
// data-too-large), written by the server as the form's help text writes
// it. Without JavaScript the server answers with the form and an error.
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[type=file][data-max-bytes]");
  Array.prototype.forEach.call(inputs, function (input) {
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10);
    var message = document.createElement("p");
    message.className = "utrecht-form-field-error-message form-error";
    message.id = input.id + "_too_large";
    message.hidden = true;
    message.textContent = input.getAttribute("data-too-large");
    input.parentNode.insertBefore(message, input);

    function describe(on) {
      var ids = (input.getAttribute("aria-describedby") || "")
        .split(" ")
        .filter(function (id) { return id && id !== message.id; });
      if (on) {
        ids.push(message.id);
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
      if (ids.length) {
        input.setAttribute("aria-describedby", ids.join(" "));
      } else {
        input.removeAttribute("aria-describedby");
      }
    }

    function check() {
      var tooLarge = Array.prototype.some.call(input.files || [], function (file) {
        return file.size > limit;
      });
      message.hidden = !tooLarge;
      describe(tooLarge);
      return tooLarge;
    }

    input.addEventListener("change", check);
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (check()) {
          event.preventDefault();
          input.focus();
        }
      });
    }
  });
})();
