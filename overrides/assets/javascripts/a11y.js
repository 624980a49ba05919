// A table that is wider than the screen scrolls sideways inside Material's wrapper.
// Keyboard users can only scroll it if it can take focus (WCAG 2.1.1), so a wrapper
// that actually scrolls becomes a named, focusable region, as Material does for code.
(function () {
  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabel");
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(update); // Material's signal that the page's components are ready
  } else {
    window.addEventListener("load", update);
  }
  window.addEventListener("resize", update);
})();

// Material's header buttons (menu and search) are labels for hidden checkboxes, which
// a keyboard cannot reach. On a narrow screen, or at 400 % zoom, the menu is the only
// way to the navigation (WCAG 2.1.1), so they become named buttons. Material already
// clicks a focused label on Enter; Space is added here, as for any button. Their names
// are the theme's own Danish labels for the navigation and the search.
(function () {
  var names = {
    __drawer: document.querySelector(".md-nav--primary"),
    __search: document.querySelector(".md-search__input"),
  };
  document.querySelectorAll("label.md-header__button[for]").forEach(function (label) {
    var named = names[label.htmlFor];
    label.setAttribute("role", "button");
    label.setAttribute("tabindex", "0");
    if (named) label.setAttribute("aria-label", named.getAttribute("aria-label"));
    label.addEventListener("keydown", function (event) {
      if (event.key === " ") {
        event.preventDefault();
        label.click();
      }
    });
  });
})();

// On narrow screens the search field is hidden (a11y.css) until the search opens, so
// Material's own focus call comes too early: move the focus there once it is open.
(function () {
  var toggle = document.getElementById("__search");
  var field = document.querySelector(".md-search__input");
  if (!toggle || !field) return;
  toggle.addEventListener("change", function () {
    if (toggle.checked && document.activeElement !== field) field.focus();
  });
})();
