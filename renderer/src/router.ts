// Hash routes: the app is served from one page in both shells (app://tminus/ and 127.0.0.1).
import { useEffect, useState } from 'react';

/** `review` opens a session read-only, whatever it is; `wall` is the war-room display. */
export type SessionMode = 'work' | 'review' | 'wall';

export type Route = { name: 'sessions' } | { name: 'session'; sessionId: string; mode: SessionMode };

export function parseRoute(hash: string): Route {
  const match = /^#\/sessions\/([0-9a-f-]{36})(?:\/(review|wall))?/.exec(hash);
  return match ? { name: 'session', sessionId: match[1]!, mode: (match[2] as SessionMode | undefined) ?? 'work' } : { name: 'sessions' };
}

export function hrefOf(route: Route): string {
  if (route.name === 'sessions') return '#/';
  return `#/sessions/${route.sessionId}${route.mode === 'work' ? '' : `/${route.mode}`}`;
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
