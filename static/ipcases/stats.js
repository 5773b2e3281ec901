/* Charts of the statistics page (Apache ECharts, vendored). The data comes from the
   page's <script type="application/json" id="stats-charts">; no inline script. */
(function () {
  "use strict";
  var source = document.getElementById("stats-charts");
  if (!source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var palette = ["#2f6fb0", "#3aa17e", "#e0a030", "#c0504d", "#7a5ca8", "#4bacc6"];

  function bar(spec, horizontal) {
    var axisCat = { type: "category", data: spec.categories, axisLabel: { interval: 0, width: 120, overflow: "truncate" } };
    var axisVal = { type: "value", minInterval: 1 };
    return {
      color: palette, animation: false,
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: horizontal ? 140 : 40, right: 20, top: 32, bottom: 30 },
      xAxis: horizontal ? axisVal : axisCat, yAxis: horizontal ? axisCat : axisVal,
      series: spec.series.map(function (s) { return { name: s.name, type: "bar", data: s.data }; })
    };
  }
  function line(spec) {
    return {
      color: palette, animation: false,
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 20, top: 32, bottom: 30 },
      xAxis: { type: "category", data: spec.categories },
      yAxis: { type: "value", minInterval: 1 },
      series: spec.series.map(function (s) { return { name: s.name, type: "line", data: s.data, smooth: false }; })
    };
  }
  function pie(spec) {
    return {
      color: palette, animation: false, tooltip: { trigger: "item" },
      series: [{ type: "pie", radius: ["35%", "65%"], data: spec.data, label: { formatter: "{b}: {c}" } }]
    };
  }
  var builders = {
    trend: function (d) { return line(d); },
    offices: function (d) { return bar(d, true); },
    workflows: function (d) { return bar(d, true); },
    ip: function (d) { return pie(d); },
    acts: function (d) { return bar(d, true); }
  };
  var charts = [];
  document.querySelectorAll(".stats-chart").forEach(function (el) {
    var name = el.getAttribute("data-chart");
    var spec = data[name];
    var empty = !spec || (spec.categories && spec.categories.length === 0) || (spec.data && spec.data.length === 0);
    if (empty) { el.classList.add("stats-chart-empty"); el.textContent = el.getAttribute("data-empty") || "—"; return; }
    var chart = echarts.init(el, null, { renderer: "svg" });
    chart.setOption(builders[name](spec));
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
}());
