// A file dropped anywhere but a drop zone must not replace the app with the file (the webview's
// default, since the OS's drag and drop is left to the page). Drop zones handle their own drops
// and prevent the default first; whatever reaches the window unhandled is refused here.
export function guardFileDrops(): void {
  const guard = (e: DragEvent) => {
    if (e.defaultPrevented || !e.dataTransfer?.types.includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "none";
  };
  window.addEventListener("dragover", guard);
  window.addEventListener("drop", guard);
}
