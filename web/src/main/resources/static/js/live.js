// Live updates of a city page: the numbers change in place when pledges land (Server-Sent Events from
// /live/cities/{cityId}). Progressive enhancement: without this script the page shows the numbers it was
// rendered with. Numbers are formatted for the page's language, as the server formats them.
(function () {
  "use strict";
  var main = document.querySelector("main[data-city]");
  if (!main || !window.EventSource) {
    return;
  }
  var city = main.getAttribute("data-city");
  var lang = main.getAttribute("data-lang") || document.documentElement.lang || "en";
  var latest = 0;

  function tonnes(value) {
    var size = Math.abs(value);
    var digits = size >= 100 ? 0 : size >= 1 ? 1 : 3;
    return new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value);
  }
  function count(value) {
    return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(value);
  }
  function percent(value) {
    var digits = Math.abs(value) < 1 ? 2 : 1;
    return new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: digits }).format(value / 100);
  }
  function show(name, text) {
    var element = main.querySelector('[data-live="' + name + '"]');
    if (element) {
      element.textContent = text;
    }
  }

  var source = new EventSource("/live/cities/" + encodeURIComponent(city));
  source.addEventListener("contribution", function (event) {
    var numbers;
    try {
      numbers = JSON.parse(event.data);
    } catch (unreadable) {
      return;
    }
    if (numbers.cityId !== city || numbers.version <= latest) {
      return;
    }
    latest = numbers.version;
    var pledged = tonnes(Number(numbers.pledgedTco2ePerYear));
    var participants = count(numbers.participantCount);
    show("pledged", pledged);
    show("achieved", tonnes(Number(numbers.achievedTco2ePerYear)));
    show("participants", participants);
    if (numbers.gapCoveragePercent !== null && numbers.gapCoveragePercent !== undefined) {
      var coverage = Number(numbers.gapCoveragePercent);
      show("coverage", percent(coverage));
      var bar = main.querySelector('[data-live="coverage-bar"]');
      if (bar) {
        bar.value = Math.max(0, Math.min(100, coverage));
        bar.textContent = percent(coverage);
      }
    }
    var status = main.querySelector('[data-live="status"]');
    if (status) {
      var message = status.getAttribute("data-message") || "";
      status.textContent = message.replace("{0}", pledged).replace("{1}", participants);
    }
  });
})();
