// embed.js: the single-widget page, embed.html?widget=NAME&SETTINGS (the page teachers put
// in an iframe). It turns its own URL into a widget placeholder before widgets.js mounts
// it, and tells a parent page its height whenever it changes, in the forms that H5P's
// resizer, Canvas (lti.frameResize) and WordPress embeds understand. It listens to no
// message from the parent: nothing from outside can steer the page.
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

  // ---- Height reporting -------------------------------------------------------------
  if (window.parent === window) return;
  // WordPress adds "#?secret=..." to the iframe's address and only accepts messages that
  // carry it back; anything but a short run of letters and digits is ignored.
  const secretMatch = /[#&?]secret=([A-Za-z0-9]{1,32})(?:&|$)/.exec(location.hash);
  const secret = secretMatch ? secretMatch[1] : null;
  let last = -1;
  const post = (message) => { try { window.parent.postMessage(message, '*'); } catch (e) { /* parent gone */ } };
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last || !(height > 0)) return;
    last = height;
    post({ context: 'h5p', action: 'resize', scrollHeight: height });          // H5P resizer
    post(JSON.stringify({ subject: 'lti.frameResize', height }));              // Canvas LMS
    if (secret) post({ message: 'height', value: height, secret });            // WordPress embeds
    post({ type: 'downhill:height', height });                                 // plain form
  };
  post({ context: 'h5p', action: 'hello' });
  if ('ResizeObserver' in window) new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener('load', report);
  report();
})();
