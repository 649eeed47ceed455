import { applyLabels, languageButton, t } from './i18n.js';
import { currentSession } from './api.js';

function message() {
  const p = new URLSearchParams(location.search);
  const m = document.getElementById('signin-message');
  m.textContent = p.has('error') ? t('signin.error') : p.has('signedOut') ? t('signin.out') : '';
  m.className = p.has('error') ? 'problem' : '';
}

document.getElementById('lang-slot').append(languageButton(message));
applyLabels();
message();
const form = document.getElementById('signin');
const button = document.getElementById('signin-button');
button.disabled = true;
currentSession(true).then(s => {
  if (s.authenticated) { location.replace('/console/'); return; }
  form.querySelector('#csrf').name = s.csrfParameter;
  form.querySelector('#csrf').value = s.csrfToken;
  button.disabled = false;
}).catch(e => {
  const m = document.getElementById('signin-message');
  m.className = 'problem';
  m.textContent = t('error') + ': ' + e.message;
});
