// Attachment files in the workbench: dropped (or chosen) files are kept in the page and sent with the case; each
// attachment row says whether its file is here, so the coordinator knows what to drop.
import { fieldId } from './render-form.js';

/** Adds the drop zone (drag and drop, or a keyboard-usable file chooser) under the attachments list. */
export function attachDropZone(form: HTMLElement, onFiles: (files: File[]) => void): void {
  const section = form.querySelector('#s-attachments');
  if (!section) return;
  const zone = document.createElement('div');
  zone.className = 'dropzone';
  zone.id = 'dropzone';
  const label = document.createElement('label');
  label.htmlFor = 'attachment-input';
  label.textContent = 'Drop PDF, PNG or JPEG files here, or choose files…';
  const input = document.createElement('input');
  input.type = 'file';
  input.id = 'attachment-input';
  input.multiple = true;
  input.accept = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';
  input.addEventListener('change', () => {
    if (input.files?.length) onFiles([...input.files]);
  });
  zone.append(label, input);
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const dropped = [...(e.dataTransfer?.files ?? [])];
    if (dropped.length) onFiles(dropped);
  });
  section.append(zone);
}

/** Beside each attachment's file name: whether that file has been added to the page. */
export function attachmentStatus(form: HTMLElement, value: Record<string, unknown>, files: ReadonlyMap<string, File>): void {
  const list = (value.attachments as { file?: unknown }[] | undefined) ?? [];
  list.forEach((a, i) => {
    const input = form.querySelector(`#${fieldId(`attachments.${i}.file`)}`);
    const box = input?.parentElement;
    if (!box) return;
    box.querySelector('.attach-status')?.remove();
    const note = document.createElement('p');
    const file = typeof a?.file === 'string' ? files.get(a.file) : undefined;
    note.className = `attach-status ${file ? 'here' : 'missing'}`;
    note.textContent = file ? `✓ File added (${Math.max(1, Math.round(file.size / 1024))} KB).` : '✗ File not added yet: drop it on the box below, or the packet cannot be made.';
    box.append(note);
  });
}
