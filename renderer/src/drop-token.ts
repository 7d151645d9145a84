// The web host answers the URL it prints (`/?token=…`) with the app's page and an HttpOnly
// cookie holding the token; evaluated first, this takes the token out of the address bar and
// out of the history entry, so it is not left where it can be seen or shared.
const url = new URL(window.location.href);
if (url.searchParams.has('token')) {
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
}
