// Registers the Workbox service worker, or removes it: the documented kill switch is
// `"service_worker": false` in config.json (all registrations and caches are dropped on the
// next start). Loaded as a same-origin file so the strict CSP needs no extra hash.
(function () {
  if (!('serviceWorker' in navigator)) return;
  window.addEventListener('load', function () {
    fetch('/config.json', { cache: 'no-store' })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .catch(function () { return {}; })
      .then(function (cfg) {
        if (cfg && cfg.service_worker === false) {
          navigator.serviceWorker.getRegistrations().then(function (rs) { rs.forEach(function (r) { r.unregister(); }); });
          if (window.caches) caches.keys().then(function (ks) { ks.forEach(function (k) { caches.delete(k); }); });
          return;
        }
        navigator.serviceWorker.register('/sw.js').catch(function () { /* offline first start: fine */ });
      });
  });
})();
