package org.citypromise.system.browser;

/** The two screens every page is checked on: a phone held upright and a small laptop. */
public enum ScreenSize {

    /** A 6.1" phone (390×844 CSS pixels, the iPhone 12–15 class), emulated as a touch device. */
    PHONE("phone", 390, 844, true),
    DESKTOP("desktop", 1280, 800, false);

    private final String label;
    private final int width;
    private final int height;
    private final boolean mobile;

    ScreenSize(String label, int width, int height, boolean mobile) {
        this.label = label;
        this.width = width;
        this.height = height;
        this.mobile = mobile;
    }

    /** The name in screenshot and report file names. */
    public String label() {
        return label;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean mobile() {
        return mobile;
    }
}
