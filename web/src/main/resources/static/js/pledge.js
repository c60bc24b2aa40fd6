// The pledge form, enhanced: the estimate follows the quantity as it is typed (pledge-service's own number,
// through the site), and a second tap on "Pledge" while the first is on its way is ignored. Without this
// script the form works the same, a button press at a time; the idempotency key guards a double submission
// either way.
(function () {
  'use strict';
  var form = document.querySelector('form.pledge-form');
  if (!form) { return; }
  var quantity = form.querySelector('#quantity');
  var estimate = form.querySelector('#estimate');
  var url = form.getAttribute('data-estimate-url');
  var timer = null;
  var asked = 0;

  function show(text) {
    estimate.textContent = text || '';
  }

  function ask() {
    var value = quantity.value.trim();
    if (!value) { show(''); return; }
    var query = new URLSearchParams({
      city: form.elements.city.value, action: form.elements.action.value, quantity: value
    });
    var mine = ++asked;
    fetch(url + '?' + query.toString(), { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        if (mine === asked) { show(answer.text || answer.quantity); }
      })
      .catch(function () { /* the button still asks the server */ });
  }

  quantity.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 350);
  });

  var sending = false;
  form.addEventListener('submit', function (event) {
    var pledging = event.submitter && event.submitter.value === 'pledge';
    if (!pledging) { return; }
    if (sending) { event.preventDefault(); return; }
    sending = true;
  });
}());
