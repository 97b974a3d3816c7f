// Progressive enhancement of the SWOT board: with a mouse, drag a verbeteractiviteit from one
// quadrant (or from "Nog niet geplaatst") into another. The drop sets the same choice in the
// board's form, which stays the way to do it with the keyboard or without JavaScript (WCAG
// 2.5.7: dragging always has a single-pointer and keyboard alternative); nothing is saved until
// "Bord opslaan" is pressed, and a status line says so.
(function () {
  var formulier = document.getElementById("bord-formulier");
  var bord = document.querySelector(".swot-bord[data-sleepbaar]");
  if (!formulier || !bord) return;
  var status = document.getElementById("bord-sleepstatus");
  var gesleept = null;

  function kies(code, kwadrant) {
    var id = "kw-" + code + "-" + (kwadrant || "geen");
    var radio = document.getElementById(id);
    if (radio) radio.checked = true;
    return !!radio;
  }

  bord.querySelectorAll("li[data-code]").forEach(function (li) {
    li.setAttribute("draggable", "true");
    li.classList.add("sleepbaar");
    li.addEventListener("dragstart", function (e) {
      gesleept = li;
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", li.getAttribute("data-code"));
    });
    li.addEventListener("dragend", function () {
      gesleept = null;
    });
  });

  bord.querySelectorAll("[data-kwadrant]").forEach(function (vak) {
    vak.addEventListener("dragover", function (e) {
      if (!gesleept) return;
      e.preventDefault();
      vak.classList.add("sleepdoel");
    });
    vak.addEventListener("dragleave", function () {
      vak.classList.remove("sleepdoel");
    });
    vak.addEventListener("drop", function (e) {
      e.preventDefault();
      vak.classList.remove("sleepdoel");
      if (!gesleept) return;
      var code = gesleept.getAttribute("data-code");
      var kwadrant = vak.getAttribute("data-kwadrant");
      if (!kies(code, kwadrant)) return;
      var lijst = vak.querySelector("ul");
      if (!lijst) {
        lijst = document.createElement("ul");
        var leeg = vak.querySelector(".gedempt");
        if (leeg && leeg.tagName === "P") leeg.remove();
        vak.appendChild(lijst);
      }
      lijst.appendChild(gesleept);
      if (status) {
        var naam = vak.querySelector("h3") ? vak.querySelector("h3").firstChild.textContent.trim() : "";
        status.textContent = "Verplaatst naar " + naam + ". Nog niet opgeslagen: kies 'Bord opslaan' in het formulier hieronder.";
      }
    });
  });
})();
