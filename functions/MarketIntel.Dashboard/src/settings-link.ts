import { h } from './dom';

/** A button that opens the settings dialog, shown next to 401 explanations. */
export function openSettingsLink(): HTMLElement {
  return h('button', { type: 'button', class: 'button primary', onclick: () => (document.getElementById('settings-open') as HTMLButtonElement | null)?.click() }, 'Open Settings to enter the API key');
}
