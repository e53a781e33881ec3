// Electron's ipcMain and BrowserWindow as plain objects, for the unit tests of the main process's
// IPC bridge (the real ones run in test/electron where the binary exists). A test file mocks
// `electron` with `electronModule` and reads or sets `fakeElectron`.
type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

export const fakeElectron = {
  /** what ipcMain.handle registered, by channel */
  handlers: new Map<string, Handler>(),
  /** what BrowserWindow.getAllWindows returns */
  windows: [] as Array<{
    webContents: { mainFrame: { url: string }; send: (channel: string, payload: unknown) => void };
  }>,
};

export const electronModule = {
  ipcMain: {
    handle: (channel: string, handler: Handler) => fakeElectron.handlers.set(channel, handler),
    removeHandler: (channel: string) => fakeElectron.handlers.delete(channel),
  },
  BrowserWindow: { getAllWindows: () => fakeElectron.windows },
};
