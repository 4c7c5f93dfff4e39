// electron-builder hook: make sure the Electron-ABI build of better-sqlite3 exists before the
// package is assembled (electron-builder's own in-place rebuild is off: npmRebuild: false).
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

exports.default = async function beforePack() {
  execFileSync(process.execPath, [join(__dirname, 'electron-native.mjs'), '--if-missing'], { stdio: 'inherit' });
};
