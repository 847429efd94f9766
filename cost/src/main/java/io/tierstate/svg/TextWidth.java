package io.tierstate.svg;

/**
 * The width of a line of text in DejaVu Sans (the pictures' first font, installed with the
 * {@code fonts-dejavu-core} package on Debian), from the font's advance widths, so a picture can
 * place a label where it fits. Characters outside printable ASCII count as one em, which errs wide.
 */
public final class TextWidth {

    /** Advance widths of U+0020..U+007E in DejaVu Sans, per 1000 units of the em. */
    private static final int[] REGULAR = {
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};

    /** The same for DejaVu Sans Bold. */
    private static final int[] BOLD = {
        348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
        696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
        1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
        733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
        500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
        716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838};

    private TextWidth() {}

    /**
     * @param text the text
     * @param size the font size in pixels
     * @param bold whether it is set in bold
     * @return its width in pixels
     */
    public static double of(String text, double size, boolean bold) {
        int[] table = bold ? BOLD : REGULAR;
        long units = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowSurrogate(c)) {
                continue;
            }
            units += c >= 0x20 && c <= 0x7E ? table[c - 0x20] : 1000;
        }
        return units * size / 1000.0;
    }

    /**
     * Shortens text to fit a width, ending it with an ellipsis when it is cut.
     *
     * @param text the text
     * @param size the font size in pixels
     * @param bold whether it is set in bold
     * @param width the width it must fit
     * @return the text, or its longest start that fits followed by {@code …}
     */
    public static String fit(String text, double size, boolean bold, double width) {
        if (of(text, size, bold) <= width) {
            return text;
        }
        int end = text.length();
        while (end > 0 && of(text.substring(0, end) + "…", size, bold) > width) {
            end--;
            if (end > 0 && Character.isLowSurrogate(text.charAt(end))) {
                end--;
            }
        }
        return text.substring(0, end) + "…";
    }
}
