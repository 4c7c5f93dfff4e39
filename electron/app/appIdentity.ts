// The desktop app's identity as the OS sees it. Windows shows a notification only for an app whose
// AppUserModelID matches its Start-menu shortcut, which the installer creates from
// electron-builder.yml's appId — so the two must be equal (a unit test compares them).
export const APP_USER_MODEL_ID = 'dev.tminus.console';
