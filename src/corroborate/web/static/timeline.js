// The timeline as a chart one can brush (uPlot, from npm): drag across it to zoom into a
// period, click a period to list its incidents on the map. The server's SVG and table stay
// the page's content without scripts, and the table keeps every link for the keyboard.
(function () {
  "use strict";
  const figure = document.getElementById("brush");
  if (!figure || !window.uPlot) return;
  const firsts = JSON.parse(document.getElementById("timeline-data").textContent);
  const bands = JSON.parse(document.getElementById("timeline-bands").textContent);
  const seconds = firsts.map((day) => Date.parse(day + "T00:00:00Z") / 1000);

  // The page's own filters, with the period changed: the same URL the table's links make.
  function go(path, first, last, keepScale) {
    const query = new URLSearchParams(window.location.search);
    query.set("start", first);
    query.set("end", last);
    query.delete("page");
    if (!keepScale) query.delete("scale");
    window.location.href = path + "?" + query.toString();
  }

  function periodAt(value) {  // the index of the period a time falls in
    let found = 0;
    for (let i = 0; i < seconds.length; i++) if (seconds[i] <= value) found = i;
    return found;
  }

  let chart = null;
  function draw() {
    if (chart) chart.destroy();
    const width = Math.max(280, figure.clientWidth);
    chart = new uPlot({
      width: width,
      height: 240,
      scales: {x: {time: true}, y: {distr: bands.log ? 3 : 1}},
      axes: [{}, {size: 60}],
      series: [
        {},
        {label: "low", stroke: "#1f4e79", width: 1},
        {label: "high", stroke: "#6b8fb3", width: 1, dash: [4, 2]},
      ],
      bands: [{series: [2, 1], fill: "rgba(31, 78, 121, 0.25)"}],
      cursor: {drag: {x: true, y: false, setScale: false}},
      hooks: {
        setSelect: [function (u) {
          if (u.select.width < 2) return;
          const from = periodAt(u.posToVal(u.select.left, "x"));
          const to = periodAt(u.posToVal(u.select.left + u.select.width, "x"));
          go("/timeline", firsts[from], bands.last[to], true);
        }],
      },
    }, [seconds, bands.low.map((v) => (bands.log ? Math.max(v, 1) : v)),
        bands.high.map((v) => (bands.log ? Math.max(v, 1) : v))], figure);
    chart.over.addEventListener("click", function () {
      const i = chart.cursor.idx;
      if (i != null && chart.select.width < 2) go("/", firsts[i], bands.last[i], false);
    });
  }
  figure.hidden = false;
  document.getElementById("timeline").style.display = "none";  // the chart shows what the SVG did
  draw();
  let waiting = null;
  window.addEventListener("resize", function () {
    clearTimeout(waiting);
    waiting = setTimeout(draw, 200);
  });
})();
