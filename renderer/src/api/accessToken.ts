// The browser shell's token as the page holds it: taken from the link once, then kept in this
// tab's sessionStorage (scoped to this console's scheme, host and port, unlike a cookie, which
// every server on 127.0.0.1 would receive) and removed from the address bar and history.
import { LOGIN_PATH, TOKEN_STORAGE_KEY } from '../../../shared/api/transportAuth';

export function takeAccessToken(): string | null {
  const url = new URL(location.href);
  const fromLink = url.searchParams.get('token');
  if (fromLink) {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, fromLink);
    url.searchParams.delete('token');
    // Routes live in the hash; the path carries nothing, so the address becomes this console's root.
    url.pathname = '/';
    history.replaceState(history.state, '', url);
    return fromLink;
  }
  return sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

/** No token, or one the console no longer accepts (`tminus serve --new-token`): ask for it. */
export function goToLogin(): void {
  sessionStorage.removeItem(TOKEN_STORAGE_KEY);
  location.replace(LOGIN_PATH);
}
