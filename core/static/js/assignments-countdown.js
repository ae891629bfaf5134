// Shows the time left before each deadline marked `data-countdown="<ISO date-time>"`.
// The deadline itself is printed by the server in Paris time; this only adds "3 days 4 h left".
(function () {
  "use strict";

  function describe(milliseconds) {
    if (milliseconds <= 0) {
      return "deadline passed";
    }
    var minutes = Math.floor(milliseconds / 60000);
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    var parts = [];
    if (days) { parts.push(days + (days === 1 ? " day" : " days")); }
    if (days || hours) { parts.push(hours + " h"); }
    if (!days) { parts.push((minutes % 60) + " min"); }
    return parts.join(" ") + " left";
  }

  function update() {
    document.querySelectorAll("[data-countdown]").forEach(function (element) {
      var deadline = Date.parse(element.getAttribute("data-countdown"));
      if (!isNaN(deadline)) {
        element.textContent = "(" + describe(deadline - Date.now()) + ")";
      }
    });
  }

  update();
  window.setInterval(update, 30000);
})();
