package org.citypromise.inventory.application;

/** A request named a city that is not registered. */
public class UnknownCity extends RuntimeException {

    public UnknownCity(String cityId) {
        super("no city '" + cityId + "' is registered");
    }
}
