/* Leaflet and Leaflet.draw in Dutch: the zoom buttons and every text of the
   drawing toolbar (titles, tooltips, actions). Loaded after leaflet.js (and
   leaflet.draw.js where a map draws), before scans-map.js. The portal speaks
   Dutch only; the texts of these libraries live here, not in the gettext
   catalogues, as a locale file of the library (docs/adr/0013). */
(function () {
  "use strict";
  if (!window.L) { return; }

  L.Control.Zoom.mergeOptions({ zoomInTitle: "Inzoomen", zoomOutTitle: "Uitzoomen" });

  if (!L.drawLocal) { return; }
  L.drawLocal = {
    draw: {
      toolbar: {
        actions: { title: "Tekenen annuleren", text: "Annuleren" },
        finish: { title: "Tekenen afronden", text: "Afronden" },
        undo: { title: "Laatst getekende punt verwijderen", text: "Laatste punt verwijderen" },
        buttons: {
          polyline: "Teken een lijn",
          polygon: "Teken een vlak",
          rectangle: "Teken een rechthoek",
          circle: "Teken een cirkel",
          marker: "Plaats een markering",
          circlemarker: "Plaats een cirkelmarkering"
        }
      },
      handlers: {
        circle: { tooltip: { start: "Klik en sleep om een cirkel te tekenen." }, radius: "Straal" },
        circlemarker: { tooltip: { start: "Klik op de kaart om een cirkelmarkering te plaatsen." } },
        marker: { tooltip: { start: "Klik op de kaart om een markering te plaatsen." } },
        polygon: {
          tooltip: {
            start: "Klik om te beginnen met tekenen.",
            cont: "Klik om verder te tekenen.",
            end: "Klik op het eerste punt om het vlak te sluiten."
          }
        },
        polyline: {
          error: "Fout: de randen mogen elkaar niet kruisen.",
          tooltip: {
            start: "Klik om een lijn te beginnen.",
            cont: "Klik om de lijn voort te zetten.",
            end: "Klik op het laatste punt om de lijn af te ronden."
          }
        },
        rectangle: { tooltip: { start: "Klik en sleep om een rechthoek te tekenen." } },
        simpleshape: { tooltip: { end: "Laat de muisknop los om het tekenen af te ronden." } }
      }
    },
    edit: {
      toolbar: {
        actions: {
          save: { title: "Wijzigingen opslaan", text: "Opslaan" },
          cancel: { title: "Bewerken annuleren, wijzigingen vervallen", text: "Annuleren" },
          clearAll: { title: "Alle lagen verwijderen", text: "Alles verwijderen" }
        },
        buttons: {
          edit: "Bewerk lagen",
          editDisabled: "Geen lagen om te bewerken",
          remove: "Verwijder lagen",
          removeDisabled: "Geen lagen om te verwijderen"
        }
      },
      handlers: {
        edit: {
          tooltip: {
            text: "Sleep de hoekpunten om het vlak te wijzigen.",
            subtext: "Klik op Annuleren om de wijzigingen ongedaan te maken."
          }
        },
        remove: { tooltip: { text: "Klik op een vlak om het te verwijderen." } }
      }
    }
  };
})();
