/**
 * The export folder, chosen by staff with the system dialog (a USB stick is the common case).
 * Only main sees the path: the renderer learns the export folder's name, never where it is.
 * https://www.electronjs.org/docs/latest/api/dialog#dialogshowopendialogwindow-options
 */
import { dialog, type BrowserWindow } from 'electron';

export function exportFolderChooser(
  window: () => BrowserWindow | undefined,
): () => Promise<string | undefined> {
  return async () => {
    const options = {
      title: 'Choose a folder for the export',
      buttonLabel: 'Export here',
      properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
    };
    const parent = window();
    const result = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? undefined : result.filePaths[0];
  };
}
