// "Nog N minuten": warns before the session ends through inactivity. The server renews the
// session at most once a minute on a page view, so the count starts one minute early.
(function () {
  var minuten = parseInt(document.body.getAttribute("data-sessie-minuten"), 10);
  var melding = document.getElementById("sessie-melding");
  if (!minuten || !melding) return;
  var einde = Date.now() + (minuten - 1) * 60000;
  function bijwerken() {
    var over = Math.ceil((einde - Date.now()) / 60000);
    if (over > 5) return;
    melding.hidden = false;
    if (over > 0) {
      melding.textContent = "Uw sessie verloopt over " + over +
        (over === 1 ? " minuut" : " minuten") +
        " zonder activiteit. Sla uw werk op of open een pagina om ingelogd te blijven.";
    } else {
      melding.className = "melding melding-fout";
      melding.textContent = "Uw sessie is verlopen door inactiviteit. Log opnieuw in om verder te werken.";
    }
  }
  bijwerken();
  setInterval(bijwerken, 30000);
})();
