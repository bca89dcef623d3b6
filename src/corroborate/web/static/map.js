// The incidents map. Everything it loads comes from our own server: Leaflet, the country
// outlines (world-atlas) and the incidents (/api). Online tiles are an optional layer, off by default.
(function () {
  "use strict";
  var GRADE_COLOURS = { confirmed: "#1b7837", fair: "#2166ac", weak: "#595959", contested: "#b2182b" };
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

  // A range as spec/incidents.md has people read it (and as the pages write it): "595 – 1,300+", "≥ 27"
  function range(incident) {
    var low = incident.killed_low, high = incident.killed_high;
    var open = high !== null && (incident.claims || []).some(function (c) {
      return c.outcome === "killed" && c.open_ended && c.low === high;
    });
    var n = function (v) { return v.toLocaleString("en"); };
    if (low === null && high === null) { return "?"; }
    if (high === null) { return "≥ " + n(low); }
    if (low === null) { return "≤ " + n(high); }
    if (low === high) { return (open ? "≥ " : "") + n(low); }
    return n(low) + " – " + n(high) + (open ? "+" : "");
  }

  function label(incident) {
    return told(incident) + (incident.country ? " (" + incident.country + ")" : "") + ", " +
      (incident.date_start || "undated") + ": " + range(incident) + " killed (grade: " + incident.grade + ")";
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

  // A box on the map as a filter: the form's bbox takes the map's view, and the page reloads with it.
  var form = document.getElementById("filters");
  if (form) {
    var button = document.createElement("button");
    button.type = "button";
    button.id = "filter-to-view";
    button.textContent = "Only what the map shows";
    button.addEventListener("click", function () {
      var b = map.getBounds();
      form.elements.bbox.value = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
        .map(function (v) { return Math.max(-180, Math.min(180, v)).toFixed(4); }).join(",");
      form.submit();
    });
    form.appendChild(button);
  }

  function open(incident) { window.location.href = "/incidents/" + encodeURIComponent(incident.id); }

  function draw(items) {
    // the largest first, so that a small marker is never hidden under a large one
    var placed = items.filter(function (i) {
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
      marker.on("click", function () { open(incident); });
      marker.addTo(incidentLayer);
      // a marker is a link for the keyboard and for screen readers too: Tab reaches it, Enter opens it
      var path = marker.getElement();
      if (path) {
        path.setAttribute("tabindex", "0");
        path.setAttribute("role", "link");
        path.setAttribute("aria-label", label(incident));
        path.addEventListener("keydown", function (event) {
          if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(incident); }
        });
        path.addEventListener("focus", function () { marker.openTooltip(); });
        path.addEventListener("blur", function () { marker.closeTooltip(); });
      }
      bounds.push([incident.latitude, incident.longitude]);
    });
    if (bounds.length) { map.fitBounds(bounds, { padding: [60, 60], maxZoom: 8, animate: false }); }
    element.dataset.markers = String(placed.length);
    var count = document.getElementById("map-count");
    if (count) {
      var unplaced = items.length - placed.length;
      count.textContent = placed.length.toLocaleString("en") + " of " + items.length.toLocaleString("en") +
        " incidents on the map" + (unplaced ? "; " + unplaced.toLocaleString("en") +
        (unplaced === 1 ? " has" : " have") + " no place a gazetteer knows and " +
        (unplaced === 1 ? "is" : "are") + " only listed." : ".");
    }
  }

  // Every incident the filters let through, a thousand a request: nothing is cut silently.
  var PAGE = 1000;
  var source = element.dataset.incidents;
  function more(items) {
    var url = source + (source.indexOf("?") >= 0 ? "&" : "?") + "limit=" + PAGE + "&offset=" + items.length;
    return fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (page) {
        var all = items.concat(page.items);
        return page.items.length && all.length < page.total ? more(all) : all;
      });
  }
  more([]).then(draw);
})();
