package org.citypromise.web.web;

import org.citypromise.web.api.AggregationApi;
import org.citypromise.web.api.CatalogAction;
import org.citypromise.web.api.CityContribution;
import org.citypromise.web.api.Pledge;
import org.citypromise.web.api.PledgeApi;
import org.citypromise.web.api.PledgeEstimate;
import org.citypromise.web.api.ServiceRefused;
import org.citypromise.web.domain.Quantities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pledge flow, a page a step, each a plain link or form so that it works without JavaScript: the city,
 * then an area, then an action from the catalog; then the details (quantity with pledge-service's own
 * estimate, who pledges, by when, optional name and contact with consent) and the pledge, sent with the
 * form's idempotency key; then the confirmation, which is the new pledge's page under "my pledges".
 */
@Controller
class PledgeFlow {

    private static final Logger log = LoggerFactory.getLogger(PledgeFlow.class);

    static final List<String> STAKEHOLDER_TYPES = List.of("INDIVIDUAL", "HOUSEHOLD", "BUSINESS", "SCHOOL",
            "COMMUNITY_GROUP", "PUBLIC_INSTITUTION");
    /** The service's field names the details form has an input for. */
    static final List<String> FORM_FIELDS = List.of("quantity", "stakeholderType", "targetDate", "displayName",
            "contact", "actionCode");
    private static final int CITIES_OFFERED = 200;

    private final PledgeApi pledges;
    private final AggregationApi aggregation;
    private final MessageSource messages;
    private final SiteFormats formats;

    PledgeFlow(PledgeApi pledges, AggregationApi aggregation, MessageSource messages, SiteFormats formats) {
        this.pledges = pledges;
        this.aggregation = aggregation;
        this.messages = messages;
        this.formats = formats;
    }

    /** Steps one to three: the city, the area, the action; each chosen by a link that adds it to the address. */
    @GetMapping("/" + SitePaths.LANG + "/pledge")
    String choose(@RequestParam(required = false) String city, @RequestParam(required = false) String area,
                  Model model) {
        List<CityContribution> cities = aggregation.cities(CITIES_OFFERED);
        Optional<CityContribution> chosenCity = cities.stream().filter(c -> c.cityId().equals(city)).findFirst();
        model.addAttribute("cities", cities);
        if (chosenCity.isEmpty()) {
            model.addAttribute("step", "city");
            return "pledge-choose";
        }
        model.addAttribute("city", chosenCity.get());
        List<CatalogAction> catalog = pledges.catalog();
        Map<String, List<CatalogAction>> byArea = new LinkedHashMap<>();
        catalog.forEach(action -> byArea.computeIfAbsent(action.pledgeArea(), any -> new java.util.ArrayList<>()).add(action));
        model.addAttribute("areas", byArea);
        if (area == null || !byArea.containsKey(area)) {
            model.addAttribute("step", "area");
            return "pledge-choose";
        }
        model.addAttribute("step", "action");
        model.addAttribute("area", area);
        model.addAttribute("actions", byArea.get(area));
        return "pledge-choose";
    }

    /** Step four, for a signed-in resident (the sign-in comes back here): the details of the pledge. */
    @GetMapping("/" + SitePaths.LANG + "/pledge/details")
    String details(@RequestParam String city, @RequestParam String action, Model model) {
        return detailsPage(PledgeForm.start(city, action), FieldProblems.none(), null, model);
    }

    /**
     * The details form sent: "estimate" shows pledge-service's estimate with everything typed kept; "pledge"
     * pledges, and a refusal comes back next to the fields it names, in the visitor's language.
     */
    @PostMapping("/" + SitePaths.LANG + "/pledge/details")
    String send(@PathVariable String lang, @ModelAttribute PledgeForm form,
                @RequestParam(defaultValue = "pledge") String intent, Model model) {
        Parsed parsed = parse(form);
        if (parsed.problems().any()) {
            return detailsPage(form, parsed.problems(), null, model);
        }
        if ("estimate".equals(intent)) {
            return detailsPage(form, FieldProblems.none(), estimate(form, parsed.quantity()).text(), model);
        }
        try {
            Pledge pledge = pledges.submit(form.city(), new PledgeApi.Submission(form.stakeholderType(), form.action(),
                    parsed.quantity(), parsed.targetDate(), blankToNull(form.displayName()), blankToNull(form.contact())),
                    form.idempotencyKey());
            return "redirect:/" + lang + "/me/pledges/" + pledge.id() + "?pledged";
        } catch (ServiceRefused refused) {
            log.info("pledge refused in {}: {}", form.city(), refused.getMessage());
            return detailsPage(form, FieldProblems.of(refused, FORM_FIELDS), null, model);
        }
    }

