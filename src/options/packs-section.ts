// Story packs: the list (choose the one in use, export, remove) and importing a file.
import { formatNumber, formatStoryDate, plural, t } from '../lib/i18n';
import {
  MAX_PACK_FILE_BYTES,
  importPack,
  listPacks,
  packFileText,
  removePack,
  storePack,
  type ImportOutcome,
  type PackEntry,
} from '../lib/packs';
import { BUILT_IN_PACK_ID, saveSettings, type Settings } from '../lib/settings';
import type { StoryPack } from '../story/schema';
import { MAX_PACK_CHARS } from '../story/validate-pack';
import { byId, element } from '../popup/dom';

export interface PacksSection {
  render(settings: Settings): Promise<void>;
}

const kilobytes = (bytes: number) => formatNumber(Math.ceil(bytes / 1024));
const megabytes = (bytes: number) => formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10);

/** Offers the pack as a file download, named after its id. */
function exportPack(pack: StoryPack): void {
  const url = URL.createObjectURL(new Blob([packFileText(pack)], { type: 'application/json' }));
  const link = element('a');
  link.href = url;
  link.download = `${pack.id}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference to the data once it starts.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function packsSection(saved: () => void): PacksSection {
  const list = byId('pack-list');
  const fileInput = byId<HTMLInputElement>('pack-file');
  const result = byId('import-result');
  const confirm = byId('replace-confirm');
  let pending: { pack: StoryPack; file: string } | null = null;
  let settings: Settings | null = null;

  const showResult = (kind: 'success' | 'failure', heading: string, lines: string[] = []) => {
    result.hidden = false;
    result.className = `result ${kind}`;
    result.setAttribute('role', kind === 'failure' ? 'alert' : 'status');
    const children: HTMLElement[] = [element('p', 'result-heading', heading)];
    if (lines.length > 0) {
      const items = element('ul', 'errors');
      items.append(...lines.map((line) => element('li', null, line)));
      children.push(items);
    }
    result.replaceChildren(...children);
  };

  const rejected = (file: string, lines: string[]) => showResult('failure', t('optionsImportRejected', [file]), lines);

  const report = (file: string, outcome: ImportOutcome) => {
    confirm.hidden = true;
    pending = null;
    switch (outcome.status) {
      case 'imported':
        showResult(
          'success',
          outcome.replaced ? t('optionsReplaced', [outcome.pack.id]) : t('optionsImported', [outcome.pack.story.headline]),
        );
        saved();
        break;
      case 'invalid':
        rejected(file, outcome.errors);
        break;
      case 'built-in-id':
        rejected(file, [t('optionsBuiltInId', [outcome.id])]);
        break;
      case 'no-room':
        rejected(file, [t('optionsNoRoom', [kilobytes(outcome.bytes), kilobytes(outcome.available)])]);
        break;
      case 'exists':
        pending = { pack: outcome.pack, file };
        result.hidden = true;
        byId('replace-question').textContent = t('optionsReplaceQuestion', [outcome.pack.id, file]);
        confirm.hidden = false;
        byId('replace-yes').focus();
        break;
    }
  };

  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    // Cleared so that choosing the same file again, after fixing it, is a change too.
    fileInput.value = '';
    if (!file) return;
    if (file.size > MAX_PACK_FILE_BYTES) {
      rejected(file.name, [t('optionsFileTooLarge', [megabytes(file.size), megabytes(MAX_PACK_CHARS)])]);
      return;
    }
    report(file.name, await importPack(await file.text()));
    await refresh();
  });

  byId('replace-yes').addEventListener('click', async () => {
    if (!pending) return;
    const { pack, file } = pending;
    report(file, await storePack(pack, { replace: true }));
    await refresh();
  });
  byId('replace-no').addEventListener('click', () => {
    pending = null;
    confirm.hidden = true;
    fileInput.focus();
  });

  const item = (entry: PackEntry, active: boolean): HTMLElement => {
    const { pack } = entry;
    const node = element('li', 'pack');
    node.dataset.pack = entry.id;
    node.classList.toggle('active', active);
    const radio = element('input');
    radio.type = 'radio';
    radio.name = 'active-pack';
    radio.value = entry.id;
    radio.id = `pack-${entry.id}`;
    radio.checked = active;
    radio.disabled = pack === null;
    radio.addEventListener('change', () => {
      if (radio.checked) void saveSettings({ activePack: entry.id }).then(saved);
    });
    const label = element('label', 'pack-text');
    label.htmlFor = radio.id;
    const headline = element('span', 'pack-headline', pack?.story.headline ?? t('optionsBrokenPack'));
    const meta = pack
      ? [pack.story.source, formatStoryDate(pack.story.date), plural('optionsPackEntities', pack.entities.length), entry.id]
      : [entry.id, entry.problem ?? ''];
    if (!entry.builtIn) meta.push(t('optionsPackSize', [kilobytes(entry.bytes)]));
    label.append(headline, element('span', 'pack-meta', meta.filter(Boolean).join(' · ')));
    const tags = element('span', 'tags');
    if (active) tags.append(element('span', 'tag in-use', t('optionsPackInUse')));
    if (entry.builtIn) tags.append(element('span', 'tag', t('optionsBuiltIn')));
    const actions = element('div', 'pack-actions');
    if (pack) {
      const exportButton = element('button', 'secondary small export', t('optionsExportPack'));
      exportButton.type = 'button';
      exportButton.addEventListener('click', () => exportPack(pack));
      actions.append(exportButton);
    }
    if (!entry.builtIn) {
      const remove = element('button', 'secondary small remove', t('optionsRemove'));
      remove.type = 'button';
      remove.addEventListener('click', async () => {
        await removePack(entry.id);
        saved();
        await refresh();
      });
      actions.append(remove);
    }
    node.append(radio, label, tags, actions);
    return node;
  };

  let rendering = Promise.resolve();
  const refresh = () => {
    rendering = rendering.then(async () => {
      const entries = await listPacks();
      // A chosen pack that is gone or unreadable is not in use: the built-in one stands in for it.
      const chosen = entries.find((entry) => entry.id === settings?.activePack && entry.pack !== null);
      const activeId = chosen?.id ?? BUILT_IN_PACK_ID;
      list.replaceChildren(...entries.map((entry) => item(entry, entry.id === activeId)));
    });
    return rendering;
  };

  return {
    render(next) {
      settings = next;
      return refresh();
    },
  };
}
