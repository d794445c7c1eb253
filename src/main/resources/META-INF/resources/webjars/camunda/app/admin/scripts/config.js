// Admin configuration of Product Ops Loop: the product's name and one date format.
export default {
  // the name in the header and on the login page (the vendor, default "Camunda", is not shown)
  app: { vendor: ' ', name: 'Product Ops Loop' },
  dateFormat: { normal: 'D MMM YYYY, HH:mm', long: 'dddd D MMMM YYYY, HH:mm' }
};
