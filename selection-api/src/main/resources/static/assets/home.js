import { applyLabels, languageButton, t } from './i18n.js';
import { api, enc } from './api.js';
import { el, problemBox } from './ui.js';

async function render() {
  const box = document.getElementById('editions');
  try {
    const editions = await api('/api/public/editions');
    box.replaceChildren(editions.length
      ? el('ul', { class: 'editions', id: 'edition-list' }, editions.map(e => el('li', {},
        el('a', { href: '/results/' + enc(e.id) }, e.title), ' ',
        el('span', { class: 'sub' }, t('stage.' + e.stage)))))
      : el('p', { id: 'no-results' }, t('results.none')));
  } catch (e) {
    box.replaceChildren(problemBox(e));
  }
  box.dataset.ready = 'true';
}

document.getElementById('lang-slot').append(languageButton(render));
applyLabels();
render();
