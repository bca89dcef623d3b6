// The incidents map. Everything it loads comes from our own server: Leaflet, the country
// outlines (world-atlas) and the incidents (/api). Online tiles are an optional layer, off by default.
(function () {
  "use strict";
  var GRADE_COLOURS = { confirmed: "#1b7837", fair: "#2166ac", weak: "#8c8c8c", contested: "#b2182b" };
  var element = document.getElementById("map");
  // how precisely incidents are placed, in words: reconcile/rules.toml [precision], as the pages read it
  var PRECISION = JSON.parse(element.dataset.precision);
  var map = L.map(element, { worldCopyJump: true, preferCanvas: false }).setView([35, 38], 6);

  var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18, attribution: "&copy; OpenStreetMap contributors (online layer)"
  });
  // outlines in a pane of their own below the markers, whichever arrives first
  map.createPane("outlines").style.zIndex = 350;
  var outlineLayer = L.layerGroup().addTo(map);
  var incidentLayer = L.layerGroup().addTo(map);
  L.control.layers(null, { "Country outlines": outlineLayer, "Incidents": incidentLayer, "Online map tiles": tiles })
    .addTo(map);

  function deaths(incident) {
    var high = incident.killed_high === null ? incident.killed_low : incident.killed_high;
    return high || 0;
  }

  // A district's, a governorate's or a country's point is its centre, never a site.
  function area(incident) { return PRECISION.areas.indexOf(incident.precision) >= 0; }

  function told(incident) {
    var said = PRECISION.told[area(incident) ? "area" : incident.precision] || "{place}";
    return said.replace("{place}", incident.place || "no place");
  }

  // Leaflet puts a string tooltip in as HTML: names from the documents go in as text instead
  function asText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function label(incident) {
    var low = incident.killed_low, high = incident.killed_high;
    var range = low === high ? String(low) : (low === null ? "?" : low) + "–" + (high === null ? "" : high);
    return told(incident) + (incident.country ? " (" + incident.country + ")" : "") + ", " +
      (incident.date_start || "undated") + ": " + range + " killed (" + incident.grade + ")";
  }

  fetch(element.dataset.outline)
    .then(function (r) { return r.json(); })
    .then(function (world) {
      L.geoJSON(topojson.feature(world, world.objects.countries), {
        style: { className: "country", color: "#8a8a8a", weight: 0.6, fillColor: "#f6f3ea", fillOpacity: 1 },
        interactive: false, pane: "outlines"
      }).addTo(outlineLayer);
      element.dataset.outlineLoaded = "true";
    });

  fetch(element.dataset.incidents, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (page) {
      // the largest first, so that a small marker is never hidden under a large one
      var placed = page.items.filter(function (i) {
        return i.latitude !== null && i.longitude !== null && i.precision !== PRECISION.unresolved;
      })
        .sort(function (a, b) { return deaths(b) - deaths(a); });
      var bounds = [];
      placed.forEach(function (incident) {
        var colour = GRADE_COLOURS[incident.grade] || "#555";
        // an area is drawn as a hollow, dashed ring round its centre; a site as a filled disc
        var style = area(incident)
          ? { color: colour, weight: 2, dashArray: "5 4", fillColor: colour, fillOpacity: 0.06 }
          : { color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.75 };
        style.radius = 5 + 2.5 * Math.sqrt(deaths(incident));
        style.className = "incident-marker incident-" + incident.id + (area(incident) ? " area" : " site");
        var marker = L.circleMarker([incident.latitude, incident.longitude], style).bindTooltip(asText(label(incident)));
        marker.on("click", function () { window.location.href = "/incidents/" + encodeURIComponent(incident.id); });
        marker.addTo(incidentLayer);
        bounds.push([incident.latitude, incident.longitude]);
      });
      if (bounds.length) { map.fitBounds(bounds, { padding: [60, 60], maxZoom: 8, animate: false }); }
      element.dataset.markers = String(placed.length);
    });
})();
