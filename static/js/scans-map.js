/* Maps of the Buurtaanpak: gebieden as GeoJSON on PDOK tiles, drawing a
   straatcluster, placing a signaal point. Data comes from json_script blocks
   and data-* attributes; no inline code (Content-Security-Policy).
   Names and texts come from the people who use the portal: they reach the
   page as text only. Leaflet puts a string into the page as HTML, so
   tooltips get an element holding text (textElement) and the attribution
   is escaped (escapeHtml); tests/security/test_script_sinks.py checks it. */
(function () {
  "use strict";

  // Colours come from the theme's tokens (static/css/theme.css), the one
  // place the portal's CSS and the PDF reports read them from as well.
  function token(name) {
    return getComputedStyle(document.documentElement).getPropertyValue("--buurtaanpak-" + name).trim();
  }

  var BANDS = ["gunstig", "gemiddeld", "ongunstig", "zeer-ongunstig"];

  function themeColours() {
    var bands = {};
    BANDS.forEach(function (band) { bands[band] = token("band-" + band + "-background-color"); });
    return {
      bands: bands,
      none: token("band-none-background-color"),
      area: token("map-area-color"),
      straatcluster: token("map-straatcluster-color"),
      outline: token("map-outline-color"),
      point: token("map-point-color")
    };
  }

  // Leaflet uses an element as it is; a string would be parsed as HTML.
  function textElement(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  var ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };

  function escapeHtml(text) {
    return String(text || "").replace(/[&<>"']/g, function (c) { return ENTITIES[c]; });
  }

  function readJson(id) {
    var el = id && document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function style(feature, choropleth, colours) {
    var p = feature.properties || {};
    var base = { color: colours.area, weight: 2, fillOpacity: 0.15, fillColor: colours.area };
    if (p.level === "straatcluster") {
      base.color = colours.straatcluster;
      base.dashArray = "6 4";
      base.fillColor = colours.straatcluster;
    }
    if (choropleth) {
      base.fillColor = colours.bands[p.band] || colours.none;
      base.fillOpacity = p.band ? 0.65 : 0.1;
      base.color = colours.outline;
      base.weight = 1.5;
    }
    return base;
  }

  function label(p) {
    var text = p.name + " (" + p.code + ")";
    if (p.index !== undefined && p.index !== null) {
      text += ": " + p.index + " — " + p.bandLabel;
    }
    return text;
  }

  function initMap(el) {
    var colours = themeColours();
    // The zoom buttons' titles are Dutch: static/js/leaflet-nl.js.
    var map = L.map(el, { scrollWheelZoom: false, attributionControl: true });
    // The gemeente's extent: where the map opens before its areas are drawn,
    // and how far it pans (with room to spare).
    var b = (el.dataset.bounds || "").split(",").map(parseFloat);
    if (b.length === 4 && b.every(isFinite)) {
      var bounds = L.latLngBounds([b[0], b[1]], [b[2], b[3]]);
      map.fitBounds(bounds);
      map.setMaxBounds(bounds.pad(0.5));
    } else {
      map.setView([parseFloat(el.dataset.lat), parseFloat(el.dataset.lon)], 14);
    }
    if (el.dataset.tiles) {
      // When PDOK cannot be reached the polygons still show on the plain background.
      L.tileLayer(el.dataset.tiles, {
        attribution: escapeHtml(el.dataset.attribution),
        maxZoom: 19
      }).addTo(map);
    }
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(escapeHtml(el.dataset.attribution));

    var choropleth = el.dataset.choropleth === "true";
    function showAreas(data) {
      if (!data || !data.features || !data.features.length) { return; }
      var layer = L.geoJSON(data, {
        style: function (f) { return style(f, choropleth, colours); },
        onEachFeature: function (f, l) {
          l.bindTooltip(textElement(label(f.properties)), { sticky: true });
          if (el.dataset.clickable === "true" && f.properties.url) {
            l.on("click", function () { window.location.href = f.properties.url; });
          }
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    }
    if (el.dataset.geojsonUrl) {
      // Large maps come as their own resource: cached by the browser and
      // revalidated with its ETag, so an unchanged map is not sent again.
      el.setAttribute("aria-busy", "true");
      fetch(el.dataset.geojsonUrl, { credentials: "same-origin", headers: { "Accept": "application/geo+json" } })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
        .then(showAreas)
        .catch(function () {
          var note = document.createElement("p");
          note.className = "utrecht-form-field-error-message form-error";
          note.textContent = el.dataset.loadError || "";
          el.insertAdjacentElement("afterend", note);
        })
        .then(function () { el.removeAttribute("aria-busy"); });
    } else {
      showAreas(readJson(el.dataset.geojson));
    }
    var points = readJson(el.dataset.points);
    if (points && points.features && points.features.length) {
      L.geoJSON(points, {
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 7, color: colours.outline, fillColor: colours.point, fillOpacity: 1, weight: 2 });
        },
        onEachFeature: function (f, l) {
          l.bindTooltip(textElement(f.properties.name + ": " + f.properties.text));
        }
      }).addTo(map);
    }
    if (el.dataset.drawInput) { enableDrawing(map, document.getElementById(el.dataset.drawInput), colours); }
    if (el.dataset.pointInput) { enablePoint(map, document.getElementById(el.dataset.pointInput), colours); }
    return map;
  }

  function enableDrawing(map, input, colours) {
    if (!input || !L.Control.Draw) { return; }
    var drawn = new L.FeatureGroup().addTo(map);
    if (input.value.trim()) {
      try { L.geoJSON(JSON.parse(input.value)).eachLayer(function (l) { drawn.addLayer(l); }); } catch (e) { /* shown as a form error on submit */ }
    }
    map.addControl(new L.Control.Draw({
      draw: {
        polygon: { allowIntersection: false, showArea: false, shapeOptions: { color: colours.straatcluster } },
        polyline: false, rectangle: false, circle: false, marker: false, circlemarker: false
      },
      edit: { featureGroup: drawn, remove: true }
    }));
    function sync() {
      var shapes = [];
      drawn.eachLayer(function (l) { shapes.push(l.toGeoJSON().geometry); });
      input.value = shapes.length ? JSON.stringify(shapes[shapes.length - 1]) : "";
    }
    map.on(L.Draw.Event.CREATED, function (e) { drawn.clearLayers(); drawn.addLayer(e.layer); sync(); });
    map.on(L.Draw.Event.EDITED, sync);
    map.on(L.Draw.Event.DELETED, sync);
  }

  function enablePoint(map, input, colours) {
    if (!input) { return; }
    var marker = null;
    map.on("click", function (e) {
      var lat = e.latlng.lat.toFixed(6), lon = e.latlng.lng.toFixed(6);
      input.value = lat + ", " + lon;
      if (marker) { marker.setLatLng(e.latlng); } else {
        marker = L.circleMarker(e.latlng, { radius: 8, color: colours.outline, fillColor: colours.point, fillOpacity: 1 }).addTo(map);
      }
    });
  }

  function initSortableTables() {
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      table.querySelectorAll("th button.sort").forEach(function (button, idx) {
        button.addEventListener("click", function () {
          var th = button.closest("th");
          var col = Array.prototype.indexOf.call(th.parentNode.children, th);
          var asc = th.getAttribute("aria-sort") !== "ascending";
          table.querySelectorAll("th[aria-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = a.cells[col].dataset.value || a.cells[col].textContent.trim();
            var y = b.cells[col].dataset.value || b.cells[col].textContent.trim();
            var nx = parseFloat(x), ny = parseFloat(y);
            var cmp = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "nl");
            return asc ? cmp : -cmp;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (window.L) {
      document.querySelectorAll("[data-map]").forEach(initMap);
    }
    initSortableTables();
  });
})();
