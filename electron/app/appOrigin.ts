// Where the desktop renderer lives: app://tminus/ (a scheme registered as standard and secure, so
// it has a real origin). No Electron import: the sender check and its tests share these names.
export const APP_SCHEME = 'app';
export const APP_HOST = 'tminus';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
