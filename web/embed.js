// embed.js: the single-widget page (embed.html?widget=NAME&SETTINGS): turns the page's
// own URL into a widget placeholder before widgets.js mounts it.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const name = params.get('widget') || 'roll-downhill';
  params.delete('widget');
  const host = document.getElementById('embed');
  const div = document.createElement('div');
  div.className = 'dh-widget';
  div.setAttribute('data-widget', name.slice(0, 60));
  div.setAttribute('data-params', params.toString().slice(0, 2000));
  host.replaceChildren(div);
  document.title = ((window.DownhillSchema.WIDGETS[name] || {}).title || 'Widget') + ' · Downhill';
})();
