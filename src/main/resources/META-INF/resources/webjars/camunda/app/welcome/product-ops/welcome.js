// Product Ops plugin for the Welcome app, the landing page at /: a short welcome on the login page, and once a person
// is logged in, the way to where their work is (GET /api/me: reporters to their reports, Product Ops and PMs to their
// queue in Tasklist, leads to Cockpit's Product Ops page; admins stay here, where every web app is listed).

const INTRO = `<div class="pol-intro">
  <p>Operations report what is broken. Product Ops triages it, product managers decide with a success metric, and
  after launch we check that it works – and re-open it when it does not.</p>
  <p class="pol-intro-hint">Log in with your user name and password.</p></div>`;

let leaving = false;

async function goHome() {
  const response = await fetch('/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    return false;
  }
  const me = await response.json();
  // a case page that sent its reader here to log in comes first
  const back = sessionStorage.getItem('productOpsReturnTo');
  sessionStorage.removeItem('productOpsReturnTo');
  const target = (back && /^\/cases(\/[A-Za-z0-9-]+)?$/.test(back)) ? back : me.home;
  if (target && !leaving) {
    leaving = true;
    window.location.replace(target);
  }
  return true;
}

function greet() {
  const username = document.querySelector('input[placeholder="Username"], input[name="username"]');
  const form = username?.closest('form');
  if (form && !form.parentElement.querySelector('.pol-intro')) {
    form.insertAdjacentHTML('beforebegin', INTRO);
  }
  return Boolean(form);
}

const style = document.createElement('style');
style.textContent = `.pol-intro { max-width: 460px; margin: 10px auto 16px; text-align: left; }
  .pol-intro h2 { font-size: 22px; margin: 0 0 8px; } .pol-intro p { margin: 0 0 8px; }
  .pol-intro-hint { color: #52606d; }`;
document.head.appendChild(style);

let loginShown = false;
new MutationObserver(() => {
  const login = greet();
  if (loginShown && !login) {
    goHome(); // just logged in
  }
  loginShown = login;
}).observe(document.documentElement, { childList: true, subtree: true });

goHome();

export default [];
