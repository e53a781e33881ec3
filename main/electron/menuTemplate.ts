// The application menu, described as data (main.ts builds it with Electron's Menu).
export interface MenuEntry {
  label?: string;
  role?: string;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuEntry[];
}

/** `packaged`: `app.isPackaged`; a build for users has no DevTools entry. */
export function applicationMenu(
  platform: NodeJS.Platform,
  actions: { reload(): void },
  options: { packaged: boolean },
): MenuEntry[] {
  const mac = platform === 'darwin';
  return [
    ...(mac
      ? [
          {
            label: 'Plumbline',
            submenu: [{ role: 'about' }, { type: 'separator' as const }, { role: 'quit' }],
          },
        ]
      : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Reload', accelerator: 'CmdOrCtrl+R', click: actions.reload },
        ...(options.packaged ? [] : [{ role: 'toggleDevTools' }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }] },
  ];
}
