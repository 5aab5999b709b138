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
        // First start: the app fetched the catalog before the worker controlled the page, so
        // the worker's cache is still empty. Once it takes control, fetch the catalog once
        // through it (NetworkFirst caches it), so a reload with no network still lists it.
        var hadController = !!navigator.serviceWorker.controller;
        navigator.serviceWorker.addEventListener('controllerchange', function () {
          if (hadController) return;
          hadController = true;
          fetch('/api/v1/lenient/catalog').catch(function () { /* offline: the app's copy stays */ });
        });
        navigator.serviceWorker.register('/sw.js').catch(function () { /* offline first start: fine */ });
      });
  });
})();
