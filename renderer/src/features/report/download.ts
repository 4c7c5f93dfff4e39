// Hands an exported report to the browser's download: a Blob behind an object URL (no network
// request; allowed by the desktop shell's request filter), clicked through a temporary link.
import type { CallResult } from '../../../../shared/api/contract';

export type ExportedFile = CallResult<'exportReport'>;

export function blobOf(file: ExportedFile): Blob {
  if (file.encoding === 'base64') {
    const binary = atob(file.content);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Blob([bytes], { type: file.mimeType });
  }
  return new Blob([file.content], { type: file.mimeType });
}

/** Starts the download and returns the object URL (kept for a "download again" link). */
export function startDownload(file: ExportedFile): { url: string; size: number } {
  const blob = blobOf(file);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  return { url, size: blob.size };
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
