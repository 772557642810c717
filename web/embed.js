// embed.js: the single-widget page, embed.html?widget=NAME&SETTINGS (the page teachers put
// in an iframe). It turns its own URL into a widget placeholder before widgets.js mounts
// it, and points the page's oEmbed link at that widget. The page's height goes to a parent
// page through embedding.js, as on every course page.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const name = params.get('widget') || 'roll-downhill';
  params.delete('widget');
  const host = document.getElementById('embed');
  const div = document.createElement('div');
  div.className = 'dh-widget';
  div.setAttribute('data-widget', name.slice(0, 60));
  // The whole query: web/schema.js reads up to its MAX_QUERY_LENGTH and says so beyond it.
  div.setAttribute('data-params', params.toString());
  host.replaceChildren(div);
  document.title = ((window.DownhillSchema.WIDGETS[name] || {}).title || 'Widget') + ' · Downhill';

  // ---- oEmbed discovery ----------------------------------------------------------------
  // The page's <link rel="alternate" type="application/json+oembed"> names the default
  // widget's oEmbed file (what a site that reads the HTML without running it finds); here
  // it follows the widget shown. An unknown widget has none, so the link goes.
  const oembed = document.querySelector('link[rel="alternate"][type="application/json+oembed"]');
  const known = Object.prototype.hasOwnProperty.call(window.DownhillSchema.WIDGETS, name);
  if (oembed && !known) oembed.remove();
  else if (oembed) {
    oembed.setAttribute('href', oembed.getAttribute('href').replace(/[^/]*\.json$/, name + '.json'));
    oembed.setAttribute('title', document.title);
  }
})();
