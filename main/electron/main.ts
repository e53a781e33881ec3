// The desktop host: hardened web contents (every one, see harden.ts), the engine in a utility
// process, the application menu, and the dialog that confirms guarded settings.
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  safeStorage,
  session,
  shell,
  type MenuItemConstructorOptions,
} from 'electron';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resolveDataDir } from '../../engine/store/dataDir.ts';
import { registerAppScheme, serveRenderer } from './appProtocol.ts';
import { keychainSecretStore } from '../host/keychainSecretStore.ts';
import { desktopSecretStore } from './desktopSecretStore.ts';
import { startEngineProcess } from './engineProcess.ts';
import { hardenEveryWebContents, hardenSession } from './harden.ts';
import { bridgeIpc, type ConfirmFromWindow } from './ipcBridge.ts';
import { applicationMenu } from './menuTemplate.ts';
import { appEntryUrl, mainWindowPreferences } from './policy.ts';
import { applyButton, guardedSettingsDialog } from './settingsConfirmation.ts';

const dataDir = resolveDataDir(process.env, homedir());
app.setPath('userData', dataDir);
app.enableSandbox();
registerAppScheme();
const packaged = app.isPackaged;
// Before any window exists, so that no web contents escapes it.
hardenEveryWebContents(app, { packaged, openExternal: (url) => void shell.openExternal(url) });

const confirmGuardedSettings: ConfirmFromWindow = async (changes, sender) => {
  const window = BrowserWindow.fromWebContents(sender);
  const options = guardedSettingsDialog(changes);
  const { response } = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options);
  return response === applyButton;
};

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Plumbline',
    show: false,
    webPreferences: mainWindowPreferences(join(app.getAppPath(), 'main', 'dist', 'preload.cjs'), {
      packaged,
    }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appEntryUrl);
  return window;
}

void app.whenReady().then(() => {
  hardenSession(session.defaultSession);
  serveRenderer(join(app.getAppPath(), 'renderer', 'dist'));
  const engine = startEngineProcess(
    join(app.getAppPath(), 'main', 'dist', 'engine-worker.mjs'),
    join(app.getAppPath(), 'resources'),
    {
      ...process.env,
      PLUMBLINE_DATA_DIR: dataDir,
    },
    desktopSecretStore({ keychain: keychainSecretStore(), safeStorage, dataDir, platform: process.platform }),
  );
  const unbridge = bridgeIpc(engine.client, confirmGuardedSettings);
  const menu = applicationMenu(
    process.platform,
    { reload: () => BrowserWindow.getFocusedWindow()?.reload() },
    { packaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu as MenuItemConstructorOptions[]));
  createWindow();

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('will-quit', () => {
    unbridge();
    engine.stop();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
