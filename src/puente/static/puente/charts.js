// Draws every <canvas data-chart="ID"> from the JSON in <script type="application/json" id="ID">.
// Data stays in the page (no inline script, so the content security policy holds).
(function () {
  "use strict";
  var palette = ["#0b4f6c", "#c8553d", "#2d7d46", "#8a3b12", "#5b4b8a", "#b08a1e"];
  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || !window.Chart) { return; }
    var spec = JSON.parse(source.textContent);
    var datasets = spec.datasets.map(function (set, index) {
      var color = palette[index % palette.length];
      return { label: set.label, data: set.data, backgroundColor: color, borderColor: color, fill: false };
    });
    // Percentages read on the value axis: across a horizontal chart, up a vertical one. The scale
    // shows 0-100 % unless a value lies beyond (an effect may be negative, growth above 100 %).
    var scales = {};
    if (spec.percent) {
      scales[spec.horizontal ? "x" : "y"] = {
        suggestedMin: 0, suggestedMax: 100, ticks: { callback: function (v) { return v + " %"; } },
      };
    }
    new window.Chart(canvas, {
      type: spec.type || "bar",
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        animation: false,
        indexAxis: spec.horizontal ? "y" : "x",
        scales: scales,
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  });
})();