    /** The estimate for the page's script, as the number the page would show: no personal data goes with it. */
    @GetMapping(path = "/" + SitePaths.LANG + "/pledge/estimate", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, String>> estimateForScript(@RequestParam String city, @RequestParam String action,
                                                          @RequestParam String quantity) {
        Optional<BigDecimal> amount = quantity(quantity);
        if (amount.isEmpty()) {
            return ResponseEntity.badRequest().body(Map.of("quantity", message("pledge.quantity.invalid")));
        }
        Estimate estimate = estimate(PledgeForm.start(city, action), amount.get());
        return estimate.made() ? ResponseEntity.ok(Map.of("text", estimate.text()))
                : ResponseEntity.unprocessableContent().body(Map.of("quantity", estimate.text()));
    }

    private String detailsPage(PledgeForm form, FieldProblems problems, String estimate, Model model) {
        CatalogAction action = pledges.catalog().stream().filter(a -> a.code().equals(form.action())).findFirst()
                .orElse(null);
        Optional<CityContribution> city = aggregation.city(form.city());
        if (action == null || city.isEmpty()) {
            throw new UnknownCity(form.city());
        }
        model.addAttribute("form", form);
        model.addAttribute("action", action);
        model.addAttribute("city", city.get());
        model.addAttribute("problems", problems);
        model.addAttribute("estimate", estimate);
        model.addAttribute("stakeholderTypes", STAKEHOLDER_TYPES);
        return "pledge-details";
    }

    /** The estimate in words, or why there is none (the service's reason, e.g. the city has no such factor yet). */
    private record Estimate(boolean made, String text) {
    }

    private Estimate estimate(PledgeForm form, BigDecimal quantity) {
        try {
            return new Estimate(true, estimateText(pledges.estimate(form.city(), form.action(), quantity)));
        } catch (ServiceRefused refused) {
            FieldProblems problems = FieldProblems.of(refused, FORM_FIELDS);
            return new Estimate(false, problems.has("quantity") ? problems.of("quantity")
                    : problems.general().isEmpty() ? message("pledge.estimate.unavailable") : problems.general().get(0));
        }
    }

    private String estimateText(PledgeEstimate estimate) {
        return messages.getMessage("pledge.estimate.result",
                new Object[]{formats.tco2e(estimate.estimatedTco2ePerYear())}, LocaleContextHolder.getLocale());
    }

    /** The form's text read as the API wants it; what cannot be read is answered here, next to its field. */
    private record Parsed(BigDecimal quantity, LocalDate targetDate, FieldProblems problems) {
    }

    private Parsed parse(PledgeForm form) {
        Map<String, String> byField = new LinkedHashMap<>();
        Optional<BigDecimal> quantity = quantity(form.quantity());
        if (form.quantity().isEmpty()) {
            byField.put("quantity", message("pledge.quantity.missing"));
        } else if (quantity.isEmpty()) {
            byField.put("quantity", message("pledge.quantity.invalid"));
        }
        if (!STAKEHOLDER_TYPES.contains(form.stakeholderType())) {
            byField.put("stakeholderType", message("pledge.stakeholder.missing"));
        }
        LocalDate targetDate = null;
        if (!form.targetDate().isEmpty()) {
            try {
                targetDate = LocalDate.parse(form.targetDate());
            } catch (DateTimeParseException e) {
                byField.put("targetDate", message("pledge.targetDate.invalid"));
            }
        }
        if (form.personalDetailsWithoutConsent()) {
            byField.put("consent", message("pledge.consent.missing"));
        }
        return new Parsed(quantity.orElse(null), targetDate, new FieldProblems(byField, List.of()));
    }

    /** A quantity as people type it in the page's language; the API checks the rest (range, decimals). */
    static Optional<BigDecimal> quantity(String text) {
        return Quantities.read(text, LocaleContextHolder.getLocale());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private String message(String code) {
        return messages.getMessage(code, null, LocaleContextHolder.getLocale());
    }
}
