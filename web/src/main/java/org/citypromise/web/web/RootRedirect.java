package org.citypromise.web.web;

import org.citypromise.web.domain.Language;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

import java.net.URI;

/** The bare address sends a visitor to the home page in the language their browser asks for first. */
@Controller
class RootRedirect {

    @GetMapping("/")
    ResponseEntity<Void> home(@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accepted) {
        Language language = Language.preferredBy(accepted);
        return ResponseEntity.status(HttpStatus.FOUND)
                .location(URI.create("/" + language.tag() + "/"))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .build();
    }

    /** {@code /ko} without the slash is the Korean home page too. */
    @GetMapping("/" + SitePaths.LANG)
    ResponseEntity<Void> languageHome(@org.springframework.web.bind.annotation.PathVariable String lang) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create("/" + lang + "/")).build();
    }
}
