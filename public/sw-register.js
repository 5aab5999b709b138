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
        // First start: if the app fetched the live catalog before the worker controlled the
        // page, the worker's cache does not have it yet. Once the worker takes control, fetch it
        // once more through the worker (NetworkFirst caches it), so a reload with no network
        // still lists it. Only then: the offline demo (or a kiosk that never asked) makes no
        // API call. A fetch still under way at that moment is caught when it ends.
        var CATALOG = '/api/v1/lenient/catalog';
        var isCatalog = function (e) {
          try { return new URL(e.name).pathname === CATALOG; } catch (_) { return false; }
        };
        var warm = function () { fetch(CATALOG).catch(function () { /* offline: the app's copy stays */ }); };
        var hadController = !!navigator.serviceWorker.controller;
        navigator.serviceWorker.addEventListener('controllerchange', function () {
          if (hadController) return;
          hadController = true;
          if (performance.getEntriesByType('resource').some(isCatalog)) { warm(); return; }
          if (!('PerformanceObserver' in window)) return;
          var obs = new PerformanceObserver(function (list) {
            // A catalog fetch that started before control went to the network only.
            if (list.getEntries().some(function (e) { return isCatalog(e) && e.startTime < controlledAt; })) {
              obs.disconnect();
              warm();
            }
          });
          var controlledAt = performance.now();
          obs.observe({ type: 'resource' });
          setTimeout(function () { obs.disconnect(); }, 30000);
        });
        navigator.serviceWorker.register('/sw.js').catch(function () { /* offline first start: fine */ });
      });
  });
})();
