// Cockpit configuration of Product Ops Loop: the product's name, one date format, and the Product Ops plugin
// (cases, case timeline, scorecard). Replaces Camunda's default config.js, which only holds commented-out examples.
export default {
  // the name in the header and on the login page (the vendor, default "Camunda", is not shown)
  app: { vendor: ' ', name: 'Product Ops Loop' },
  dateFormat: { normal: 'D MMM YYYY, HH:mm', long: 'dddd D MMMM YYYY, HH:mm' },
  customScripts: ['product-ops/plugin']
};
