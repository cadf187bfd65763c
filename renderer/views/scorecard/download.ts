/** Saves text as a file through the browser's download (works the same in the Electron window). */
export function downloadText(fileName: string, mediaType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has handed the blob to the download by now; keep the URL a moment for slow handlers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
