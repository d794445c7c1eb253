// Tasklist configuration of Product Ops Loop: the product's name, one date format, Camunda's default shortcuts, and
// the product's scripts: "My reports" in the header, and the queue and forms as people expect them (tasklist.js).
export default {
  // the name in the header and on the login page (the vendor, default "Camunda", is not shown)
  app: { vendor: ' ', name: 'Product Ops Loop' },
  // 30 Nov 2026 14:05 (moment.js formats): the same day-month-year everywhere, never 11/30 or 30/11
  dateFormat: { normal: 'D MMM YYYY, HH:mm', long: 'dddd D MMMM YYYY, HH:mm' },
  customScripts: ['product-ops/my-reports', 'product-ops/tasklist'],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
