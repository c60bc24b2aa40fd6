package org.citypromise.web.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /live/cities/{cityId}}: a city page's stream of new numbers (Server-Sent Events). */
@RestController
class LiveController {

    private final LiveCityPages pages;

    LiveController(LiveCityPages pages) {
        this.pages = pages;
    }

    @GetMapping(path = "/live/cities/{cityId}", produces = "text/event-stream")
    ResponseEntity<SseEmitter> city(@PathVariable String cityId) {
        if (cityId.length() > 64 || !cityId.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        return pages.open(cityId);
    }
}
