package org.citypromise.web.web;

import org.citypromise.web.api.AggregationApi;
import org.citypromise.web.api.CityContribution;
import org.citypromise.web.api.Pledge;
import org.citypromise.web.api.PledgeApi;
import org.citypromise.web.api.ServiceRefused;
import org.citypromise.web.domain.Quantities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * "My pledges": a signed-in resident's pledges, progress reports and withdrawals, their data to download
 * and to erase. A change names the version the resident saw; when the pledge changed since (another window,
 * another device), the page says so, shows the pledge as it is now and keeps what was typed, so nothing is lost.
 */
@Controller
class MyPledges {

    private static final Logger log = LoggerFactory.getLogger(MyPledges.class);
    static final int PAGE_SIZE = 20;

    private final PledgeApi pledges;
    private final AggregationApi aggregation;
    private final MessageSource messages;

    MyPledges(PledgeApi pledges, AggregationApi aggregation, MessageSource messages) {
        this.pledges = pledges;
        this.aggregation = aggregation;
        this.messages = messages;
    }

    @GetMapping("/" + SitePaths.LANG + "/me")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        PledgeApi.PledgePage mine = pledges.mine(Math.max(0, page), PAGE_SIZE);
        model.addAttribute("pledges", mine.items());
        model.addAttribute("page", mine.page());
        model.addAttribute("hasNext", (long) (mine.page() + 1) * PAGE_SIZE < mine.totalItems());
        model.addAttribute("total", mine.totalItems());
        model.addAttribute("titles", titles());
        return "me";
    }

    /** One pledge: also the confirmation after pledging ({@code ?pledged}). */
    @GetMapping("/" + SitePaths.LANG + "/me/pledges/{id}")
    String pledge(@PathVariable String id, @RequestParam(required = false) String pledged, Model model) {
        Pledge pledge = pledges.pledge(checkedId(id)).orElseThrow(() -> new UnknownPledge(id));
        return pledgePage(pledge, pledged != null, null, null, model);
    }

    @PostMapping("/" + SitePaths.LANG + "/me/pledges/{id}/progress")
    String reportProgress(@PathVariable String lang, @PathVariable String id, @RequestParam long version,
                          @RequestParam(defaultValue = "") String achievedQuantity, Model model,
                          RedirectAttributes redirect) {
        Optional<BigDecimal> achieved = Quantities.read(achievedQuantity, LocaleContextHolder.getLocale());
        if (achieved.isEmpty()) {
            Pledge pledge = pledges.pledge(checkedId(id)).orElseThrow(() -> new UnknownPledge(id));
            return pledgePage(pledge, false, FieldProblems.of("achievedQuantity", message("pledge.quantity.invalid")),
                    achievedQuantity, model);
        }
        try {
            pledges.reportProgress(checkedId(id), version, achieved.get());
            redirect.addFlashAttribute("notice", message("me.progress.saved"));
            return "redirect:/" + lang + "/me/pledges/" + id;
        } catch (ServiceRefused refused) {
            return changeRefused(id, refused, achievedQuantity, model);
        }
    }

    @PostMapping("/" + SitePaths.LANG + "/me/pledges/{id}/withdrawal")
    String withdraw(@PathVariable String lang, @PathVariable String id, @RequestParam long version, Model model,
                    RedirectAttributes redirect) {
        try {
            pledges.withdraw(checkedId(id), version);
            redirect.addFlashAttribute("notice", message("me.withdrawn"));
            return "redirect:/" + lang + "/me/pledges/" + id;
        } catch (ServiceRefused refused) {
            return changeRefused(id, refused, null, model);
        }
    }

    /**
     * A change the service refused: stale (412: changed since it was read), final (409: fulfilled, withdrawn
     * or lapsed), or a value it does not take (named next to the field). The pledge is shown as it is now.
     */
    private String changeRefused(String id, ServiceRefused refused, String typed, Model model) {
        Pledge now = pledges.pledge(checkedId(id)).orElseThrow(() -> new UnknownPledge(id));
        log.info("change to pledge {} refused: {}", id, refused.getMessage());
        FieldProblems problems;
        if (refused.status().value() == HttpStatus.PRECONDITION_FAILED.value()) {
            problems = new FieldProblems(java.util.Map.of(), List.of(message("me.stale")));
        } else if (refused.status().value() == HttpStatus.CONFLICT.value()) {
            problems = new FieldProblems(java.util.Map.of(), List.of(message("me.final")));
        } else {
            problems = FieldProblems.of(refused, List.of("achievedQuantity"));
        }
        return pledgePage(now, false, problems, typed, model);
    }

    private String pledgePage(Pledge pledge, boolean justPledged, FieldProblems problems, String typed, Model model) {
        model.addAttribute("pledge", pledge);
        model.addAttribute("justPledged", justPledged);
        model.addAttribute("problems", problems == null ? FieldProblems.none() : problems);
        model.addAttribute("typed", typed);
        model.addAttribute("titles", titles());
        // the city by its name, as the city pages show it (its id where the views do not know it yet)
        model.addAttribute("cityName", aggregation.city(pledge.cityId()).map(CityContribution::name)
                .filter(name -> !name.isBlank()).orElse(pledge.cityId()));
        return "me-pledge";
    }

    /**
     * The actions' titles in the page's language, by code: a pledge keeps the title it was made under
     * (English), the catalog answers in the visitor's language.
     */
    private java.util.Map<String, String> titles() {
        java.util.Map<String, String> titles = new java.util.HashMap<>();
        pledges.catalog().forEach(action -> titles.put(action.code(), action.title()));
        return titles;
    }

    /** "Download my data": what pledge-service holds about the resident, as a JSON file. */
    @GetMapping("/" + SitePaths.LANG + "/me/personal-data")
    ResponseEntity<byte[]> download() {
        byte[] document = pledges.personalData();
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("citypromise-my-data.json").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(document);
    }

    @GetMapping("/" + SitePaths.LANG + "/me/erasure")
    String confirmErasure() {
        return "me-erasure";
    }

    /** "Erase my data": the pledges stay counted, anonymised; the resident can no longer see or change them. */
    @PostMapping("/" + SitePaths.LANG + "/me/erasure")
    String erase(Model model) {
        model.addAttribute("erased", pledges.erasePersonalData());
        return "me-erased";
    }

    private static String checkedId(String id) {
        if (id == null || !id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw new UnknownPledge(id);
        }
        return id;
    }

    private String message(String code) {
        return messages.getMessage(code, null, LocaleContextHolder.getLocale());
    }
}
