// The incidents map. Everything it loads comes from our own server: Leaflet and its marker
// clusters, the country outlines (world-atlas) and the incidents' points (/api/points, each with
// its label in the pages' words). Online tiles are an optional layer, off by default.
(function () {
  "use strict";
  var GRADE_COLOURS = { confirmed: "#1b7837", fair: "#2166ac", weak: "#595959", contested: "#b2182b" };
  // Many incidents are clustered (leaflet.markercluster): a cluster says how many it holds, and
  // Enter or a click zooms into it. A few are drawn each on its own, the largest below.
  var CLUSTER_FROM = 200;
  // points a request: the map draws each page as it comes, the first a small one, so that it draws soon
  var FIRST_PAGE = 200, PAGE = 1000;
  var element = document.getElementById("map");
  // maxZoom: the clusters need one, and without the online tiles no layer gives it
  var map = L.map(element, { worldCopyJump: true, preferCanvas: false, maxZoom: 18 }).setView([35, 38], 6);

  var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18, attribution: "&copy; OpenStreetMap contributors (online layer)"
  });
  // outlines in a pane of their own below the markers, whichever arrives first
  map.createPane("outlines").style.zIndex = 350;
  var outlineLayer = L.layerGroup().addTo(map);
  var incidentLayer = L.layerGroup().addTo(map);
  // the zoom, for whoever reads the page's state (the page tests)
  map.on("zoomend", function () { element.dataset.zoom = String(map.getZoom()); });
  L.control.layers(null, { "Country outlines": outlineLayer, "Incidents": incidentLayer, "Online map tiles": tiles })
    .addTo(map);

  // Leaflet puts a string tooltip in as HTML: names from the documents go in as text instead
  function asText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
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

  function open(point) { window.location.href = "/incidents/" + encodeURIComponent(point.id); }

  // a marker is a link for the keyboard and for screen readers too: Tab reaches it, Enter opens it.
  // Its element is made each time the marker is added (a cluster opening, a zoom), so it is told then.
  function accessible(marker, point) {
    var path = marker.getElement();
    if (!path) { return; }
    path.setAttribute("tabindex", "0");
    path.setAttribute("role", "link");
    path.setAttribute("aria-label", point.label);
    path.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(point); }
    });
    path.addEventListener("focus", function () { marker.openTooltip(); });
    path.addEventListener("blur", function () { marker.closeTooltip(); });
  }

  // A cluster's icon is a button (Leaflet's keyboard markers): it says what it holds and that Enter zooms in.
  var ClusterIcon = L.DivIcon.extend({
    createIcon: function (old) {
      var div = L.DivIcon.prototype.createIcon.call(this, old);
      div.setAttribute("aria-label", this.options.said);
      return div;
    }
  });
  function clusterIcon(cluster) {
    var n = cluster.getChildCount();
    return new ClusterIcon({
      html: "<div><span>" + n.toLocaleString("en") + "</span></div>", iconSize: L.point(40, 40),
      className: "marker-cluster marker-cluster-" + (n < 10 ? "small" : n < 100 ? "medium" : "large"),
      said: n.toLocaleString("en") + " incidents here: press Enter to zoom in"
    });
  }

  function marker(point) {
    var colour = GRADE_COLOURS[point.grade] || "#555";
    // an area is drawn as a hollow, dashed ring round its centre; a site as a filled disc
    var style = point.area
      ? { color: colour, weight: 2, dashArray: "5 4", fillColor: colour, fillOpacity: 0.06 }
      : { color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.75 };
    style.radius = 5 + 2.5 * Math.sqrt(point.deaths);
    style.className = "incident-marker incident-" + point.id + (point.area ? " area" : " site");
    var drawn = L.circleMarker([point.lat, point.lon], style).bindTooltip(asText(point.label));
    drawn.on("click", function () { open(point); });
    drawn.on("add", function () { accessible(drawn, point); });
    return drawn;
  }

  var count = document.getElementById("map-count");
  function tell(placed, fetched, total) {
    element.dataset.markers = String(placed);
    if (!count) { return; }
    var n = function (v) { return v.toLocaleString("en"); };
    var unplaced = fetched - placed;
    count.textContent = n(placed) + " of " + n(total) + " incidents on the map" +
      (fetched < total ? " (" + n(total - fetched) + " still loading)" : "") +
      (unplaced ? "; " + n(unplaced) + (unplaced === 1 ? " has" : " have") + " no place a gazetteer knows and " +
       (unplaced === 1 ? "is" : "are") + " only listed." : ".");
  }

  // Every incident the filters let through, a page a request, each page drawn as it comes:
  // nothing is cut silently, and the count says how many are on the map of how many.
  var source = element.dataset.incidents;
  var layer = null;
  var bounds = [];
  var fetched = 0;
  function more() {
    var url = source + (source.indexOf("?") >= 0 ? "&" : "?") + "limit=" + (fetched ? PAGE : FIRST_PAGE) +
      "&offset=" + fetched;
    return fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (page) {
        if (layer === null) {
          layer = page.total >= CLUSTER_FROM && L.markerClusterGroup
            ? L.markerClusterGroup({ iconCreateFunction: clusterIcon,
                                     showCoverageOnHover: false, maxClusterRadius: 50 })
            : L.layerGroup();
          element.dataset.clustered = String(layer !== null && !!layer.addLayers);
          incidentLayer.addLayer(layer);
        }
        var placed = page.items.filter(function (p) { return p.lat !== null && p.lon !== null; })
          .sort(function (a, b) { return b.deaths - a.deaths; }); // the largest below the small
        var markers = placed.map(marker);
        if (layer.addLayers) { layer.addLayers(markers); } else { markers.forEach(function (m) { layer.addLayer(m); }); }
        placed.forEach(function (p) { bounds.push([p.lat, p.lon]); });
        var first = fetched === 0;
        fetched += page.items.length;
        var done = !page.items.length || fetched >= page.total;
        if (bounds.length && (first || done)) {
          map.fitBounds(bounds, { padding: [60, 60], maxZoom: 8, animate: false });
          element.dataset.zoom = String(map.getZoom());
        }
        if (done) {
          tell(bounds.length, fetched, page.total);
          return;
        }
        if (count) { count.textContent = "Loading: " + fetched.toLocaleString("en") + " of " +
                                         page.total.toLocaleString("en") + " incidents…"; }
        return more();
      });
  }
  more();
})();
