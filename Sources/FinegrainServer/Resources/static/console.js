// Finegrain console: the little script the pages need (progressive: every page works without it).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Report form: filter the class list as one types.
  var filter = document.getElementById("class-filter");
  var select = document.getElementById("class");
  if (filter && select) {
    filter.addEventListener("input", function () {
      var q = filter.value.trim().toLowerCase();
      var first = null;
      Array.prototype.forEach.call(select.querySelectorAll("option"), function (o) {
        var show = !q || o.textContent.toLowerCase().indexOf(q) >= 0;
        o.hidden = !show;
        if (show && !first) first = o;
      });
      if (first && q) first.selected = true;
    });
  }
  // Report form: the phone's position, then the grid it falls in.
  var gps = document.getElementById("gps");
  var lon = document.getElementById("lon");
  var lat = document.getElementById("lat");
  var located = document.getElementById("located");
  function locate() {
    if (!lon || !lat || !located || !lon.value || !lat.value) return;
    var url = "/api/v1/locate?lon=" + encodeURIComponent(lon.value) + "&lat=" + encodeURIComponent(lat.value);
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.ok ? r.json() : null; }).then(function (d) {
      if (!d || !d.chain) { located.textContent = ""; return; }
      located.textContent = located.getAttribute("data-label") + ": " + d.chain.map(function (r) { return r.name; }).join(" ‹ ");
    }).catch(function () { located.textContent = ""; });
  }
  if (gps && navigator.geolocation) {
    gps.addEventListener("click", function () {
      gps.disabled = true;
      navigator.geolocation.getCurrentPosition(function (p) {
        lon.value = p.coords.longitude.toFixed(6);
        lat.value = p.coords.latitude.toFixed(6);
        gps.disabled = false;
        locate();
      }, function () { gps.disabled = false; located.textContent = located.getAttribute("data-failed"); }, { enableHighAccuracy: true, timeout: 15000 });
    });
  } else if (gps) {
    gps.hidden = true;
  }
  if (lon && lat) { lon.addEventListener("change", locate); lat.addEventListener("change", locate); locate(); }
});
// Map: the mouse wheel and the arrow keys follow the zoom and pan links.
document.addEventListener("DOMContentLoaded", function () {
  var map = document.getElementById("map");
  if (!map) return;
  function follow(id) { var a = document.getElementById(id); if (a) location.href = a.href; }
  map.addEventListener("wheel", function (e) { e.preventDefault(); follow(e.deltaY < 0 ? "zoom-in" : "zoom-out"); }, { passive: false });
  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT" || e.target.tagName === "TEXTAREA") return;
    var keys = { ArrowLeft: "pan-west", ArrowRight: "pan-east", ArrowUp: "pan-north", ArrowDown: "pan-south", "+": "zoom-in", "=": "zoom-in", "-": "zoom-out" };
    if (keys[e.key]) { e.preventDefault(); follow(keys[e.key]); }
  });
});
