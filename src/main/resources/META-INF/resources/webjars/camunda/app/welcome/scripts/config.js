// Welcome (the landing page at /) of Product Ops Loop: the product's name, and a script that greets people on the
// login page and, once they are logged in, takes each of them to where their work is.
export default {
  // the name in the header and on the login page (the vendor, default "Camunda", is not shown)
  app: { vendor: ' ', name: 'Product Ops Loop' },
  dateFormat: { normal: 'D MMM YYYY, HH:mm', long: 'dddd D MMMM YYYY, HH:mm' },
  customScripts: ['product-ops/welcome']
};
