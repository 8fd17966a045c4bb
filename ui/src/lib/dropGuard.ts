// A file dropped anywhere but a drop zone must not replace the app with the file (the webview's
// default, since the OS's drag and drop is left to the page). Drop zones take a file dragged over
// them (`acceptFileDrag`) and handle their own drops, preventing the default first; whatever
// reaches the window unhandled is refused here.
export function guardFileDrops(): void {
  const guard = (e: DragEvent) => {
    if (e.defaultPrevented || !e.dataTransfer?.types.includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "none";
  };
  window.addEventListener("dragover", guard);
  window.addEventListener("drop", guard);
}

/** A drop zone's dragover (and dragenter): files are taken as a copy (true); anything else is left alone. */
export function acceptFileDrag(e: DragEvent): boolean {
  if (!e.dataTransfer?.types.includes("Files")) return false;
  e.preventDefault();
  e.dataTransfer.dropEffect = "copy";
  return true;
}
