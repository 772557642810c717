// embedding.js: what a Downhill page needs when another site shows it in an iframe. Every
// course page and embed.html load it (deferred); the build reads it too (node, require).
//
//   snippet(src, title, height): the iframe code a teacher pastes into a course page. The
//     Embed button (web/widgets.js) and the build's oEmbed files (scripts/lib/oembed.js)
//     both write it here, so they always agree.
//   In a page shown inside a frame: tells the parent its height on load and whenever it
//     changes, in the forms H5P's resizer, Canvas (lti.frameResize) and WordPress embeds
//     understand. It listens to no message from the parent: nothing outside steers the page.
(function (root) {
  'use strict';

  // ---- The embed code ----------------------------------------------------------------
  const attr = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // Full width of the host's column; the height is where it starts before the page reports its own.
  function snippet(src, title, height) {
    const h = Math.max(100, Math.round(Number(height) || 0));
    return `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="${h}" ` +
      'style="border:0;max-width:100%" loading="lazy" sandbox="allow-scripts allow-same-origin"></iframe>';
  }

  const api = { snippet };
  if (typeof module === 'object' && module.exports) { module.exports = api; return; }
  root.DownhillEmbedding = api;

  // ---- Height reporting -----------------------------------------------------------------
  if (root.parent === root) return;
  // WordPress adds "#?secret=..." to the iframe's address and only accepts messages that
  // carry it back; anything but a short run of letters and digits is ignored.
  const secretMatch = /[#&?]secret=([A-Za-z0-9]{1,32})(?:&|$)/.exec(location.hash);
  const secret = secretMatch ? secretMatch[1] : null;
  let last = -1;
  const post = (message) => { try { root.parent.postMessage(message, '*'); } catch (e) { /* parent gone */ } };
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
  if ('ResizeObserver' in root) new ResizeObserver(report).observe(document.documentElement);
  root.addEventListener('load', report);
  report();
})(typeof globalThis !== 'undefined' ? globalThis : this);
