// Progressive enhancement of the forms; without JavaScript every field shows and the server
// checks everything.
// - A text field with data-max gets a counter below it ("Nog 280 tekens" / "12 tekens te veel"),
//   announced politely to screen readers; the server still refuses text that is too long.
// - A field with data-als="QUESTION" (the OTS and Raad details) shows only while the yes/no
//   question QUESTION is answered "ja".
// - A page shown again with errors brings its error summary into view and focuses it (the
//   GOV.UK pattern), wherever on the page the rejected form is; an error summary inside a
//   closed <details> opens it first.
(function () {
  function teller(veld) {
    var max = parseInt(veld.getAttribute("data-max"), 10);
    if (!max) return;
    var p = document.createElement("p");
    p.className = "hint teller";
    p.id = veld.id + "-teller";
    p.setAttribute("aria-live", "polite");
    veld.insertAdjacentElement("afterend", p);
    var beschreven = veld.getAttribute("aria-describedby");
    veld.setAttribute("aria-describedby", (beschreven ? beschreven + " " : "") + p.id);
    function bijwerken() {
      var over = max - Array.from(veld.value).length;
      p.textContent = over >= 0
        ? "Nog " + over.toLocaleString("nl-NL") + " " + (over === 1 ? "teken" : "tekens")
        : (-over).toLocaleString("nl-NL") + " " + (over === -1 ? "teken" : "tekens") + " te veel";
      p.classList.toggle("foutmelding", over < 0);
    }
    veld.addEventListener("input", bijwerken);
    bijwerken();
  }

  function voorwaarde(blok) {
    var vraag = blok.getAttribute("data-als");
    var keuzes = document.querySelectorAll('input[type="radio"][name="' + vraag + '"]');
    if (!keuzes.length) return;
    function bijwerken() {
      var ja = document.querySelector('input[type="radio"][name="' + vraag + '"][value="ja"]');
      var toon = ja && ja.checked;
      // A field with an error stays visible, so the error can be read and fixed.
      blok.hidden = !toon && !blok.classList.contains("veld-fout");
    }
    keuzes.forEach(function (k) { k.addEventListener("change", bijwerken); });
    bijwerken();
  }

  function foutsamenvatting() {
    // Or a question the server asks before it saves (data-focus: "er loopt al een casus").
    var s = document.querySelector(".foutsamenvatting") || document.querySelector("[data-focus]");
    if (!s) return;
    var d = s.closest("details");
    if (d) d.open = true;
    s.scrollIntoView({ block: "start" });
    s.focus({ preventScroll: true });
  }

  document.querySelectorAll("[data-max]").forEach(teller);
  document.querySelectorAll("[data-als]").forEach(voorwaarde);
  foutsamenvatting();
})();
