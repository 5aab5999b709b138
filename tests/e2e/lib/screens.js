// Every screen of the app with a URL that reaches it, for the accessibility and fault matrices.
const fs = require('node:fs');
const path = require('node:path');

const DATA = path.resolve(__dirname, '..', '..', '..', 'data');
const entries = JSON.parse(fs.readFileSync(path.join(DATA, 'lenient', 'entries.json'), 'utf8'));
const certs = JSON.parse(fs.readFileSync(path.join(DATA, 'certificates.json'), 'utf8'));

const entry = entries.find((e) => e.kind === 'minor') || entries[0];
const cert = certs.find((c) => c.state === 'valid' && c.holder_kind === 'organization') || certs[0];

const SCREENS = [
  { name: 'home', url: '/', ready: 'home-lenient' },
  { name: 'lenient-domains', url: '/lenient', ready: 'lenient-domain' },
  { name: 'lenient-list', url: '/lenient/list?domain=tax', ready: 'lenient-item' },
  { name: 'lenient-detail', url: `/lenient/item/${entry.id}`, ready: 'lenient-detail' },
  { name: 'eligibility', url: `/lenient/item/${entry.id}/check`, ready: 'eligibility-question' },
  { name: 'certs', url: '/certs', ready: 'cert-submit' },
  { name: 'cert-detail', url: `/certs/item/${cert.identifier}`, ready: 'cert-status' },
  { name: 'reviews', url: '/reviews', ready: 'review-case' },
  { name: 'review-form', url: '/reviews/new?window=A01', ready: 'review-rating' },
  { name: 'review-lookup', url: '/reviews/status', ready: 'review-lookup-no' },
  { name: 'review-stats', url: '/reviews/stats', ready: 'review-stats' },
  { name: 'admin', url: '/admin', ready: 'admin-pin' },
];

module.exports = { SCREENS, entry, cert, entries, certs };
