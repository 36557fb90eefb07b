import { beforeEach, describe, expect, it, vi } from 'vitest';

const showOpenDialog = vi.fn();
vi.mock('electron', () => ({ dialog: { showOpenDialog } }));

const { exportFolderChooser } = await import('./export-folder-dialog');

beforeEach(() => {
  showOpenDialog.mockReset();
});

describe('exportFolderChooser', () => {
  it('returns the chosen folder, asking for a directory over the kiosk window', async () => {
    const window = { id: 1 };
    showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/media/usb'] });
    const choose = exportFolderChooser(() => window as never);
    expect(await choose()).toBe('/media/usb');
    expect(showOpenDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }),
    );
  });

  it('returns undefined when staff cancel', async () => {
    showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await exportFolderChooser(() => undefined)()).toBeUndefined();
  });
});
