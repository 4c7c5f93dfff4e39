// Hash routes: the app is served from one page in both shells (app://tminus/ and 127.0.0.1).
import { useEffect, useState } from 'react';

export type Route = { name: 'sessions' } | { name: 'session'; sessionId: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/sessions\/([0-9a-f-]{36})/.exec(hash);
  return match ? { name: 'session', sessionId: match[1]! } : { name: 'sessions' };
}

export function hrefOf(route: Route): string {
  return route.name === 'session' ? `#/sessions/${route.sessionId}` : '#/';
}

export function navigate(route: Route): void {
  location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
