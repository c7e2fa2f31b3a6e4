// Stands in, for ReleasesPageBrowserTest, for the part of Jenkins' own jsbundles/app.js that the Releases page uses:
// window.dialog.confirm and window.dialog.prompt from Jenkins' design library, with the same contract as Jenkins
// 2.516's: each opens a modal <dialog class="jenkins-dialog"> with the title (.jenkins-dialog__title), the message
// (.jenkins-dialog__contents), for a prompt a text input (.jenkins-dialog__input input[data-id=input]), and the buttons
// OK (button[data-id=ok], jenkins-button jenkins-button--primary, plus jenkins-!-destructive-color for
// type: "destructive") and Cancel (button[data-id=cancel]). OK resolves the promise (confirm: true; prompt: the text
// typed), Cancel or Escape rejects it; a prompt's OK stays disabled while its input is blank unless allowEmpty.
// Written for the test, not taken from Jenkins. One difference: Jenkins inserts okText and cancelText as HTML; this
// sets every text as text (the page passes only fixed labels, so both show the same).
(function () {
  'use strict';

  function element(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function open(kind, title, options) {
    const o = Object.assign({ message: null, okText: kind === 'confirm' ? 'Yes' : 'OK', cancelText: 'Cancel',
      type: 'default', allowEmpty: false }, options);
    return new Promise(function (resolve, reject) {
      const dialog = element('dialog', 'jenkins-dialog');
      dialog.append(element('div', 'jenkins-dialog__title', title));
      if (o.message !== null) dialog.append(element('div', 'jenkins-dialog__contents', o.message));
      let input = null;
      if (kind === 'prompt') {
        const wrap = element('div', 'jenkins-dialog__input');
        input = element('input', 'jenkins-input');
        input.type = 'text';
        input.dataset.id = 'input';
        wrap.append(input);
        dialog.append(wrap);
      }
      const row = element('div', 'jenkins-buttons-row jenkins-buttons-row--equal-width jenkins-dialog__buttons');
      const ok = element('button', 'jenkins-button jenkins-button--primary'
        + (o.type === 'destructive' ? ' jenkins-!-destructive-color' : ''), o.okText);
      ok.type = 'button';
      ok.dataset.id = 'ok';
      const cancel = element('button', 'jenkins-button', o.cancelText);
      cancel.type = 'button';
      cancel.dataset.id = 'cancel';
      row.append(ok, cancel);
      dialog.append(row);

      function close() {
        dialog.close();
        dialog.remove();
      }
      ok.addEventListener('click', function (e) {
        e.preventDefault();
        close();
        resolve(kind === 'prompt' ? input.value : true);
      });
      const dismiss = function (e) {
        e.preventDefault();
        close();
        reject();
      };
      cancel.addEventListener('click', dismiss);
      dialog.addEventListener('cancel', dismiss);
      if (input !== null && !o.allowEmpty) {
        ok.disabled = true;
        input.addEventListener('input', function () { ok.disabled = input.value.trim() === ''; });
      }
      document.body.append(dialog);
      dialog.showModal();
      (input || ok).focus();
    });
  }

  window.dialog = {
    confirm: function (title, options) { return open('confirm', title, options); },
    prompt: function (title, options) { return open('prompt', title, options); },
  };
})();
