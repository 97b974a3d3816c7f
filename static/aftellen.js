// Live countdown of the ZSM 9-hour deadline. The server renders the initial text; this only
// updates it every 30 seconds using the browser's (Dutch) local time.
(function () {
  function tekst(min) {
    var m = Math.abs(min);
    var t = m >= 60 ? Math.floor(m / 60) + " u " + (m % 60) + " min" : m + " min";
    return min >= 0 ? "nog " + t : t + " verstreken";
  }
  function bijwerken() {
    document.querySelectorAll(".aftellen[data-deadline]").forEach(function (el) {
      var d = new Date(el.getAttribute("data-deadline"));
      if (isNaN(d)) return;
      var min = Math.floor((d.getTime() - Date.now()) / 60000);
      el.textContent = tekst(min);
      var kader = el.closest(".termijn");
      if (kader && min < 0) kader.classList.add("melding-fout");
    });
  }
  bijwerken();
  setInterval(bijwerken, 30000);
})();
