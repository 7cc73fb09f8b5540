// landscape: the only script. Progressive enhancement: every feature works without it.
// "/" focuses the search box, as on many search sites.
document.addEventListener("keydown", function (e) {
  var box = document.getElementById("q");
  var typing = e.target && (e.target.tagName === "INPUT" || e.target.tagName === "TEXTAREA");
  if (e.key === "/" && box && !typing) {
    e.preventDefault();
    box.focus();
    box.select();
  }
});
