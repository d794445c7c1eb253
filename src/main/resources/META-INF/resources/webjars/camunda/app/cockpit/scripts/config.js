// Cockpit configuration of Product Ops Loop: loads the Product Ops plugin (cases, case timeline, scorecard).
// Replaces Camunda's default config.js, which only holds commented-out examples.
export default {
  customScripts: ['product-ops/plugin']
};
